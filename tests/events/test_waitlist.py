"""The waitlist: first come first served, offers that hold a seat, claims, expiry, leaving."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import formats, timezone, translation

from events.models import Registration, WaitlistEntry
from events.services import (
    AlreadyOnWaitlist,
    EventFull,
    OfferExpired,
    WaitlistClosed,
    registration_cancel,
    registration_create,
    registrations_expire,
    waitlist_claim,
    waitlist_expire_offers,
    waitlist_join,
    waitlist_leave,
)
from tests.factories.events import EventPageFactory
from tests.factories.registrations import RegistrationSettingsFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db

Entry = WaitlistEntry.Status


@pytest.fixture
def event(events_index):
    event = EventPageFactory(parent=events_index)
    RegistrationSettingsFactory(event=event, capacity=1)
    return event


@pytest.fixture
def ticket(event):
    return TicketTypeFactory(event=event, member_price=0, non_member_price=0)


@pytest.fixture
def holder(ticket):
    return registration_create(
        event=ticket.event, ticket_type=ticket, attendee_name="Ali Fassi", attendee_email="ali@a.ma"
    )


def join(ticket, email, name="Nour Idrissi"):
    return waitlist_join(event=ticket.event, ticket_type=ticket, name=name, email=email)


def free_the_seat(registration, staff_user):
    registration_cancel(registration=registration, by=staff_user)


def test_the_second_registration_when_full_is_offered_the_waitlist(ticket, holder):
    with pytest.raises(EventFull) as error:
        registration_create(event=ticket.event, ticket_type=ticket, attendee_name="B", attendee_email="b@b.ma")
    assert error.value.waitlist is True


def test_no_waitlist_when_the_event_has_none(event, ticket, holder):
    event.registration_settings.waitlist_enabled = False
    event.registration_settings.save()
    with pytest.raises(WaitlistClosed):
        join(ticket, "b@b.ma")


def test_joining_twice_is_refused(ticket, holder):
    join(ticket, "b@b.ma")
    with pytest.raises(AlreadyOnWaitlist):
        join(ticket, "B@b.ma")


def test_joining_sends_a_link_to_leave(ticket, holder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        entry = join(ticket, "b@b.ma")
    assert entry.status == Entry.WAITING
    assert f"/waitlist/{entry.token}/" in mail.outbox[-1].body


def test_a_freed_seat_is_offered_to_the_first_in_line(ticket, holder, staff_user, django_capture_on_commit_callbacks):
    first = join(ticket, "first@b.ma")
    second = join(ticket, "second@b.ma")
    with django_capture_on_commit_callbacks(execute=True):
        free_the_seat(holder, staff_user)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Entry.OFFERED, Entry.WAITING)
    assert first.offer_expires_at == pytest.approx(timezone.now() + timedelta(hours=24), abs=timedelta(minutes=1))
    offer = next(message for message in mail.outbox if message.to == ["first@b.ma"])
    assert f"/waitlist/{first.token}/claim/" in offer.body


def test_a_seat_under_offer_is_not_taken_by_someone_else(ticket, holder, staff_user):
    join(ticket, "first@b.ma")
    free_the_seat(holder, staff_user)
    with pytest.raises(EventFull):
        registration_create(event=ticket.event, ticket_type=ticket, attendee_name="C", attendee_email="c@b.ma")


def test_claiming_the_offer_registers_the_person(ticket, holder, staff_user):
    entry = join(ticket, "first@b.ma")
    free_the_seat(holder, staff_user)
    registration = waitlist_claim(entry=entry)
    entry.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.attendee_email == "first@b.ma"
    assert (entry.status, entry.registration) == (Entry.CLAIMED, registration)


def test_a_claimed_offer_cannot_be_claimed_again(ticket, holder, staff_user):
    entry = join(ticket, "first@b.ma")
    free_the_seat(holder, staff_user)
    waitlist_claim(entry=entry)
    with pytest.raises(OfferExpired):
        waitlist_claim(entry=entry)


def test_a_paid_ticket_claimed_from_the_waitlist_goes_through_its_order(event, staff_user):
    ticket = TicketTypeFactory(event=event, non_member_price=90_000)
    holder = registration_create(event=event, ticket_type=ticket, attendee_name="A", attendee_email="a@a.ma")
    entry = join(ticket, "first@b.ma")
    free_the_seat(holder, staff_user)
    registration = waitlist_claim(entry=entry)
    assert registration.status == Registration.Status.RESERVED
    assert registration.order.total == 90_000


def test_an_expired_offer_passes_to_the_next_person(ticket, holder, staff_user):
    first = join(ticket, "first@b.ma")
    second = join(ticket, "second@b.ma")
    free_the_seat(holder, staff_user)
    WaitlistEntry.objects.filter(pk=first.pk).update(offer_expires_at=timezone.now() - timedelta(minutes=1))
    assert waitlist_expire_offers() == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Entry.EXPIRED, Entry.OFFERED)
    with pytest.raises(OfferExpired):
        waitlist_claim(entry=first)


def test_leaving_with_an_offer_passes_it_on(ticket, holder, staff_user):
    first = join(ticket, "first@b.ma")
    second = join(ticket, "second@b.ma")
    free_the_seat(holder, staff_user)
    waitlist_leave(entry=first)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Entry.LEFT, Entry.OFFERED)


def test_an_expired_reservation_offers_its_seat_to_the_waitlist(event):
    ticket = TicketTypeFactory(event=event, non_member_price=90_000)
    holder = registration_create(event=event, ticket_type=ticket, attendee_name="A", attendee_email="a@a.ma")
    entry = join(ticket, "first@b.ma")
    Registration.objects.filter(pk=holder.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    registrations_expire()
    entry.refresh_from_db()
    assert entry.status == Entry.OFFERED


def test_joining_while_a_seat_is_free_offers_it_at_once(event, ticket):
    entry = join(ticket, "first@b.ma")
    assert entry.status == Entry.OFFERED


def test_the_offer_e_mail_states_until_when_it_holds(ticket, holder, staff_user, django_capture_on_commit_callbacks):
    entry = join(ticket, "first@b.ma")
    with django_capture_on_commit_callbacks(execute=True):
        free_the_seat(holder, staff_user)
    entry.refresh_from_db()
    offer = next(message for message in mail.outbox if message.to == ["first@b.ma"])
    with translation.override("fr"):
        until = formats.date_format(timezone.localtime(entry.offer_expires_at), "DATETIME_FORMAT")
    assert until in offer.body
