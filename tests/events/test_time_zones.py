import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.events.i18n import fr
from tests.factories.events import EventPageFactory

UTC = dt.UTC

pytestmark = pytest.mark.django_db


def test_ten_oclock_in_casablanca_during_ramadan_2026_is_ten_utc(events_index):
    # Before the law change Morocco dropped to UTC+0 for Ramadan: 15 February to 22 March 2026.
    event = EventPageFactory(parent=events_index, start_date=dt.date(2026, 3, 1), start_time=dt.time(10, 0))
    event.refresh_from_db()
    assert event.start == dt.datetime(2026, 3, 1, 10, 0, tzinfo=UTC)


def test_ten_oclock_in_casablanca_before_the_law_change_outside_ramadan_is_nine_utc(events_index):
    event = EventPageFactory(parent=events_index, start_date=dt.date(2026, 6, 10), start_time=dt.time(10, 0))
    event.refresh_from_db()
    assert event.start == dt.datetime(2026, 6, 10, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("day", [dt.date(2026, 12, 10), dt.date(2027, 2, 20), dt.date(2027, 4, 20)])
def test_ten_oclock_in_casablanca_since_the_law_change_is_ten_utc_all_year(events_index, day):
    # Permanent UTC+0 from 20 September 2026 (IANA 2026c and later): no more Ramadan dips.
    event = EventPageFactory(parent=events_index, start_date=day, start_time=dt.time(10, 0))
    event.refresh_from_db()
    assert event.start == dt.datetime.combine(day, dt.time(10, 0), tzinfo=UTC)


def test_paris_event_is_stored_in_paris_time(events_index):
    event = EventPageFactory(
        parent=events_index,
        time_zone="Europe/Paris",
        start_date=dt.date(2027, 7, 1),
        start_time=dt.time(14, 0),
        end_date=dt.date(2027, 7, 1),
        end_time=dt.time(16, 0),
    )
    event.refresh_from_db()
    assert event.start == dt.datetime(2027, 7, 1, 12, 0, tzinfo=UTC)
    assert event.end == dt.datetime(2027, 7, 1, 14, 0, tzinfo=UTC)


def test_changing_the_time_zone_moves_the_instant_not_the_wall_clock(events_index):
    event = EventPageFactory(parent=events_index, start_date=dt.date(2027, 7, 1), start_time=dt.time(14, 0))
    event.time_zone = "Europe/Paris"
    event.save()
    event.refresh_from_db()
    assert (event.start_time, event.start) == (dt.time(14, 0), dt.datetime(2027, 7, 1, 12, 0, tzinfo=UTC))


def test_time_skipped_by_the_clock_change_is_refused(events_index):
    # Clocks go from 02:00 to 03:00 in Paris on 28 March 2027 (Casablanca has no clock change any more).
    event = EventPageFactory.build(
        time_zone="Europe/Paris",
        start_date=dt.date(2027, 3, 28),
        start_time=dt.time(2, 30),
        end_date=dt.date(2027, 3, 28),
        end_time=dt.time(5, 0),
    )
    with pytest.raises(ValidationError) as error:
        event.clean()
    skipped = "This time does not exist in %(zone)s: the clocks move forward over it."
    assert fr(skipped, zone="Europe/Paris") in str(error.value.message_dict["start_time"])


def test_event_ending_before_it_starts_is_refused():
    event = EventPageFactory.build(start_time=dt.time(17, 0), end_time=dt.time(9, 0))
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert error.value.message_dict["end_time"] == [fr("The event must end after it starts.")]


def test_unknown_time_zone_is_refused():
    event = EventPageFactory.build(time_zone="Mars/Olympus_Mons")
    with pytest.raises(ValidationError) as error:
        event.clean_fields()
    assert "time_zone" in error.value.message_dict
