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
