"""After a change of the zone data: event instants recomputed from the typed local times, and attendees told."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from icalendar import Calendar

from events.models import EventCalendarState, EventPage
from events.recompute import check_event_times, recompute_event_times
from tests.factories.events import EventPageFactory
from tests.factories.registrations import RegistrationFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)
NOW = dt.datetime(2026, 12, 3, 12, tzinfo=dt.UTC)


@pytest.fixture
def digital_now(events_index):
    """Digital Now at 09:00 in Casablanca on 10 February 2027, published and held by two attendees, saved (as
    on a server with Debian's 2025b zone data) an hour early: 08:00Z, the old rule's UTC+1."""
    event = EventPageFactory(
        parent=events_index,
        title="Digital Now 2027",
        start_date=dt.date(2027, 2, 10),
        start_time=dt.time(9, 0),
        end_date=dt.date(2027, 2, 10),
        end_time=dt.time(18, 0),
    )
    event.save_revision().publish()
    ticket = TicketTypeFactory(event=event, name="Pass journée", name_ar="تذكرة اليوم")
    RegistrationFactory(ticket_type=ticket, attendee_email="salma@atlas.ma", language="fr")
    RegistrationFactory(ticket_type=ticket, attendee_email="youssef@sahara.ma", language="ar")
    stale = {"start": event.start - HOUR, "end": event.end - HOUR}
    EventPage.objects.filter(pk=event.pk).update(**stale)
    EventCalendarState.objects.filter(event=event).update(published_start=stale["start"], published_end=stale["end"])
    mail.outbox.clear()
    return event


def invitation(message) -> Calendar:
    (attachment,) = [item for item in message.attachments if item.mimetype == "text/calendar"]
    return Calendar.from_ical(attachment.content)


def test_a_dry_run_lists_the_event_and_changes_and_sends_nothing(digital_now):
    [moved] = recompute_event_times(now=NOW, dry_run=True)

    assert (moved.event_id, moved.attendees, moved.live) == (digital_now.pk, 2, True)
    assert moved.old_start == dt.datetime(2027, 2, 10, 8, tzinfo=dt.UTC)
    assert moved.new_start == dt.datetime(2027, 2, 10, 9, tzinfo=dt.UTC)
    assert EventPage.objects.get(pk=digital_now.pk).start == dt.datetime(2027, 2, 10, 8, tzinfo=dt.UTC)
    assert EventCalendarState.objects.get(event=digital_now).sequence == 0
    assert mail.outbox == []


def test_recomputing_stores_the_right_instants_and_sends_sequence_plus_one_in_each_language(
    digital_now, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        recompute_event_times(now=NOW)

    event = EventPage.objects.get(pk=digital_now.pk)
    assert (event.start, event.end) == (
        dt.datetime(2027, 2, 10, 9, tzinfo=dt.UTC),
        dt.datetime(2027, 2, 10, 18, tzinfo=dt.UTC),
    )
    assert EventCalendarState.objects.get(event=event).sequence == 1
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"salma@atlas.ma", "youssef@sahara.ma"}
    for message in by_address.values():
        calendar = invitation(message)
        vevent = calendar.events[0]
        assert calendar["METHOD"] == "REQUEST"
        assert int(vevent["SEQUENCE"]) == 1
        assert str(vevent["UID"]) == f"event-{event.pk}@testserver"
        assert vevent.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(2027, 2, 10, 9, tzinfo=dt.UTC)
    assert by_address["salma@atlas.ma"].subject.startswith("Nouvelle date ou heure")
    assert "Digital Now 2027" in by_address["youssef@sahara.ma"].subject
    assert not by_address["youssef@sahara.ma"].subject.startswith("Nouvelle")


def test_a_second_run_finds_nothing_and_sends_nothing(digital_now, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        recompute_event_times(now=NOW)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert recompute_event_times(now=NOW) == []
    assert mail.outbox == []


def test_events_already_over_are_left_alone(events_index):
    past = EventPageFactory(parent=events_index, start_date=dt.date(2026, 6, 10), end_date=dt.date(2026, 6, 10))
    EventPage.objects.filter(pk=past.pk).update(start=past.start - HOUR, end=past.end - HOUR)

    assert recompute_event_times(now=NOW) == []


def test_the_check_warns_until_the_command_has_run(digital_now):
    [warning] = check_event_times(databases=["default"])
    assert warning.id == "events.W003"
    assert "1 event(s)" in warning.msg

    output = StringIO()
    call_command("recompute_event_times", stdout=output)

    assert "Digital Now 2027\t2027-02-10 09:00 Africa/Casablanca\t2027-02-10 08:00Z → 2027-02-10 09:00Z" in (
        output.getvalue()
    )
    assert "1 event(s) moved; 2 attendee(s) sent an updated invitation." in output.getvalue()
    assert check_event_times(databases=["default"]) == []


def test_the_command_dry_run_says_nothing_changed(digital_now, django_capture_on_commit_callbacks):
    output = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("recompute_event_times", "--dry-run", stdout=output)

    assert "Dry run: 1 event(s) would move; nothing changed, nothing sent." in output.getvalue()
    assert mail.outbox == []
    assert check_event_times(databases=["default"])
