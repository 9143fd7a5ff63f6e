"""Zone data at start-up: the pinned `tzdata` package, never the operating system's zone files.

Python's zoneinfo searches the system's folders (/usr/share/zoneinfo, ...) before the `tzdata` package, and
those are often stale: Debian's 2025b still computes Africa/Casablanca as UTC+1 with Ramadan dips, the law since
20 September 2026 is UTC+0 for good. manage.py, WSGI, ASGI and the settings call `use_pinned_tzdata()` first
thing; the check core.E001 fails if anything still reads other data. (core.time has the zone helpers.)
"""

import os
import zoneinfo


def use_pinned_tzdata() -> None:
    """Make zoneinfo read only the pinned `tzdata` package, here and in child processes."""
    os.environ["PYTHONTZPATH"] = ""  # an empty path: child processes (runserver's reloader, workers) do the same
    zoneinfo.reset_tzpath([])
    zoneinfo.ZoneInfo.clear_cache()
    from django.utils import timezone

    timezone.get_default_timezone.cache_clear()
