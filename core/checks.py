"""System checks on the zone data (core.time): the pinned `tzdata` package must be what Python uses, and
PostgreSQL's own copy, which it uses for AT TIME ZONE, should agree with it."""

import datetime as dt
import zoneinfo

from django.core import checks
from django.db import connections

from core.time import CHECKED_ZONES, pinned_version, zone_disagreements


def check_zone_data(app_configs=None, **kwargs):
    found = zone_disagreements()
    if not found:
        return []
    zones = ", ".join(f"{name} (from {instant:%Y-%m-%d})" for name, instant in found.items())
    return [
        checks.Error(
            f"The time-zone data in use differ from the pinned tzdata {pinned_version()}: {zones}.",
            hint=(
                "zoneinfo is reading the operating system's zone files "
                f"(TZPATH={list(zoneinfo.TZPATH)}). Call config.tz.use_pinned_tzdata() at start-up "
                "(manage.py, WSGI and ASGI do) or set PYTHONTZPATH to an empty value."
            ),
            id="core.E001",
        )
    ]


# Local wall-clock times on both sides of the 2026 change and in the old Ramadan windows.
PROBES = [
    dt.datetime(2024, 3, 20, 9),
    dt.datetime(2026, 2, 25, 9),
    dt.datetime(2026, 7, 1, 9),
    dt.datetime(2026, 12, 10, 9),
    dt.datetime(2027, 2, 20, 9),
    dt.datetime(2030, 6, 1, 9),
]


def check_database_zone_data(app_configs=None, databases=None, **kwargs):
    """Majlis never asks the database to convert to a zone; this says whether it could (for reports an operator
    writes in SQL)."""
    problems = []
    for alias in databases or []:
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        with connection.cursor() as cursor:
            for name in CHECKED_ZONES:
                zone = zoneinfo.ZoneInfo(name)
                for local in PROBES:
                    cursor.execute("SELECT (%s::timestamp AT TIME ZONE %s) AT TIME ZONE 'UTC'", [local, name])
                    (theirs,) = cursor.fetchone()
                    ours = local.replace(tzinfo=zone).astimezone(dt.UTC).replace(tzinfo=None)
                    if theirs != ours:
                        problems.append(
                            checks.Warning(
                                f"PostgreSQL ({alias}) puts {local:%Y-%m-%d %H:%M} {name} at {theirs:%H:%M} UTC; "
                                f"the pinned tzdata {pinned_version()} at {ours:%H:%M} UTC.",
                                hint="PostgreSQL has its own zone data: upgrade its tzdata, and do not use "
                                "AT TIME ZONE for this zone in hand-written SQL until then.",
                                id="core.W002",
                            )
                        )
                        break
    return problems
