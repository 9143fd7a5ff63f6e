"""Times in .ics files are right for clients that trust the file's VTIMEZONE, for any date of 2026–2035.

Each test rebuilds the zone from the .ics text alone (tests/events/vtimezone_reader.py) and compares it with the
pinned tzdata package (core.time.pinned_zone, the truth whatever the machine carries): at every event, at every
hour of the ten years, and minute by minute around every offset change. Under the current law Morocco's last
changes are Ramadan 2026 and the move to permanent UTC+0 on 20 September 2026; the Ramadan periods of 2023–2025
are kept as the test of short periods.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from core.time import pinned_zone
from events.calendars import event_ics, events_feed_ics
from tests.events.vtimezone_reader import event_times, read_vtimezones
from tests.factories.events import EventPageFactory

CASABLANCA = "Africa/Casablanca"
FIRST = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
END = dt.datetime(2036, 1, 1, tzinfo=dt.UTC)
LAW_CHANGE = dt.datetime(2026, 9, 20, 1, 0, tzinfo=dt.UTC)  # 03:00 +01 became 02:00 +00, for good
RAMADAN_YEARS = (dt.datetime(2023, 1, 1, tzinfo=dt.UTC), dt.datetime(2026, 9, 1, tzinfo=dt.UTC))


def zoneinfo_changes(zone_name: str, start: dt.datetime, end: dt.datetime) -> list[tuple[dt.datetime, dt.timedelta]]:
    """Hours at whose end the offset has changed (scanned hour by hour): (end of that hour, new offset)."""
    zone, changes = pinned_zone(zone_name), []
    instant, offset = start, start.astimezone(zone).utcoffset()
    while instant < end:
        instant += dt.timedelta(hours=1)
        new_offset = instant.astimezone(zone).utcoffset()
        if new_offset != offset:
            changes.append((instant, new_offset))
            offset = new_offset
    return changes


def ramadan_periods() -> list[tuple[dt.datetime, dt.datetime]]:
    """Casablanca's Ramadan UTC+0 periods of 2023–2026, from the pinned data: (first hour at +0, first hour back
    at +1)."""
    changes = zoneinfo_changes(CASABLANCA, *RAMADAN_YEARS)
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


def test_the_pinned_data_have_the_ramadan_periods_until_2026_then_permanent_utc_plus_0():
    # Guards the other tests: they would pass trivially on a tz database without Morocco's Ramadan rule, and
    # would test the old law on one without the 2026 change.
    assert {start.year for start, _end in ramadan_periods()} == {2023, 2024, 2025, 2026}
    assert zoneinfo_changes(CASABLANCA, FIRST, END)[-1] == (LAW_CHANGE, dt.timedelta(0))
    assert zoneinfo_changes(CASABLANCA, LAW_CHANGE, END) == []


def test_the_zone_in_use_is_the_pinned_one_whatever_the_machine_carries():
    zone = ZoneInfo(CASABLANCA)
    assert dt.datetime(2026, 12, 10, 9, tzinfo=zone).utcoffset() == dt.timedelta(0)
    assert dt.datetime(2027, 7, 1, 9, tzinfo=zone).utcoffset() == dt.timedelta(0)


def test_after_the_law_change_an_event_file_has_a_single_standard_observance_at_utc(events_index):
    event = event_on(events_index, dt.date(2029, 6, 1))
    text = event_ics(event).decode()
    vtimezone = text[text.index("BEGIN:VTIMEZONE") : text.index("END:VTIMEZONE")]
    assert vtimezone.count("BEGIN:STANDARD") == 1
    assert "BEGIN:DAYLIGHT" not in vtimezone
    assert "TZOFFSETTO:+0000" in vtimezone
    rebuilt = read_vtimezones(text)[CASABLANCA]
    assert rebuilt.utcoffset(dt.datetime(2029, 6, 1, 10, tzinfo=dt.UTC)) == dt.timedelta(0)


def test_a_file_spanning_the_change_writes_the_past_transitions_then_utc_for_good(events_index):
    before = event_on(events_index, dt.date(2026, 3, 2))  # during Ramadan 2026
    after = event_on(events_index, dt.date(2027, 3, 2))  # where the old rule had Ramadan 2027
    rebuilt = read_vtimezones(events_feed_ics([before, after], name="Events"))[CASABLANCA]
    assert rebuilt.last_onset == LAW_CHANGE
    assert rebuilt.utcoffset(dt.datetime(2026, 7, 1, tzinfo=dt.UTC)) == dt.timedelta(hours=1)
    assert rebuilt.utcoffset(dt.datetime(2027, 3, 2, 10, tzinfo=dt.UTC)) == dt.timedelta(0)
    assert rebuilt.to_utc(dt.datetime(2027, 3, 2, 10)) == after.start


def test_rebuilt_casablanca_matches_zoneinfo_at_every_hour_of_2026_to_2035(ten_years_feed):
    rebuilt = read_vtimezones(ten_years_feed)[CASABLANCA]
    zone = pinned_zone(CASABLANCA)
    instant, mismatches = FIRST, []
    while instant < END:
        if rebuilt.utcoffset(instant) != instant.astimezone(zone).utcoffset():
            mismatches.append(instant)
        instant += dt.timedelta(hours=1)
    assert mismatches == []


def test_rebuilt_casablanca_changes_offset_at_the_same_minute_as_the_pinned_data_around_every_change(events_index):
    first = event_on(events_index, dt.date(2024, 1, 8))
    last = event_on(events_index, dt.date(2027, 1, 11))
    rebuilt = read_vtimezones(events_feed_ics([first, last], name="Events"))[CASABLANCA]
    zone = pinned_zone(CASABLANCA)
    checked = 0
    changes = [change for period in ramadan_periods() for change in period if change.year >= 2024] + [LAW_CHANGE]
    for change in changes:
        # Minute by minute over the two hours around the change.
        for minute in range(121):
            instant = change - dt.timedelta(hours=1) + dt.timedelta(minutes=minute)
            assert rebuilt.utcoffset(instant) == instant.astimezone(zone).utcoffset(), instant
            checked += 1
    assert checked == 7 * 121


def test_every_offset_change_is_written_as_an_explicit_onset(ten_years_feed):
    rebuilt = read_vtimezones(ten_years_feed)[CASABLANCA]
    onsets_in_range = [onset for onset in rebuilt.onsets if FIRST <= onset < END]
    assert onsets_in_range == [instant for instant, _offset in zoneinfo_changes(CASABLANCA, FIRST, END)]
    assert len(onsets_in_range) == 3  # Ramadan 2026 in and out, then the law change


def test_events_during_and_around_every_ramadan_read_back_at_their_instant(events_index):
    events = []
    for start, end in ramadan_periods():
        events += [
            event_on(events_index, (start + dt.timedelta(days=10)).date()),  # during Ramadan: UTC+0
            event_on(events_index, (end + dt.timedelta(days=7)).date()),  # after it: UTC+1 (until the law change)
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
    event = event_on(events_index, (period_start + dt.timedelta(days=5)).date())  # Ramadan 2023

    written_start = Calendar.from_ical(event_ics(event)).events[0]["DTSTART"]

    assert written_start.params["TZID"] == CASABLANCA
    assert written_start.to_ical() == event.local_start.strftime("%Y%m%dT%H%M%S").encode()
    assert event.start.utcoffset() == dt.timedelta(0)
    assert event.start.astimezone(dt.UTC).hour == 10


def test_a_single_event_file_covers_the_year_before_and_after_the_event(events_index):
    event = event_on(events_index, dt.date(2031, 6, 1), zone="Europe/Paris")
    rebuilt = read_vtimezones(event_ics(event))["Europe/Paris"]
    assert rebuilt.first_onset <= dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    assert rebuilt.last_onset >= dt.datetime(2032, 1, 1, tzinfo=dt.UTC) - dt.timedelta(days=90)
    casablanca = read_vtimezones(event_ics(event_on(events_index, dt.date(2031, 6, 1))))[CASABLANCA]
    assert casablanca.first_onset <= dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    assert casablanca.onsets == [casablanca.first_onset]  # one observance: UTC+0 for the whole range


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
    zone = pinned_zone("Europe/Paris")
    instant = dt.datetime(2029, 1, 1, tzinfo=dt.UTC)
    while instant < dt.datetime(2032, 1, 1, tzinfo=dt.UTC):
        assert rebuilt.utcoffset(instant) == instant.astimezone(zone).utcoffset(), instant
        instant += dt.timedelta(hours=1)
