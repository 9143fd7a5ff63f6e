"""Ticket types, registration settings, questions, registrations and waitlist entries."""

import factory

from events.models import Question, Registration, RegistrationSettings, TicketType, WaitlistEntry
from members.models import Membership
from tests.factories.events import EventPageFactory
from tests.factories.members import OrganisationFactory, OrganisationMemberFactory
from tests.factories.memberships import MembershipFactory


class RegistrationSettingsFactory(factory.django.DjangoModelFactory):
    event = factory.SubFactory(EventPageFactory)
    is_open = True
    capacity = None
    payment_deadline_hours = 48
    waitlist_enabled = True
    waitlist_offer_hours = 24

    class Meta:
        model = RegistrationSettings
        django_get_or_create = ("event",)


class TicketTypeFactory(factory.django.DjangoModelFactory):
    """Free for members, 1 500,00 MAD for everyone else."""

    event = factory.SubFactory(EventPageFactory)
    name = factory.Sequence(lambda n: f"Pass journée {n}")
    name_en = factory.Sequence(lambda n: f"Day pass {n}")
    member_price = 0
    non_member_price = 150_000
    quota = None

    class Meta:
        model = TicketType


class QuestionFactory(factory.django.DjangoModelFactory):
    event = factory.SubFactory(EventPageFactory)
    label = factory.Sequence(lambda n: f"Question {n}")
    kind = Question.Kind.TEXT
    required = False

    class Meta:
        model = Question


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed, free registration written directly (use the services to test behaviour)."""

    ticket_type = factory.SubFactory(TicketTypeFactory)
    event = factory.SelfAttribute("ticket_type.event")
    attendee_name = factory.Faker("name", locale="fr_FR")
    attendee_email = factory.Sequence(lambda n: f"participant{n}@exemple.ma")
    status = Registration.Status.CONFIRMED
    price = 0

    class Meta:
        model = Registration


class WaitlistEntryFactory(factory.django.DjangoModelFactory):
    event = factory.SubFactory(EventPageFactory)
    name = factory.Faker("name", locale="fr_FR")
    email = factory.Sequence(lambda n: f"attente{n}@exemple.ma")

    class Meta:
        model = WaitlistEntry


def member_of_current_company(*, role="member", status=Membership.Status.ACTIVE, **user_fields):
    """A person (OrganisationMember) of a company whose membership has the given status."""
    organisation = OrganisationFactory()
    MembershipFactory(organisation=organisation, status=status)
    return OrganisationMemberFactory(
        organisation=organisation, role=role, **({"user__" + k: v for k, v in user_fields.items()})
    )
