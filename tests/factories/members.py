"""Member companies and their people."""

import factory
from allauth.account.models import EmailAddress

from members.models import MembershipApplication, Organisation, OrganisationMember, Role, Sector, User
from members.services.invitations import invitation_create
from members.services.people import sync_members_group
from tests.factories.identifiers import valid_ice

PASSWORD = "Sable-Dune-Argan-42"


class MemberUserFactory(factory.django.DjangoModelFactory):
    """A person with password PASSWORD and a verified primary e-mail address."""

    email = factory.Sequence(lambda n: f"staff{n}@entreprise.example.ma")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.django.Password(PASSWORD)

    class Meta:
        model = User
        skip_postgeneration_save = True

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=True)


class SectorFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Secteur {n}")
    name_en = factory.Sequence(lambda n: f"Sector {n}")
    slug = factory.Sequence(lambda n: f"sector-{n}")

    class Meta:
        model = Sector


class OrganisationFactory(factory.django.DjangoModelFactory):
    legal_name = factory.Sequence(lambda n: f"Société {n:04d} SARL")
    slug = factory.Sequence(lambda n: f"societe-{n:04d}")
    legal_form = "SARL"
    ice = factory.Sequence(lambda n: valid_ice(f"{n:09d}0001"))
    city = "Casablanca"
    region = "casablanca-settat"
    size_band = "small"
    description = "Éditeur de logiciels installé au Technopark de Casablanca."
    contact_email = factory.Sequence(lambda n: f"contact{n}@societe.example.ma")
    status = Organisation.Status.ACTIVE

    class Meta:
        model = Organisation


class OrganisationMemberFactory(factory.django.DjangoModelFactory):
    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(MemberUserFactory)
    role = Role.MEMBER

    class Meta:
        model = OrganisationMember
        skip_postgeneration_save = True

    @factory.post_generation
    def members_group(self, create, extracted, **kwargs):
        if create:
            sync_members_group(user=self.user)


class AdminFactory(OrganisationMemberFactory):
    role = Role.ADMIN


class MembershipApplicationFactory(factory.django.DjangoModelFactory):
    organisation = factory.SubFactory(OrganisationFactory, status=Organisation.Status.APPLICANT)
    applicant = factory.SubFactory(MemberUserFactory)
    motivation = "Nous voulons rejoindre l'écosystème du Technopark."

    class Meta:
        model = MembershipApplication


def invite(*, organisation, email, by, role=Role.MEMBER):
    """Invite through the service and return (invitation, link path read from the e-mail)."""
    from django.core import mail

    invitation = invitation_create(organisation=organisation, email=email, role=role, by=by)
    body = mail.outbox[-1].body
    url = next(word for word in body.split() if "/invitations/" in word)
    return invitation, url.removeprefix("http://testserver")
