"""Orders and the people and companies who buy them."""

import factory

from members.models import Organisation, User
from payments.services.orders import LineSpec, order_create
from tests.factories.identifiers import valid_ice


class BuyerFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"buyer{n}@technopark.example.ma")
    first_name = "Nadia"
    last_name = "El Idrissi"
    preferred_language = "fr"

    class Meta:
        model = User


class BuyerOrganisationFactory(factory.django.DjangoModelFactory):
    legal_name = factory.Sequence(lambda n: f"Atlas Logiciels {n} SARL")
    slug = factory.Sequence(lambda n: f"atlas-logiciels-{n}")
    # Establishment 0002, so that these never take an OrganisationFactory ICE (establishment 0001).
    ice = factory.Sequence(lambda n: valid_ice(f"{n:09d}0002"))
    city = "Casablanca"
    region = "casablanca-settat"
    contact_email = factory.Sequence(lambda n: f"compta{n}@atlas.example.ma")
    status = Organisation.Status.ACTIVE

    class Meta:
        model = Organisation


def dues_line(amount: int = 500_000, **kwargs) -> LineSpec:
    return LineSpec(kind="dues", description="Cotisation annuelle 2026", unit_amount=amount, **kwargs)


def other_line(amount: int = 500_000, **kwargs) -> LineSpec:
    return LineSpec(kind="other", description="Participation — Forum inter-clusters 2026", unit_amount=amount, **kwargs)


def make_order(*, lines=None, organisation=None, buyer_user=None, **kwargs):
    """A pending order of 5 000,00 MAD, made through the service. Its line is of kind "other" so that the
    handlers other apps register for dues or tickets stay out of payments' own tests."""
    if organisation is None and buyer_user is None:
        buyer_user = BuyerFactory()
    return order_create(lines=lines or [other_line()], organisation=organisation, buyer_user=buyer_user, **kwargs)
