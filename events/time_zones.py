"""Wall-clock times of an event, in the event's own time zone.

Organisers announce "10:00 in Casablanca", not an instant in UTC. Morocco suspends its UTC+1 offset during
Ramadan on dates fixed each year, so the same 10:00 is 09:00 UTC in April and 10:00 UTC in February.
"""

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

HOME_TIME_ZONE = "Africa/Casablanca"


class NonExistentLocalTime(ValueError):
    """The wall-clock time is skipped by a clock change in that zone (clocks jump forward over it)."""


@cache
def time_zone_names() -> list[str]:
    return sorted(available_timezones())


def time_zone_choices() -> list[tuple[str, str]]:
    # A callable, so migrations don't freeze the tz database's list of names.
    return [(name, name.replace("_", " ")) for name in time_zone_names()]


def local_to_aware(day: dt.date, time: dt.time, zone_name: str, *, strict: bool = True) -> dt.datetime:
    """The instant at which clocks in `zone_name` show `day` `time`.

    During the hour repeated when clocks go back, the first occurrence is taken. A time skipped when clocks go
    forward raises NonExistentLocalTime when `strict`, else is read with the offset in force before the change.
    """
    zone = ZoneInfo(zone_name)
    naive = dt.datetime.combine(day, time)
    aware = naive.replace(tzinfo=zone)
    if strict and aware.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != naive:
        raise NonExistentLocalTime(f"{naive} does not exist in {zone_name}")
    return aware


def is_time_zone(name: str) -> bool:
    return name in _time_zone_set()


@cache
def _time_zone_set() -> frozenset[str]:
    return frozenset(available_timezones())
