"""Wall-clock times of an event, in the event's own time zone.

Organisers announce "10:00 in Casablanca", not an instant in UTC. The instant follows the law in force: until
September 2026 Morocco was on UTC+1 with Ramadan dips to UTC+0, since 20 September 2026 it is on UTC+0 for good
(IANA 2026c). The zone data are the pinned tzdata package (core.time), and when they change the instants are
recomputed from the typed wall-clock times (`manage.py recompute_event_times`).
"""

from functools import cache
from zoneinfo import available_timezones

from core.time import HOME_TIME_ZONE, NonExistentLocalTime, local_to_aware

__all__ = [
    "HOME_TIME_ZONE",
    "NonExistentLocalTime",
    "is_time_zone",
    "local_to_aware",
    "time_zone_choices",
    "time_zone_names",
]


@cache
def time_zone_names() -> list[str]:
    return sorted(available_timezones())


def time_zone_choices() -> list[tuple[str, str]]:
    # A callable, so migrations don't freeze the tz database's list of names.
    return [(name, name.replace("_", " ")) for name in time_zone_names()]


def is_time_zone(name: str) -> bool:
    return name in _time_zone_set()


@cache
def _time_zone_set() -> frozenset[str]:
    return frozenset(available_timezones())
