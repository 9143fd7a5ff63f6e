"""After a change of the zone data: event instants and deadlines recomputed from the typed local times, attendees
told, organisers shown what moved."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from icalendar import Calendar
from wagtail.models import Locale

from core.clock_changes import check_recomputed_times, recompute_times
from core.models import RecomputedTime
from events.models import EventCalendarState, EventPage, RegistrationSettings, TicketType
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
    [moved] = recompute_times(now=NOW, dry_run=True)

    assert (moved.kind, moved.object_id, moved.notified, moved.label) == (
        "event",
        digital_now.pk,
        2,
        "Digital Now 2027",
    )
    assert moved.wall_clock == dt.datetime(2027, 2, 10, 9, 0)
    assert moved.old == dt.datetime(2027, 2, 10, 8, tzinfo=dt.UTC)
    assert moved.new == dt.datetime(2027, 2, 10, 9, tzinfo=dt.UTC)
    assert not RecomputedTime.objects.exists()
    assert EventPage.objects.get(pk=digital_now.pk).start == dt.datetime(2027, 2, 10, 8, tzinfo=dt.UTC)
    assert EventCalendarState.objects.get(event=digital_now).sequence == 0
    assert mail.outbox == []


def test_recomputing_stores_the_right_instants_and_sends_sequence_plus_one_in_each_language(
    digital_now, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        recompute_times(now=NOW)

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
        recompute_times(now=NOW)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert recompute_times(now=NOW) == []
    assert mail.outbox == []


def test_an_alias_in_another_language_is_listed_once_and_moves_with_its_source(
    digital_now, django_capture_on_commit_callbacks
):
    english = digital_now.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True, alias=True)
    EventPage.objects.filter(pk=english.pk).update(start=digital_now.start - HOUR, end=digital_now.end - HOUR)

    [moved] = recompute_times(now=NOW, dry_run=True)
    assert moved.object_id == digital_now.pk
    with django_capture_on_commit_callbacks(execute=True):
        recompute_times(now=NOW)

    assert EventPage.objects.get(pk=english.pk).start == dt.datetime(2027, 2, 10, 9, tzinfo=dt.UTC)
    assert RecomputedTime.objects.filter(kind="event").count() == 1
    assert len(mail.outbox) == 2


def test_events_already_over_are_left_alone(events_index):
    past = EventPageFactory(parent=events_index, start_date=dt.date(2026, 6, 10), end_date=dt.date(2026, 6, 10))
    EventPage.objects.filter(pk=past.pk).update(start=past.start - HOUR, end=past.end - HOUR)

    assert recompute_times(now=NOW) == []


def test_the_check_warns_until_the_command_has_run(digital_now):
    [warning] = check_recomputed_times(databases=["default"])
    assert warning.id == "core.W003"
    assert "1 instant(s)" in warning.msg

    output = StringIO()
    call_command("recompute_event_times", stdout=output)

    assert (
        f"Événement\t{digital_now.pk}\tDigital Now 2027\t2027-02-10 09:00 Africa/Casablanca\t"
        "2027-02-10 08:00Z → 2027-02-10 09:00Z\t2 told"
    ) in output.getvalue()
    assert "1 instant(s) moved; 2 updated invitation(s) sent." in output.getvalue()
    assert check_recomputed_times(databases=["default"]) == []
    [logged] = RecomputedTime.objects.all()
    assert (logged.kind, logged.label, logged.notified) == ("event", "Digital Now 2027", 2)
    assert (logged.old, logged.new) == (
        dt.datetime(2027, 2, 10, 8, tzinfo=dt.UTC),
        dt.datetime(2027, 2, 10, 9, tzinfo=dt.UTC),
    )
    assert logged.wall_clock == dt.datetime(2027, 2, 10, 9, 0)


def test_the_command_dry_run_says_nothing_changed(digital_now, django_capture_on_commit_callbacks):
    output = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("recompute_event_times", "--dry-run", stdout=output)

    assert "Dry run: 1 instant(s) would move; nothing changed, nothing sent." in output.getvalue()
    assert mail.outbox == []
    assert not RecomputedTime.objects.exists()
    assert check_recomputed_times(databases=["default"])


def test_deadlines_typed_in_local_time_follow_the_zone_data(digital_now):
    """Sales end and the cancellation deadline were typed as 18:00 and 12:00 Casablanca time and stored (under the
    old data) as 17:00Z and 11:00Z; recomputing stores 18:00Z and 12:00Z, and the event-page lists say so."""
    ticket = TicketType.objects.get(event=digital_now)
    ticket.sales_end_local = dt.datetime(2027, 2, 8, 18, 0)
    ticket.save()
    settings = RegistrationSettings.objects.create(
        event=digital_now, is_open=True, cancellation_deadline_local=dt.datetime(2027, 2, 9, 12, 0)
    )
    assert ticket.sales_end == dt.datetime(2027, 2, 8, 18, tzinfo=dt.UTC)
    assert settings.cancellation_deadline == dt.datetime(2027, 2, 9, 12, tzinfo=dt.UTC)
    TicketType.objects.filter(pk=ticket.pk).update(sales_end=ticket.sales_end - HOUR)
    RegistrationSettings.objects.filter(pk=settings.pk).update(
        cancellation_deadline=settings.cancellation_deadline - HOUR
    )

    moved = {change.kind: change for change in recompute_times(now=NOW)}

    assert set(moved) == {"event", "sales_end", "cancellation_deadline"}
    assert moved["sales_end"].label == "Digital Now 2027 — Pass journée"
    assert (moved["sales_end"].old, moved["sales_end"].new) == (
        dt.datetime(2027, 2, 8, 17, tzinfo=dt.UTC),
        dt.datetime(2027, 2, 8, 18, tzinfo=dt.UTC),
    )
    assert TicketType.objects.get(pk=ticket.pk).sales_end == dt.datetime(2027, 2, 8, 18, tzinfo=dt.UTC)
    assert RegistrationSettings.objects.get(pk=settings.pk).cancellation_deadline == dt.datetime(
        2027, 2, 9, 12, tzinfo=dt.UTC
    )
    assert recompute_times(now=NOW) == []


def test_past_deadlines_of_a_coming_event_are_left_alone(digital_now):
    ticket = TicketType.objects.get(event=digital_now)
    ticket.sales_start_local = dt.datetime(2026, 11, 1, 9, 0)
    ticket.save()
    TicketType.objects.filter(pk=ticket.pk).update(sales_start=ticket.sales_start - HOUR)

    assert {change.kind for change in recompute_times(now=NOW, dry_run=True)} == {"event"}
