"""Never overbook: many people registering at the same instant, on PostgreSQL (SQLite serialises writers anyway)."""

import threading

import pytest
from django.db import connection, connections

from events.models import Registration, WaitlistEntry
from events.services import EventFull, registration_cancel, registration_create, waitlist_claim, waitlist_join
from tests.factories.accounts import StaffUserFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.registrations import RegistrationSettingsFactory, TicketTypeFactory

THREADS = 20
SEATS = 5


@pytest.fixture
def event(db):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks only serialise on PostgreSQL.")
    from wagtail.models import Site

    index = EventIndexPageFactory(parent=Site.objects.get(is_default_site=True).root_page)
    return EventPageFactory(parent=index)


def compete(ticket, count: int = THREADS) -> dict[str, int]:
    """`count` guests register for `ticket` at the same instant; returns how each attempt ended."""
    barrier = threading.Barrier(count)
    outcomes: dict[str, int] = {}
    lock = threading.Lock()

    def attempt(number: int) -> None:
        try:
            barrier.wait()
            registration_create(
                event=ticket.event,
                ticket_type=ticket,
                attendee_name=f"Invité {number}",
                attendee_email=f"invite{number}@course.ma",
            )
            outcome = "registered"
        except EventFull:
            outcome = "full"
        except Exception as error:
            outcome = repr(error)
        finally:
            connections.close_all()
        with lock:
            outcomes[outcome] = outcomes.get(outcome, 0) + 1

    threads = [threading.Thread(target=attempt, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_registrations_never_exceed_the_ticket_quota(event):
    RegistrationSettingsFactory(event=event, capacity=None)
    ticket = TicketTypeFactory(event=event, quota=SEATS, non_member_price=0)
    outcomes = compete(ticket)
    assert outcomes == {"registered": SEATS, "full": THREADS - SEATS}
    assert Registration.objects.holding_seat().filter(ticket_type=ticket).count() == SEATS


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_registrations_never_exceed_the_event_capacity(event):
    RegistrationSettingsFactory(event=event, capacity=SEATS)
    ticket = TicketTypeFactory(event=event, quota=None, non_member_price=150_000)
    outcomes = compete(ticket)
    assert outcomes == {"registered": SEATS, "full": THREADS - SEATS}
    assert Registration.objects.holding_seat().filter(event=event).count() == SEATS
    # Paid tickets: the losers' orders were rolled back with them.
    assert Registration.objects.filter(order__isnull=False).count() == SEATS


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_seat_under_offer_is_not_taken_by_a_newcomer_racing_its_claim(event):
    RegistrationSettingsFactory(event=event, capacity=1)
    ticket = TicketTypeFactory(event=event, non_member_price=0)
    holder = registration_create(
        event=event, ticket_type=ticket, attendee_name="Premier Arrivé", attendee_email="premier@course.ma"
    )
    waitlist_join(event=event, ticket_type=ticket, name="Attente Un", email="attente@course.ma")
    registration_cancel(registration=holder, by=StaffUserFactory())  # the secretariat
    entry = WaitlistEntry.objects.get(status=WaitlistEntry.Status.OFFERED)

    barrier = threading.Barrier(THREADS + 1)
    results = []

    def claim():
        barrier.wait()
        try:
            results.append(waitlist_claim(entry=entry).status)
        finally:
            connections.close_all()

    claimer = threading.Thread(target=claim)
    claimer.start()
    others = []

    def newcomer(number):
        barrier.wait()
        try:
            registration_create(
                event=event, ticket_type=ticket, attendee_name=f"N {number}", attendee_email=f"n{number}@course.ma"
            )
            others.append("registered")
        except EventFull:
            others.append("full")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=newcomer, args=(number,)) for number in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in [claimer, *threads]:
        thread.join()
    assert results == [Registration.Status.CONFIRMED]
    assert others == ["full"] * THREADS
    assert Registration.objects.holding_seat().filter(event=event).count() == 1
