"""The .ics file of one event, its "add to calendar" links, and its SEQUENCE across publications."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from events.calendars import event_ics, google_calendar_url, outlook_calendar_url
from events.models import EventCalendarState
from tests.factories.events import EventPageFactory

pytestmark = pytest.mark.django_db


def parse(ics: bytes) -> Calendar:
    return Calendar.from_ical(ics)


def publish(event, **changes):
    """Publish a revision of `event` with `changes`, as an editor does in the admin."""
    for field, value in changes.items():
        setattr(event, field, value)
    event.save_revision().publish()
    event.refresh_from_db()
    return event


@pytest.fixture
def event(events_index):
    return EventPageFactory(
        parent=events_index,
        title="Digital Now 2027",
        summary="La conférence du numérique.",
        start_date=dt.date(2027, 5, 12),
        start_time=dt.time(9, 30),
        end_date=dt.date(2027, 5, 12),
        end_time=dt.time(18, 0),
        venue_name="Technopark",
        address="Route de Nouaceur",
        city="Casablanca",
        is_online=True,
        online_url="https://meet.example.ma/secret-room",
    )


def test_event_file_has_a_stable_uid_and_the_event_times_in_its_zone(event):
    calendar = parse(event_ics(event))
    vevent = calendar.events[0]

    assert "METHOD" not in calendar  # a plain file: no ORGANIZER, so no METHOD:PUBLISH (RFC 5546)
    assert vevent["UID"] == f"event-{event.pk}@testserver"
    assert vevent["SEQUENCE"] == 0
    assert vevent["DTSTART"].params["TZID"] == "Africa/Casablanca"
    assert vevent["DTEND"].params["TZID"] == "Africa/Casablanca"
    assert vevent.decoded("DTSTART") == event.start
    assert vevent.decoded("DTEND") == event.end
    assert vevent.decoded("DTSTART").replace(tzinfo=None) == dt.datetime(2027, 5, 12, 9, 30)
    assert "DTSTAMP" in vevent


def test_event_file_describes_the_event_with_a_link_to_its_page(event):
    vevent = parse(event_ics(event)).events[0]

    assert vevent["SUMMARY"] == "Digital Now 2027"
    assert vevent["URL"] == "http://testserver" + event.url
    assert "La conférence du numérique." in vevent["DESCRIPTION"]
    assert "http://testserver" + event.url in vevent["DESCRIPTION"]
    assert vevent["LOCATION"] == "Technopark, Route de Nouaceur, Casablanca"
    assert vevent["STATUS"] == "CONFIRMED"


def test_public_event_file_never_shows_the_online_link(event):
    assert b"secret-room" not in event_ics(event)


def test_download_offers_the_file_of_a_published_event(client, event):
    response = client.get(f"/calendar/events/{event.pk}.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    assert parse(response.content).events[0]["UID"] == f"event-{event.pk}@testserver"


def test_download_of_a_draft_event_is_not_found(client, events_index):
    draft = EventPageFactory(parent=events_index, live=False)

    assert client.get(f"/calendar/events/{draft.pk}.ics").status_code == 404


def test_download_of_a_restricted_event_is_not_found(client, event):
    PageViewRestriction.objects.create(page=event, restriction_type=PageViewRestriction.LOGIN)

    assert client.get(f"/calendar/events/{event.pk}.ics").status_code == 404


def test_download_answers_not_modified_when_the_file_has_not_changed(client, event):
    first = client.get(f"/calendar/events/{event.pk}.ics")

    again = client.get(f"/calendar/events/{event.pk}.ics", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304


def test_download_is_the_same_file_whatever_the_second_it_is_asked(client, event, monkeypatch):
    # Two requests that straddle a second (or an hour) must carry the same ETag: nothing in the file is "now".
    first = client.get(f"/calendar/events/{event.pk}.ics")
    later = timezone.now() + dt.timedelta(hours=1, seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)

    again = client.get(f"/calendar/events/{event.pk}.ics")

    assert again["ETag"] == first["ETag"]
    assert again.content == first.content


def test_event_page_offers_the_file_and_google_and_outlook_links(client, event):
    text = client.get(event.url).text

    assert f'href="/calendar/events/{event.pk}.ics"' in text
    assert "https://calendar.google.com/calendar/render?" in text
    assert "https://outlook.live.com/calendar/0/action/compose?" in text
    assert "https://outlook.office.com/calendar/0/action/compose?" in text


def test_past_event_page_offers_no_calendar_links(client, events_index):
    past = EventPageFactory(parent=events_index, days_from_now=-30)

    assert f"/calendar/events/{past.pk}.ics" not in client.get(past.url).text


def test_google_link_gives_the_times_in_utc_during_ramadan(events_index):
    # 10:00 in Casablanca during Ramadan 2027 (UTC+0) is 10:00 UTC.
    event = EventPageFactory(
        parent=events_index, start_date=dt.date(2027, 2, 20), start_time=dt.time(10, 0), end_time=dt.time(12, 0)
    )

    query = parse_qs(urlsplit(google_calendar_url(event)).query)

    assert query["action"] == ["TEMPLATE"]
    assert query["dates"] == ["20270220T100000Z/20270220T120000Z"]
    assert query["text"] == [event.title]


def test_google_link_gives_the_times_in_utc(event):
    # 09:30 in Casablanca in May 2027 is 09:30 UTC: permanent UTC+0 since 20 September 2026.
    query = parse_qs(urlsplit(google_calendar_url(event)).query)

    assert query["dates"] == ["20270512T093000Z/20270512T180000Z"]
    assert query["location"] == ["Technopark, Route de Nouaceur, Casablanca"]


def test_outlook_link_gives_the_times_in_utc(event):
    query = parse_qs(urlsplit(outlook_calendar_url(event)).query)

    assert query["startdt"] == ["2027-05-12T09:30:00Z"]
    assert query["enddt"] == ["2027-05-12T18:00:00Z"]
    assert query["subject"] == ["Digital Now 2027"]
    assert "secret-room" not in query["body"][0]


def test_first_publication_records_the_times_with_sequence_zero(event):
    publish(event)

    state = EventCalendarState.objects.get(event=event)
    assert (state.sequence, state.published_start, state.published_end) == (0, event.start, event.end)


def test_publishing_new_times_bumps_the_sequence(event):
    publish(event)

    publish(event, start_time=dt.time(10, 0))

    assert parse(event_ics(event)).events[0]["SEQUENCE"] == 1
    assert EventCalendarState.objects.get(event=event).published_start == event.start


def test_every_change_of_time_bumps_the_sequence_again(event):
    publish(event)
    publish(event, end_time=dt.time(19, 0))

    publish(event, start_date=dt.date(2027, 5, 13), end_date=dt.date(2027, 5, 13))

    assert parse(event_ics(event)).events[0]["SEQUENCE"] == 2


def test_publishing_without_a_change_of_time_keeps_the_sequence(event):
    publish(event)

    publish(event, title="Digital Now 2027 — 3e édition", summary="Nouveau résumé.")

    assert parse(event_ics(event)).events[0]["SEQUENCE"] == 0


def test_a_draft_with_new_times_does_not_bump_the_sequence(event):
    publish(event)
    event.start_time = dt.time(11, 0)

    event.save_revision()

    assert EventCalendarState.objects.get(event=event).sequence == 0


def test_uid_stays_the_same_when_the_times_change(event):
    before = parse(event_ics(event)).events[0]["UID"]

    publish(event)
    publish(event, start_time=dt.time(8, 0))

    assert parse(event_ics(event)).events[0]["UID"] == before
