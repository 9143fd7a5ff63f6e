"""core.time: the pinned tzdata package is the only source of zone data, whatever the machine carries."""

import datetime as dt
import os
import subprocess
import sys
import time
import zoneinfo
from pathlib import Path

import pytest
from django.db import connection

from config.tz import use_pinned_tzdata
from core.checks import check_database_zone_data, check_zone_data
from core.time import day_bounds, month_bounds, pinned_zone, start_of_day, year_bounds

ROOT = Path(__file__).resolve().parents[2]
STALE = ROOT / "tests" / "fixtures" / "tzdata-2025b"  # Africa/Casablanca under the old law (UTC+1, Ramadan dips)
DECEMBER = dt.datetime(2026, 12, 10, 9, 0)


@pytest.fixture
def stale_tzpath():
    """zoneinfo searching a folder of 2025b data first, as it searches /usr/share/zoneinfo on a stale server."""
    zoneinfo.reset_tzpath([str(STALE)])
    zoneinfo.ZoneInfo.clear_cache()
    yield
    use_pinned_tzdata()


def test_the_stale_fixture_really_has_the_old_law(stale_tzpath):
    assert DECEMBER.replace(tzinfo=zoneinfo.ZoneInfo("Africa/Casablanca")).utcoffset() == dt.timedelta(hours=1)


def test_the_check_fails_when_the_zone_data_in_use_are_stale(stale_tzpath):
    [error] = check_zone_data()
    assert error.id == "core.E001"
    assert "Africa/Casablanca (from 2026-09-20)" in error.msg
    assert str(STALE) in error.hint


def test_the_pinned_data_win_once_majlis_has_started(stale_tzpath):
    use_pinned_tzdata()
    assert DECEMBER.replace(tzinfo=zoneinfo.ZoneInfo("Africa/Casablanca")).utcoffset() == dt.timedelta(0)
    assert check_zone_data() == []
    assert os.environ["PYTHONTZPATH"] == ""


@pytest.mark.parametrize(
    "entry",
    [
        ["manage.py", "shell", "-c", "{code}"],
        ["-c", "import sys; sys.path.insert(0, 'site'); import config.wsgi; {code}"],
        ["-c", "import sys; sys.path.insert(0, 'site'); import config.asgi; {code}"],
    ],
    ids=["manage.py", "wsgi", "asgi"],
)
def test_every_entry_point_uses_the_pinned_data_even_with_a_stale_zone_path(entry):
    code = (
        "import datetime as dt, zoneinfo; "
        "print(dt.datetime(2026, 12, 10, 9, tzinfo=zoneinfo.ZoneInfo('Africa/Casablanca')).utcoffset())"
    )
    environment = {
        **os.environ,
        "PYTHONTZPATH": str(STALE),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    arguments = [part.replace("{code}", code) for part in entry]
    result = subprocess.run(
        [sys.executable, *arguments], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "0:00:00"


def test_pinned_zone_reads_the_package_whatever_the_path(stale_tzpath):
    assert DECEMBER.replace(tzinfo=pinned_zone("Africa/Casablanca")).utcoffset() == dt.timedelta(0)


def test_bounds_of_local_days_months_and_years_are_utc_instants():
    paris = "Europe/Paris"
    assert start_of_day(dt.date(2027, 7, 1), paris) == dt.datetime(2027, 6, 30, 22, tzinfo=dt.UTC)
    assert day_bounds(dt.date(2026, 6, 10), zone="Africa/Casablanca") == (
        dt.datetime(2026, 6, 9, 23, tzinfo=dt.UTC),
        dt.datetime(2026, 6, 10, 23, tzinfo=dt.UTC),
    )
    assert day_bounds(dt.date(2027, 1, 1), dt.date(2027, 1, 31), "Africa/Casablanca") == (
        dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
        dt.datetime(2027, 2, 1, tzinfo=dt.UTC),
    )
    assert month_bounds(2026, 12, paris) == (
        dt.datetime(2026, 11, 30, 23, tzinfo=dt.UTC),
        dt.datetime(2026, 12, 31, 23, tzinfo=dt.UTC),
    )
    assert year_bounds(2026, "Africa/Casablanca") == (
        dt.datetime(2025, 12, 31, 23, tzinfo=dt.UTC),  # UTC+1 on 1 January 2026, under the old rule still
        dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
    )


def test_bounds_default_to_the_current_time_zone():
    assert start_of_day(dt.date(2026, 6, 10)) == dt.datetime(2026, 6, 9, 23, tzinfo=dt.UTC)


@pytest.mark.django_db
def test_the_database_check_warns_exactly_when_postgresql_disagrees():
    if connection.vendor != "postgresql":
        assert check_database_zone_data(databases=["default"]) == []
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT (%s::timestamp AT TIME ZONE 'Africa/Casablanca') AT TIME ZONE 'UTC'", [DECEMBER])
        (theirs,) = cursor.fetchone()
    warnings = check_database_zone_data(databases=["default"])
    agrees = theirs == DECEMBER  # UTC+0 under the current law
    assert [warning.id for warning in warnings if "Africa/Casablanca" in warning.msg] == (
        [] if agrees else ["core.W002"]
    )


def test_the_c_librarys_local_time_uses_the_pinned_data_too():
    # Log lines are stamped through time.localtime: Django sets TZ to the bare name, read from the system folder.
    december = dt.datetime(2026, 12, 10, 9, tzinfo=dt.UTC).timestamp()
    assert time.localtime(december).tm_gmtoff == 0
    assert os.environ["TZ"].endswith("tzdata/zoneinfo/Africa/Casablanca")
