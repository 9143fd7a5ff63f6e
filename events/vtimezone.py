"""VTIMEZONE components built from the zoneinfo database, one observance per offset change.

Some calendar clients (Outlook, older Apple and Android clients, many CalDAV servers) trust the VTIMEZONE of a
file over their own time zone database. A VTIMEZONE written as yearly rules cannot describe Morocco: its clocks
go back one hour for Ramadan, on dates that move by eleven days a year, and icalendar's own generator can miss
the shorter of those periods. So the offsets are read off zoneinfo itself, and every change in the range the
file needs is written out with its explicit onset: any client computes exactly what zoneinfo computes.
"""

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

# Scanning step: shorter than any period an offset has ever lasted in the tz database (Ramadan: about a month).
_STEP = dt.timedelta(hours=6)
# Years written before the first and after the last instant a file needs: a client reading an event near the
# edge, or a recurring copy, still finds the right offsets.
MARGIN_YEARS = 1

# (UTC instant of the change, offset before, offset after)
Transition = tuple[dt.datetime, dt.timedelta, dt.timedelta]


@cache
def _transitions_in_year(zone_name: str, year: int) -> tuple[Transition, ...]:
    """Offset changes of `zone_name` during the UTC year `year`, exact to the second."""
    zone = ZoneInfo(zone_name)
    found = []
    instant = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    stop = dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC)
    offset = instant.astimezone(zone).utcoffset()
    while instant < stop:
        following = min(instant + _STEP, stop)
        next_offset = following.astimezone(zone).utcoffset()
        if next_offset != offset:
            found.append(_bisect(zone, instant, following, offset))
            offset = next_offset
        instant = following
    return tuple(found)


def _bisect(zone: ZoneInfo, low: dt.datetime, high: dt.datetime, before: dt.timedelta) -> Transition:
    # Invariant: the offset at `low` is `before`, the one at `high` differs.
    while high - low > dt.timedelta(seconds=1):
        middle = low + (high - low) / 2
        middle = middle.replace(microsecond=0)
        if middle == low:
            break
        if middle.astimezone(zone).utcoffset() == before:
            low = middle
        else:
            high = middle
    return high, before, high.astimezone(zone).utcoffset()


def transitions(zone_name: str, start: dt.datetime, end: dt.datetime) -> list[Transition]:
    """Offset changes of `zone_name` between two aware instants (both included)."""
    return [
        change
        for year in range(start.astimezone(dt.UTC).year, end.astimezone(dt.UTC).year + 1)
        for change in _transitions_in_year(zone_name, year)
        if start <= change[0] <= end
    ]


def vtimezone(zone_name: str, start: dt.datetime, end: dt.datetime) -> Timezone:
    """The VTIMEZONE of `zone_name` valid from `start` to `end` (aware), widened to whole years plus a margin.

    The first observance starts at the beginning of the range with the offset then in force; each later one is
    an offset change, its DTSTART the wall-clock time of the onset read with the offset before it (RFC 5545).
    """
    zone = ZoneInfo(zone_name)
    first = dt.datetime(start.astimezone(dt.UTC).year - MARGIN_YEARS, 1, 1, tzinfo=dt.UTC)
    last = dt.datetime(end.astimezone(dt.UTC).year + MARGIN_YEARS + 1, 1, 1, tzinfo=dt.UTC)

    component = Timezone()
    component.add("TZID", zone_name)
    component.add("X-LIC-LOCATION", zone_name)
    initial = first.astimezone(zone)
    component.add_component(_observance(initial, initial.utcoffset(), initial.utcoffset(), zone))
    for instant, before, after in transitions(zone_name, first, last - dt.timedelta(seconds=1)):
        component.add_component(_observance(instant.astimezone(zone), before, after, zone))
    return component


def _observance(onset: dt.datetime, before: dt.timedelta, after: dt.timedelta, zone: ZoneInfo):
    # Morocco's tz data calls Ramadan's UTC+0 a negative "daylight saving time"; clients that assume daylight
    # time is ahead of standard time misread that, so only a positive DST offset is written as DAYLIGHT.
    kind = TimezoneDaylight if (onset.dst() or dt.timedelta(0)) > dt.timedelta(0) else TimezoneStandard
    observance = kind()
    wall_clock = (onset.astimezone(dt.UTC) + before).replace(tzinfo=None)
    observance.add("DTSTART", wall_clock)
    observance.add("TZOFFSETFROM", before)
    observance.add("TZOFFSETTO", after)
    name = onset.tzname()
    if name:
        observance.add("TZNAME", name)
    return observance
