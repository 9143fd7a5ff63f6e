"""Brokerage sessions, meeting profiles and meeting requests (B2B meetings at an event)."""

import datetime as dt

import factory
from django.utils import timezone

from partnerships.models import BrokerageSession, MeetingProfile, MeetingRequest
from tests.factories.events import EventPageFactory
from tests.factories.members import MemberUserFactory, OrganisationFactory
from tests.factories.registrations import RegistrationFactory


class BrokerageSessionFactory(factory.django.DjangoModelFactory):
    """One day (the event's), 09:00–12:00 in 20-minute slots with a break 10:20–10:40: 8 slots, 2 tables."""

    event = factory.SubFactory(EventPageFactory)
    slot_minutes = 20
    day_start = dt.time(9, 0)
    day_end = dt.time(12, 0)
    breaks = factory.LazyFunction(lambda: [["10:20", "10:40"]])
    tables = 2
    cap = 4
    request_deadline = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))

    class Meta:
        model = BrokerageSession


class MeetingProfileFactory(factory.django.DjangoModelFactory):
    """An opted-in participant with a confirmed registration for the session's event, for a company."""

    session = factory.SubFactory(BrokerageSessionFactory)
    user = factory.SubFactory(MemberUserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    registration = factory.LazyAttribute(
        lambda o: RegistrationFactory(
            ticket_type__event=o.session.event, user=o.user, organisation=o.organisation, attendee_email=o.user.email
        )
    )
    name = factory.LazyAttribute(lambda o: o.registration.attendee_name)
    company_name = factory.LazyAttribute(lambda o: o.organisation.display_name if o.organisation else "")

    class Meta:
        model = MeetingProfile


class MeetingRequestFactory(factory.django.DjangoModelFactory):
    session = factory.SubFactory(BrokerageSessionFactory)
    requester = factory.SubFactory(MeetingProfileFactory, session=factory.SelfAttribute("..session"))
    recipient = factory.SubFactory(MeetingProfileFactory, session=factory.SelfAttribute("..session"))
    message = "Nous aimerions vous présenter notre offre de sous-traitance."

    class Meta:
        model = MeetingRequest
