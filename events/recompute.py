"""After a change of the zone data (a new law, a new pinned tzdata): the instants of events are recomputed from the
wall-clock times their organisers typed.

An event keeps its date, time and zone as typed; `start` and `end` (UTC) are derived from them on every save. When
the zone data change, the stored instants of events saved under the old data are an hour (or more) off. For every
event not yet over, `recompute_event_times` derives them again; for a published event whose instants moved, it
bumps the iCalendar SEQUENCE and e-mails each confirmed attendee the updated invitation in their language
(events.calendar_signals, as a publication with new times does). The feeds show the new times at once.

Run by `manage.py recompute_event_times` (with `--dry-run` to list without changing or sending), by the data
migration that follows the tzdata upgrade, and named by the check events.W003 when some instants are off.
"""

import datetime as dt
from dataclasses import dataclass

from django.core import checks
from django.db import DatabaseError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from events.calendar_signals import event_calendar_state_sync
from events.models import EventPage, Registration


@dataclass(frozen=True)
class Moved:
    event_id: int
    title: str
    time_zone: str
    local_start: dt.datetime
    old_start: dt.datetime
    new_start: dt.datetime
    old_end: dt.datetime
    new_end: dt.datetime
    attendees: int
    live: bool


def _derived(event: EventPage) -> tuple[dt.datetime | None, dt.datetime | None]:
    return event._aware("start_date", "start_time", strict=False), event._aware("end_date", "end_time", strict=False)


def events_out_of_step(*, now: dt.datetime | None = None) -> list[Moved]:
    """Events not yet over whose stored instants differ from those their typed times give under the data in use."""
    now = now or timezone.now()
    moved = []
    # Either instant may be the stale one: an event counts as not over if its stored end, or the one derived now,
    # is still ahead (a margin of a day covers any offset).
    candidates = (
        EventPage.objects.filter(end__gt=now - dt.timedelta(days=1))
        .only("pk", "title", "start_date", "start_time", "end_date", "end_time", "time_zone", "start", "end", "live")
        .annotate(attendees=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)))
        .order_by("start", "pk")
    )
    for event in candidates:
        start, end = _derived(event)
        if start is None or end is None or (start, end) == (event.start, event.end) or max(end, event.end) <= now:
            continue
        moved.append(
            Moved(
                event_id=event.pk,
                title=event.title,
                time_zone=event.time_zone,
                local_start=event.local_start,
                old_start=event.start,
                new_start=start,
                old_end=event.end,
                new_end=end,
                attendees=event.attendees,
                live=event.live,
            )
        )
    return moved


def recompute_event_times(*, now: dt.datetime | None = None, dry_run: bool = False) -> list[Moved]:
    """Store the instants the typed times give under the zone data in use, and tell calendars of the ones that
    moved. Returns what moved (what would move, with `dry_run`)."""
    moved = events_out_of_step(now=now)
    if dry_run:
        return moved
    for change in moved:
        with transaction.atomic():
            EventPage.objects.filter(pk=change.event_id).update(start=change.new_start, end=change.new_end)
            event = EventPage.objects.get(pk=change.event_id)
            if event.live:
                # SEQUENCE + 1 and an updated REQUEST to each confirmed attendee, queued on commit.
                event_calendar_state_sync(event=event)
    return moved


def check_event_times(app_configs=None, databases=None, **kwargs):
    """events.W003: some events not yet over were stored under other zone data than those in use."""
    if not databases:
        return []
    try:
        moved = events_out_of_step()
    except DatabaseError:  # before the first migration the tables do not exist yet
        return []
    if not moved:
        return []
    return [
        checks.Warning(
            f"{len(moved)} event(s) not yet over have start or end instants that their typed local times no longer "
            "give under the zone data in use (the tz data changed since they were saved).",
            hint="Run `manage.py recompute_event_times --dry-run` to see them, then without --dry-run to fix them "
            "and send the attendees their updated invitations.",
            id="events.W003",
        )
    ]
