import pytest
from wagtail.models import Site

from cms.models import AssociationSettings
from members.models import OrganisationMember
from tests.factories.payments import BuyerFactory, BuyerOrganisationFactory

WEBHOOK_SECRET = "whsec_test_majlis_payments"


@pytest.fixture(autouse=True)
def _payments_settings(settings):
    settings.PAYMENTS_VAT_RATE = "0"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET


@pytest.fixture(autouse=True)
def association(request):
    """The seller: ASTEC, as the secretariat fills it in the CMS settings."""
    if request.node.get_closest_marker("django_db") is None:
        return None
    site = Site.objects.get(is_default_site=True)
    association = AssociationSettings.for_site(site)
    association.name = "ASTEC — Association des sociétés du Technopark"
    association.address = "Technopark, Route de Nouaceur"
    association.city = "Casablanca"
    association.ice = "001234567000062"
    association.if_number = "40123456"
    association.rc = "Casablanca 123456"
    association.bank_name = "Banque Populaire"
    association.bank_account_holder = "ASTEC"
    association.rib = "190780212111234567890123"
    association.save()
    return association


@pytest.fixture
def company():
    return BuyerOrganisationFactory()


@pytest.fixture
def member_of(db):
    def _member_of(organisation, **kwargs):
        user = BuyerFactory(**kwargs)
        OrganisationMember.objects.create(organisation=organisation, user=user)
        return user

    return _member_of
