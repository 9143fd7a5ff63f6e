"""After a change of the zone data: the instants of events and of their deadlines, recomputed from the wall-clock
times their organisers typed (core.clock_changes runs this, with the other apps' parts).

An event keeps its date, time and zone as typed; `start` and `end` (UTC) are derived from them on every save. Ticket
sales dates and the cancellation deadline keep their wall-clock times too (core.wall_clock). When the zone data
change, the instants saved under the old data are an hour (or more) off: for every event not yet over, this derives
them again. For a published event whose instants moved, it bumps the iCalendar SEQUENCE and e-mails each confirmed
attendee the updated invitation in their language (events.calendar_signals, as a publication with new times does).
The feeds show the new times at once.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from core.clock_changes import Moved
from core.wall_clock import wall_clocks_out_of_step
from events.calendar_signals import event_calendar_state_sync
from events.models import EventPage, Registration, RegistrationSettings, TicketType

KINDS = {
    "event": _("Event"),
    "sales_start": _("Ticket sales start"),
    "sales_end": _("Ticket sales end"),
    "cancellation_deadline": _("Cancellation deadline"),
}
# An event counts as not over if its stored end, or the one derived now, is still ahead: a margin of a day covers
# any offset.
MARGIN = dt.timedelta(days=1)


def _derived(event: EventPage) -> tuple[dt.datetime | None, dt.datetime | None]:
    return event._aware("start_date", "start_time", strict=False), event._aware("end_date", "end_time", strict=False)


def _moved_events(now: dt.datetime) -> list[tuple[Moved, dt.datetime]]:
    """(what moved, the new end) for each event not yet over whose instants differ from those its typed times give."""
    candidates = (
        # An alias (the page under /en/ or /ar/ until translated) follows its source: listed once, moved with it.
        EventPage.objects.filter(end__gt=now - MARGIN, alias_of__isnull=True)
        .only("pk", "title", "start_date", "start_time", "end_date", "end_time", "time_zone", "start", "end", "live")
        .annotate(attendees=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)))
        .order_by("start", "pk")
    )
    moved = []
    for event in candidates:
        start, end = _derived(event)
        if start is None or end is None or (start, end) == (event.start, event.end) or max(end, event.end) <= now:
            continue
        change = Moved(
            kind="event",
            object_id=event.pk,
            label=event.title,
            time_zone=event.time_zone,
            wall_clock=event.local_start,
            old=event.start,
            new=start.astimezone(dt.UTC),
            notified=event.attendees if event.live else 0,
            note="" if event.live else str(_("draft: nobody told")),
        )
        moved.append((change, end))
    return moved


def _moved_deadlines(now: dt.datetime) -> list[tuple[Moved, type, str]]:
    tickets = TicketType.objects.filter(event__end__gt=now - MARGIN).select_related("event")
    settings = RegistrationSettings.objects.filter(event__end__gt=now - MARGIN).select_related("event")
    found = []
    for row, field, old, new in wall_clocks_out_of_step([*tickets, *settings], now=now):
        label = f"{row.event.title} — {row.name}" if isinstance(row, TicketType) else row.event.title
        change = Moved(
            kind=field,
            object_id=row.pk,
            label=label,
            time_zone=row.wall_clock_zone(),
            wall_clock=getattr(row, row.wall_clocks[field]),
            old=old,
            new=new,
        )
        found.append((change, type(row), field))
    return found


def recompute_events(*, now: dt.datetime, dry_run: bool = False) -> list[Moved]:
    """Store the instants the typed times give under the zone data in use, and tell calendars of the events that
    moved. Returns what moved (what would move, with `dry_run`)."""
    events, deadlines = _moved_events(now), _moved_deadlines(now)
    if not dry_run:
        for change, end in events:
            with transaction.atomic():
                EventPage.objects.filter(Q(pk=change.object_id) | Q(alias_of_id=change.object_id)).update(
                    start=change.new, end=end
                )
                event = EventPage.objects.get(pk=change.object_id)
                if event.live:
                    # SEQUENCE + 1 and an updated REQUEST to each confirmed attendee, queued on commit.
                    event_calendar_state_sync(event=event)
        with transaction.atomic():
            for change, model, field in deadlines:
                model.objects.filter(pk=change.object_id).update(**{field: change.new})
    return [change for change, _end in events] + [change for change, _model, _field in deadlines]
