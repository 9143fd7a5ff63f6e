"""Checking attendees in at the door: the service, the staff page and its live count."""

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from events.checkin import (
    AlreadyCheckedIn,
    NotConfirmed,
    OtherEvent,
    arrivals,
    normalise_code,
    registration_check_in,
)
from events.models import Registration
from events.services import NotPermitted
from tests.events.i18n import fr, fr_html
from tests.events.staff import REGISTRATION_PERMISSIONS, log_in, staff_user
from tests.factories.events import EventPageFactory
from tests.factories.members import MemberUserFactory, OrganisationFactory
from tests.factories.registrations import RegistrationFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status
CASABLANCA = ZoneInfo("Africa/Casablanca")


@pytest.fixture
def event(events_index):
    return EventPageFactory(parent=events_index, title="Forum inter-clusters")


@pytest.fixture
def ticket(event):
    return TicketTypeFactory(event=event, name="Pass journée")


@pytest.fixture
def attendee(ticket):
    return RegistrationFactory(
        ticket_type=ticket,
        attendee_name="Salma Bennani",
        organisation=OrganisationFactory(legal_name="Atlas Logiciels SARL"),
    )


@pytest.fixture
def door_staff():
    return staff_user(*REGISTRATION_PERMISSIONS, first_name="Youssef", last_name="Alaoui")


@pytest.fixture
def door(client, door_staff):
    return log_in(client, door_staff)


def check_in_url(event):
    return reverse("events:check_in", args=[event.pk])


# --- The service ----------------------------------------------------------------------------------------------


def test_first_check_in_records_when_and_by_whom(attendee, door_staff):
    registration_check_in(registration=attendee, by=door_staff)

    attendee.refresh_from_db()
    assert attendee.checked_in_by == door_staff
    assert timezone.now() - attendee.checked_in_at < dt.timedelta(seconds=5)


def test_second_check_in_says_when_and_by_whom(attendee, door_staff):
    registration_check_in(registration=attendee, by=door_staff)
    attendee.refresh_from_db()

    with pytest.raises(AlreadyCheckedIn) as refused:
        registration_check_in(registration=attendee, by=staff_user(*REGISTRATION_PERMISSIONS))

    when = attendee.checked_in_at.astimezone(CASABLANCA).strftime("%H:%M")
    assert str(refused.value.message) == fr(
        "Already checked in at %(time)s by %(name)s.", time=when, name="Youssef Alaoui"
    )
    attendee.refresh_from_db()
    assert attendee.checked_in_by == door_staff


def test_check_in_is_recorded_in_the_registration_history(attendee, door_staff):
    registration_check_in(registration=attendee, by=door_staff)

    entry = ModelLogEntry.objects.get(action="events.registration_check_in")
    assert entry.object_id == str(attendee.pk)
    assert entry.user == door_staff


@pytest.mark.parametrize("status", [Status.CANCELLED, Status.EXPIRED, Status.RESERVED])
def test_a_ticket_that_is_not_confirmed_cannot_be_checked_in(ticket, door_staff, status):
    registration = RegistrationFactory(ticket_type=ticket, status=status)

    with pytest.raises(NotConfirmed):
        registration_check_in(registration=registration, by=door_staff)

    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_a_ticket_for_another_event_is_refused_at_this_door(attendee, door_staff, events_index):
    other_event = EventPageFactory(parent=events_index)

    with pytest.raises(OtherEvent):
        registration_check_in(registration=attendee, by=door_staff, event=other_event)


def test_a_member_cannot_check_anyone_in(attendee):
    with pytest.raises(NotPermitted):
        registration_check_in(registration=attendee, by=MemberUserFactory())

    attendee.refresh_from_db()
    assert attendee.checked_in_at is None


def test_arrivals_count_checked_in_confirmed_attendees_only(ticket, door_staff):
    arrived = RegistrationFactory(ticket_type=ticket)
    RegistrationFactory(ticket_type=ticket)
    RegistrationFactory(ticket_type=ticket, status=Status.CANCELLED)
    registration_check_in(registration=arrived, by=door_staff)

    counts = arrivals(event=ticket.event)

    assert (counts.checked_in, counts.confirmed) == (1, 2)


@pytest.mark.parametrize(
    "scanned",
    [
        "Ab3_-xYz9KLm",
        "  Ab3_-xYz9KLm\n",
        "https://majlis.ma/registrations/Ab3_-xYz9KLm/",
        "https://x.ma/t/Ab3_-xYz9KLm?s=1",
    ],
)
def test_a_scanned_code_or_a_url_ending_in_it_reads_as_the_code(scanned):
    assert normalise_code(scanned) == "Ab3_-xYz9KLm"


# --- Who may open the page ------------------------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_log_in(client, event):
    response = client.get(check_in_url(event))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_member_cannot_open_the_check_in_page(client, event, attendee):
    client.force_login(MemberUserFactory())

    response = client.get(check_in_url(event))
    posted = client.post(check_in_url(event), {"code": attendee.code, "step": "check_in"})

    assert response.status_code == 403
    assert posted.status_code == 403
    attendee.refresh_from_db()
    assert attendee.checked_in_at is None


def test_staff_without_the_registration_permission_cannot_open_the_check_in_page(client, event):
    log_in(client, staff_user("view_registration"))

    assert client.get(check_in_url(event)).status_code == 403
    assert client.get(reverse("events:check_in_count", args=[event.pk])).status_code == 403


def test_the_live_count_is_refused_to_members(client, event):
    client.force_login(MemberUserFactory())

    response = client.get(reverse("events:check_in_count", args=[event.pk]))

    assert response.status_code == 403


# --- The page -------------------------------------------------------------------------------------------------


def test_door_staff_see_the_count_of_arrivals(door, event, ticket, door_staff):
    registration_check_in(registration=RegistrationFactory(ticket_type=ticket), by=door_staff)
    RegistrationFactory(ticket_type=ticket)

    response = door.get(check_in_url(event))

    assert response.status_code == 200
    assert "data-checkin-arrived>1</strong>" in response.text
    assert "data-checkin-confirmed>2</span>" in response.text
    assert "js/checkin.js" in response.text


def test_typing_a_code_shows_the_attendee_before_marking_them_present(door, event, attendee):
    response = door.post(check_in_url(event), {"code": attendee.code, "step": "lookup"})

    assert response.status_code == 200
    assert "Salma Bennani" in response.text
    assert "Atlas Logiciels SARL" in response.text
    assert "Pass journée" in response.text
    assert 'name="step" value="check_in"' in response.text
    attendee.refresh_from_db()
    assert attendee.checked_in_at is None


def test_marking_present_checks_the_attendee_in(door, event, attendee, door_staff):
    response = door.post(check_in_url(event), {"code": attendee.code, "step": "check_in"})

    assert response.status_code == 200
    assert 'data-checkin-status="checked-in"' in response.text
    assert "data-checkin-arrived>1</strong>" in response.text
    attendee.refresh_from_db()
    assert attendee.checked_in_by == door_staff


def test_scanning_a_ticket_twice_says_when_and_by_whom(door, event, attendee, door_staff):
    door.post(check_in_url(event), {"code": attendee.code, "step": "check_in"})
    attendee.refresh_from_db()

    response = door.post(check_in_url(event), {"code": attendee.code, "step": "check_in"})

    assert response.status_code == 409
    when = attendee.checked_in_at.astimezone(CASABLANCA).strftime("%H:%M")
    assert fr_html("Already checked in at %(time)s by %(name)s.", time=when, name="Youssef Alaoui") in response.text


def test_an_unknown_code_says_so(door, event):
    response = door.post(check_in_url(event), {"code": "nothing-here", "step": "lookup"})

    assert response.status_code == 404
    assert fr_html("No ticket has this code. Check it and try again.") in response.text


def test_a_cancelled_ticket_is_refused_with_its_holder_named(door, event, ticket):
    cancelled = RegistrationFactory(ticket_type=ticket, attendee_name="Karim Tazi", status=Status.CANCELLED)

    response = door.post(check_in_url(event), {"code": cancelled.code, "step": "check_in"})

    assert response.status_code == 409
    assert fr_html("This registration was cancelled.") in response.text
    assert "Karim Tazi" in response.text
    cancelled.refresh_from_db()
    assert cancelled.checked_in_at is None


def test_a_ticket_for_another_event_is_refused_on_the_page(door, events_index, attendee):
    other_event = EventPageFactory(parent=events_index)

    response = door.post(check_in_url(other_event), {"code": attendee.code, "step": "check_in"})

    assert response.status_code == 409
    assert fr_html("This ticket is for another event: %(event)s.", event="Forum inter-clusters") in response.text


def test_an_empty_code_asks_for_one(door, event):
    response = door.post(check_in_url(event), {"code": "  ", "step": "lookup"})

    assert response.status_code == 400
    assert fr("Scan a ticket or type its code.") in response.text


def test_a_qr_code_holding_a_url_checks_in_too(door, event, attendee):
    response = door.post(
        check_in_url(event), {"code": f"https://majlis.example.ma/registrations/{attendee.code}/", "step": "check_in"}
    )

    assert response.status_code == 200
    attendee.refresh_from_db()
    assert attendee.checked_in_at is not None


def test_the_live_count_answers_json(door, event, ticket, door_staff):
    registration_check_in(registration=RegistrationFactory(ticket_type=ticket), by=door_staff)
    RegistrationFactory(ticket_type=ticket)
    RegistrationFactory(ticket_type=ticket, status=Status.RESERVED)

    response = door.get(reverse("events:check_in_count", args=[event.pk]))

    assert response.status_code == 200
    assert response.json() == {"checked_in": 1, "confirmed": 2}


# --- Two phones, one ticket (PostgreSQL) ----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_phones_scanning_the_same_ticket_at_once_check_it_in_once(events_index):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks only serialise on PostgreSQL.")
    registration = RegistrationFactory(ticket_type=TicketTypeFactory(event=EventPageFactory(parent=events_index)))
    phones = [staff_user(*REGISTRATION_PERMISSIONS) for _ in range(6)]
    barrier = threading.Barrier(len(phones))
    outcomes, lock = [], threading.Lock()

    def scan(phone) -> None:
        try:
            barrier.wait()
            registration_check_in(registration=registration, by=phone)
            outcome = "checked in"
        except AlreadyCheckedIn:
            outcome = "already"
        except Exception as error:  # any other outcome fails the test below
            outcome = repr(error)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=scan, args=(phone,)) for phone in phones]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["already"] * 5 + ["checked in"]
    assert ModelLogEntry.objects.filter(action="events.registration_check_in").count() == 1
