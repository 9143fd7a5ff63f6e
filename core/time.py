"""One source of time-zone truth: the `tzdata` package pinned in uv.lock.

Python's zoneinfo reads the operating system's zone files before the `tzdata` package, and those are often stale
(Debian's 2025b still has Africa/Casablanca at UTC+1 with Ramadan dips; since 2026c the law is permanent UTC+0
from 20 September 2026). `config.tz.use_pinned_tzdata()` runs first thing in manage.py, WSGI, ASGI and the
settings, so that every zone computation in this process and its children uses the pinned package; the system
checks (core.checks) fail when it does not, and warn when PostgreSQL's own zone data disagree.

Queries never ask the database to convert to a zone: the bounds of a local day, month or year are computed here,
in Python, and compared with the stored UTC instants.

To follow a change of the law: bump `tzdata` in uv.lock (`uv lock --upgrade-package tzdata`), deploy, then run
`manage.py recompute_event_times` (the check `events.W003` says when it is needed).
"""

import datetime as dt
import os
import time
import zoneinfo
from importlib import resources

HOME_TIME_ZONE = "Africa/Casablanca"
# The zones whose data the check compares: Morocco's and the ones its associations meet most (fairs in France,
# Spain, Germany; the Gulf).
CHECKED_ZONES = (HOME_TIME_ZONE, "Europe/Paris", "Europe/Madrid", "Europe/Berlin", "Asia/Dubai", "UTC")


def pinned_zone(name: str) -> zoneinfo.ZoneInfo:
    """The zone as the pinned `tzdata` package has it, whatever zoneinfo's search path says."""
    with resources.files("tzdata.zoneinfo").joinpath(*name.split("/")).open("rb") as data:
        return zoneinfo.ZoneInfo.from_file(data, key=name)


def pin_process_zone(name: str) -> None:
    """Point the C library's local time (`time.localtime`, the timestamps of log lines) at the pinned file of
    `name`. Django sets TZ to the bare zone name, which the C library looks up in the system's stale folder."""
    path = resources.files("tzdata.zoneinfo").joinpath(*name.split("/"))
    if hasattr(time, "tzset") and path.is_file():
        os.environ["TZ"] = f":{path}"
        time.tzset()


def system_zone(name: str) -> zoneinfo.ZoneInfo:
    """The zone as the operating system's files have it (the folders zoneinfo searches when not pinned), or as the
    pinned package has it when the system has no such file. It is how instants were computed before the pinning:
    migrations use it to recover the wall-clock times that rows saved then were typed in."""
    import sysconfig

    for folder in (sysconfig.get_config_var("TZPATH") or "").split(os.pathsep):
        path = os.path.join(folder, *name.split("/")) if folder else ""
        if path and os.path.isfile(path):
            with open(path, "rb") as data:
                return zoneinfo.ZoneInfo.from_file(data, key=name)
    return pinned_zone(name)


def pinned_version() -> str:
    import tzdata

    return tzdata.IANA_VERSION


def _samples(start_year: int = 2000, end_year: int = 2040):
    """Instants every 12 hours: fine enough to catch a Ramadan dip of a few weeks, coarse enough to be quick."""
    instant = dt.datetime(start_year, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(end_year, 1, 1, tzinfo=dt.UTC)
    while instant < end:
        yield instant
        instant += dt.timedelta(hours=12)


def zone_disagreements(names=CHECKED_ZONES) -> dict[str, dt.datetime]:
    """For each zone whose data in use differ from the pinned package: the first instant they disagree on."""
    found = {}
    for name in names:
        in_use, pinned = zoneinfo.ZoneInfo(name), pinned_zone(name)
        for instant in _samples():
            if instant.astimezone(in_use).utcoffset() != instant.astimezone(pinned).utcoffset():
                found[name] = instant
                break
    return found


# --- Wall-clock times --------------------------------------------------------------------------------------


class NonExistentLocalTime(ValueError):
    """The wall-clock time is skipped by a clock change in that zone (clocks jump forward over it)."""


def local_to_aware(day: dt.date, time: dt.time, zone_name: str, *, strict: bool = True) -> dt.datetime:
    """The instant at which clocks in `zone_name` show `day` `time`.

    During the hour repeated when clocks go back, the first occurrence is taken. A time skipped when clocks go
    forward raises NonExistentLocalTime when `strict`, else is read with the offset in force before the change.
    """
    zone = zoneinfo.ZoneInfo(zone_name)
    naive = dt.datetime.combine(day, time)
    aware = naive.replace(tzinfo=zone)
    if strict and aware.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != naive:
        raise NonExistentLocalTime(f"{naive} does not exist in {zone_name}")
    return aware


def wall_clock_to_instant(local: dt.datetime, zone_name: str, *, strict: bool = False) -> dt.datetime:
    """A naive wall-clock time of `zone_name` as an aware instant in UTC (see local_to_aware)."""
    return local_to_aware(local.date(), local.time(), zone_name, strict=strict).astimezone(dt.UTC)


def instant_to_wall_clock(instant: dt.datetime, zone_name: str) -> dt.datetime:
    """What clocks in `zone_name` show at `instant`, naive."""
    return instant.astimezone(zoneinfo.ZoneInfo(zone_name)).replace(tzinfo=None)


# --- UTC bounds of local periods ------------------------------------------------------------------------------


def _zone(zone) -> zoneinfo.ZoneInfo:
    if zone is None:
        from django.utils import timezone

        return timezone.get_current_timezone()
    return zoneinfo.ZoneInfo(zone) if isinstance(zone, str) else zone


def start_of_day(day: dt.date, zone=None) -> dt.datetime:
    """The instant `day` begins in `zone` (the current time zone by default), in UTC."""
    return dt.datetime.combine(day, dt.time(), tzinfo=_zone(zone)).astimezone(dt.UTC)


def day_bounds(first: dt.date, last: dt.date | None = None, zone=None) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) in UTC of the local days `first` to `last` (inclusive; `first` alone by default)."""
    return start_of_day(first, zone), start_of_day((last or first) + dt.timedelta(days=1), zone)


def month_bounds(year: int, month: int, zone=None) -> tuple[dt.datetime, dt.datetime]:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return start_of_day(dt.date(year, month, 1), zone), start_of_day(following, zone)


def year_bounds(year: int, zone=None) -> tuple[dt.datetime, dt.datetime]:
    return start_of_day(dt.date(year, 1, 1), zone), start_of_day(dt.date(year + 1, 1, 1), zone)


def within(field: str, bounds: tuple[dt.datetime, dt.datetime]) -> dict[str, dt.datetime]:
    """The lookups that keep `field` in [start, end): `Order.objects.filter(**within("paid_at", year_bounds(2026)))`."""
    start, end = bounds
    return {f"{field}__gte": start, f"{field}__lt": end}
