"""Times in .ics files are right for clients that trust the file's VTIMEZONE, for any date of 2026–2035.

Each test rebuilds the zone from the .ics text alone (tests/events/vtimezone_reader.py) and compares it with
zoneinfo: at every event, at every hour of the ten years, and minute by minute around every offset change
(Morocco's Ramadan periods included).
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from events.calendars import event_ics, events_feed_ics
from tests.events.vtimezone_reader import event_times, read_vtimezones
from tests.factories.events import EventPageFactory

CASABLANCA = "Africa/Casablanca"
FIRST = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
END = dt.datetime(2036, 1, 1, tzinfo=dt.UTC)


def zoneinfo_changes(zone_name: str, start: dt.datetime, end: dt.datetime) -> list[tuple[dt.datetime, dt.timedelta]]:
    """Hours at whose end the offset has changed (scanned hour by hour): (end of that hour, new offset)."""
    zone, changes = ZoneInfo(zone_name), []
    instant, offset = start, start.astimezone(zone).utcoffset()
    while instant < end:
        instant += dt.timedelta(hours=1)
        new_offset = instant.astimezone(zone).utcoffset()
        if new_offset != offset:
            changes.append((instant, new_offset))
            offset = new_offset
    return changes


def ramadan_periods() -> list[tuple[dt.datetime, dt.datetime]]:
    """Casablanca's UTC+0 periods of 2026–2035, from zoneinfo: (first hour at +0, first hour back at +1)."""
    changes = zoneinfo_changes(CASABLANCA, FIRST, END)
    starts = [instant for instant, offset in changes if offset == dt.timedelta(0)]
    ends = [instant for instant, offset in changes if offset == dt.timedelta(hours=1)]
    return list(zip(starts, ends, strict=True))


def event_on(parent, day: dt.date, *, hour: int = 10, zone: str = CASABLANCA, **kwargs):
    return EventPageFactory(
        parent=parent,
        start_date=day,
        start_time=dt.time(hour, 0),
        end_date=day,
        end_time=dt.time(hour + 2, 0),
        time_zone=zone,
        **kwargs,
    )


@pytest.fixture
def ten_years_feed(events_index):
    """A feed with one event at each end of 2026–2035, so that its VTIMEZONE spans the ten years."""
    first = event_on(events_index, dt.date(2026, 1, 5))
    last = event_on(events_index, dt.date(2035, 12, 28))
    return events_feed_ics([first, last], name="Events")


def test_every_year_from_2026_to_2035_has_a_ramadan_period_in_zoneinfo():
    # Guards the other tests: they would pass trivially on a tz database without Morocco's Ramadan rule.
    years = {start.year for start, _end in ramadan_periods()}
    assert years >= set(range(2026, 2036))


def test_rebuilt_casablanca_matches_zoneinfo_at_every_hour_of_2026_to_2035(ten_years_feed):
    rebuilt = read_vtimezones(ten_years_feed)[CASABLANCA]
    zone = ZoneInfo(CASABLANCA)
    instant, mismatches = FIRST, []
    while instant < END:
        if rebuilt.utcoffset(instant) != instant.astimezone(zone).utcoffset():
            mismatches.append(instant)
        instant += dt.timedelta(hours=1)
    assert mismatches == []


def test_rebuilt_casablanca_changes_offset_at_the_same_minute_as_zoneinfo_around_every_ramadan(ten_years_feed):
    rebuilt = read_vtimezones(ten_years_feed)[CASABLANCA]
    zone = ZoneInfo(CASABLANCA)
    checked = 0
    for start, end in ramadan_periods():
        for change in (start, end):
            # Minute by minute over the two hours around the change, and the seconds on each side of it.
            instants = [change - dt.timedelta(hours=1) + dt.timedelta(minutes=m) for m in range(121)]
            for instant in instants:
                assert rebuilt.utcoffset(instant) == instant.astimezone(zone).utcoffset(), instant
                checked += 1
    assert checked >= 20 * 121


def test_ramadan_offset_changes_are_written_as_explicit_onsets(ten_years_feed):
    rebuilt = read_vtimezones(ten_years_feed)[CASABLANCA]
    onsets_in_range = [onset for onset in rebuilt.onsets if FIRST <= onset < END]
    assert len(onsets_in_range) == 2 * len(ramadan_periods())


def test_events_during_and_around_every_ramadan_read_back_at_their_instant(events_index):
    events = []
    for start, end in ramadan_periods():
        events += [
            event_on(events_index, (start + dt.timedelta(days=10)).date()),  # during Ramadan: UTC+0
            event_on(events_index, (end + dt.timedelta(days=7)).date()),  # after it: UTC+1
            event_on(events_index, end.date(), hour=9),  # on the day the clocks go forward again
        ]
    ics = events_feed_ics(events, name="Events")

    zones, written = read_vtimezones(ics), event_times(ics)
    for event in events:
        start_zone, start, end_zone, end = written[f"event-{event.pk}@testserver"]
        assert start_zone == end_zone == CASABLANCA
        assert zones[CASABLANCA].to_utc(start) == event.start
        assert zones[CASABLANCA].to_utc(end) == event.end


def test_an_event_during_ramadan_is_written_at_its_local_time(events_index):
    period_start, _end = ramadan_periods()[0]
    event = event_on(events_index, (period_start + dt.timedelta(days=5)).date())

    written_start = Calendar.from_ical(event_ics(event)).events[0]["DTSTART"]

    assert written_start.params["TZID"] == CASABLANCA
    assert written_start.to_ical() == event.local_start.strftime("%Y%m%dT%H%M%S").encode()
    assert event.start.utcoffset() == dt.timedelta(0)
    assert event.start.astimezone(dt.UTC).hour == 10


def test_a_single_event_file_covers_the_year_before_and_after_the_event(events_index):
    event = event_on(events_index, dt.date(2031, 6, 1))
    rebuilt = read_vtimezones(event_ics(event))[CASABLANCA]
    assert rebuilt.first_onset <= dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    assert rebuilt.last_onset >= dt.datetime(2032, 1, 1, tzinfo=dt.UTC) - dt.timedelta(days=60)


def test_an_event_in_paris_gets_its_own_time_zone_next_to_casablanca(events_index):
    paris = event_on(events_index, dt.date(2027, 10, 29), zone="Europe/Paris")  # days after the autumn change
    casablanca = event_on(events_index, dt.date(2027, 2, 20))  # during Ramadan 2027
    ics = events_feed_ics([paris, casablanca], name="Events")

    zones, written = read_vtimezones(ics), event_times(ics)

    assert set(zones) == {"Europe/Paris", CASABLANCA}
    for event in (paris, casablanca):
        start_zone, start, _end_zone, _end = written[f"event-{event.pk}@testserver"]
        assert start_zone == event.time_zone
        assert zones[start_zone].to_utc(start) == event.start


def test_rebuilt_paris_matches_zoneinfo_hour_by_hour_around_its_event(events_index):
    paris = event_on(events_index, dt.date(2030, 3, 31), zone="Europe/Paris")
    rebuilt = read_vtimezones(event_ics(paris))["Europe/Paris"]
    zone = ZoneInfo("Europe/Paris")
    instant = dt.datetime(2029, 1, 1, tzinfo=dt.UTC)
    while instant < dt.datetime(2032, 1, 1, tzinfo=dt.UTC):
        assert rebuilt.utcoffset(instant) == instant.astimezone(zone).utcoffset(), instant
        instant += dt.timedelta(hours=1)
