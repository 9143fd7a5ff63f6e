"""Guessing codes at the door: after too many unknown codes in a while, the check-in page answers 429."""

import time

import pytest
from django.urls import reverse

from events import checkin_limits
from events.checkin import UnknownCode
from events.checkin_limits import TooManyAttempts, limited_checkin_lookup
from tests.events.i18n import fr_html
from tests.events.staff import REGISTRATION_PERMISSIONS, log_in, staff_user
from tests.factories.events import EventPageFactory
from tests.factories.registrations import RegistrationFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db

FAILURE_LIMIT = 3


@pytest.fixture(autouse=True)
def _small_limit(monkeypatch):
    # A few misses show the behaviour as well as thirty, in a tenth of the time.
    monkeypatch.setattr(checkin_limits, "FAILURE_LIMIT", FAILURE_LIMIT)


@pytest.fixture
def event(events_index):
    return EventPageFactory(parent=events_index)


@pytest.fixture
def attendee(event):
    return RegistrationFactory(ticket_type=TicketTypeFactory(event=event))


@pytest.fixture
def door_staff():
    return staff_user(*REGISTRATION_PERMISSIONS)


@pytest.fixture
def door(client, door_staff):
    return log_in(client, door_staff)


def check_in_url(event):
    return reverse("events:check_in", args=[event.pk])


def miss(door, event, times: int):
    for attempt in range(times):
        response = door.post(check_in_url(event), {"code": f"WRONG-{attempt:04d}", "step": "lookup"})
        assert response.status_code == 404


def test_unknown_codes_up_to_the_limit_are_each_answered_not_found(door, event):
    miss(door, event, FAILURE_LIMIT)


def test_past_the_limit_the_page_answers_429_with_a_message(door, event, attendee):
    miss(door, event, FAILURE_LIMIT)

    response = door.post(check_in_url(event), {"code": attendee.code, "step": "check_in"})

    assert response.status_code == 429
    assert fr_html(str(TooManyAttempts.message)) in response.text
    assert 'data-checkin-status="error"' in response.text
    attendee.refresh_from_db()
    assert attendee.checked_in_at is None


def test_a_real_ticket_found_does_not_wipe_the_count(door, event, attendee):
    # Otherwise one real ticket interleaved with guesses would allow guessing for ever.
    miss(door, event, FAILURE_LIMIT - 1)
    assert door.post(check_in_url(event), {"code": attendee.code, "step": "lookup"}).status_code == 200
    miss(door, event, 1)

    assert door.post(check_in_url(event), {"code": attendee.code, "step": "lookup"}).status_code == 429


def test_refused_tickets_that_exist_are_not_counted_as_guesses(door, event, attendee, door_staff):
    door.post(check_in_url(event), {"code": attendee.code, "step": "check_in"})

    for _ in range(FAILURE_LIMIT + 1):
        assert door.post(check_in_url(event), {"code": attendee.code, "step": "check_in"}).status_code == 409
    assert checkin_limits.failures(door_staff) == 0


def test_an_empty_code_is_not_counted(door, event, door_staff):
    for _ in range(FAILURE_LIMIT + 1):
        assert door.post(check_in_url(event), {"code": " ", "step": "lookup"}).status_code == 400
    assert checkin_limits.failures(door_staff) == 0


def test_the_limit_is_per_person(client, door, event, attendee):
    miss(door, event, FAILURE_LIMIT)
    colleague = log_in(client.__class__(), staff_user(*REGISTRATION_PERMISSIONS))

    response = colleague.post(check_in_url(event), {"code": attendee.code, "step": "check_in"})

    assert response.status_code == 200
    attendee.refresh_from_db()
    assert attendee.checked_in_at is not None


def test_the_count_runs_out_with_its_window(event, attendee, door_staff, monkeypatch):
    for _ in range(FAILURE_LIMIT):
        with pytest.raises(UnknownCode):
            limited_checkin_lookup(event=event, code="nothing", user=door_staff)
    later = time.time() + checkin_limits.WINDOW_SECONDS + 1
    monkeypatch.setattr(time, "time", lambda: later)  # the clock the local-memory cache expires keys by

    assert limited_checkin_lookup(event=event, code=attendee.code, user=door_staff) == attendee


def test_the_service_counts_unknown_codes_and_then_refuses(event, attendee, door_staff):
    for _ in range(FAILURE_LIMIT):
        with pytest.raises(UnknownCode):
            limited_checkin_lookup(event=event, code="nothing", user=door_staff)

    with pytest.raises(TooManyAttempts) as refused:
        limited_checkin_lookup(event=event, code=attendee.code, user=door_staff)
    assert refused.value.status_code == 429
    assert checkin_limits.failures(door_staff) == FAILURE_LIMIT
