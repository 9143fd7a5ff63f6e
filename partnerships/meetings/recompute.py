"""After a change of the zone data: the B2B request deadlines and the placed meetings of events not yet over,
recomputed from the wall-clock times of the event's zone (core.clock_changes runs this, after the events' part).

A placed meeting keeps its slot's wall-clock times (core.wall_clock). When its instants move, its SEQUENCE goes up
and both participants get the "meeting moved" e-mail with the updated invitation, in their language; the personal
feeds show the new time at once. All of a session's meetings move together, so that one does not collide with the
stale place of another; one that would land on a table already taken (a meeting placed under the new data) is
unplaced, for the secretariat's scheduler, and the organisers' report says so.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from core.clock_changes import Moved
from core.time import wall_clock_to_instant
from core.wall_clock import wall_clocks_out_of_step
from partnerships.meetings.emails import notify
from partnerships.models import BrokerageSession, MeetingRequest

KINDS = {"request_deadline": _("B2B request deadline"), "b2b_meeting": _("B2B meeting")}
MARGIN = dt.timedelta(days=1)


def _moved_deadlines(now: dt.datetime) -> list[Moved]:
    sessions = BrokerageSession.objects.filter(event__end__gt=now - MARGIN).select_related("event")
    return [
        Moved(
            kind=field,
            object_id=session.pk,
            label=session.event.title,
            time_zone=session.event.time_zone,
            wall_clock=session.request_deadline_local,
            old=old,
            new=new,
        )
        for session, field, old, new in wall_clocks_out_of_step(sessions, now=now)
    ]


def _moved_meetings(now: dt.datetime) -> list[tuple[MeetingRequest, dt.datetime, dt.datetime]]:
    meetings = (
        MeetingRequest.objects.scheduled()
        .filter(session__event__end__gt=now - MARGIN, starts_local__isnull=False, ends_local__isnull=False)
        .select_related("session__event", "requester__user", "recipient__user")
        .order_by("session", "starts_at", "table", "pk")
    )
    moved = []
    for meeting in meetings:
        zone = meeting.session.event.time_zone
        start, end = (wall_clock_to_instant(local, zone) for local in (meeting.starts_local, meeting.ends_local))
        if (start, end) != (meeting.starts_at, meeting.ends_at) and max(end, meeting.ends_at) > now:
            moved.append((meeting, start, end))
    return moved


def _label(meeting: MeetingRequest) -> str:
    return str(
        _("%(event)s: %(requester)s and %(recipient)s, table %(table)s")
        % {
            "event": meeting.session.event.title,
            "requester": meeting.requester,
            "recipient": meeting.recipient,
            "table": meeting.table,
        }
    )


def _move(meetings: list[tuple[MeetingRequest, dt.datetime, dt.datetime]]) -> dict[int, bool]:
    """Store the new instants, all of a session's at once; returns whether each meeting kept its table."""
    kept = {}
    with transaction.atomic():
        sessions = {meeting.session_id for meeting, _start, _end in meetings}
        list(BrokerageSession.objects.select_for_update().filter(pk__in=sessions))  # the scheduler's lock
        MeetingRequest.objects.filter(pk__in=[meeting.pk for meeting, _start, _end in meetings]).update(starts_at=None)
        for meeting, start, end in meetings:
            try:
                with transaction.atomic():
                    MeetingRequest.objects.filter(pk=meeting.pk).update(
                        starts_at=start, ends_at=end, sequence=F("sequence") + 1
                    )
                kept[meeting.pk] = True
            except IntegrityError:  # the table is taken at the new time: back to the scheduler
                MeetingRequest.objects.filter(pk=meeting.pk).update(
                    starts_at=None, ends_at=None, starts_local=None, ends_local=None, table=None
                )
                kept[meeting.pk] = False
        for meeting, _start, _end in meetings:
            if kept[meeting.pk]:
                notify("meeting_moved", meeting, [meeting.requester.user, meeting.recipient.user])
    return kept


def recompute_meetings(*, now: dt.datetime, dry_run: bool = False) -> list[Moved]:
    """Store the instants the typed times give under the zone data in use and tell the participants of the meetings
    that moved. Returns what moved (what would move, with `dry_run`)."""
    deadlines, meetings = _moved_deadlines(now), _moved_meetings(now)
    kept = {meeting.pk: True for meeting, _start, _end in meetings}
    if not dry_run:
        with transaction.atomic():
            for change in deadlines:
                BrokerageSession.objects.filter(pk=change.object_id).update(request_deadline=change.new)
        if meetings:
            kept = _move(meetings)
    return deadlines + [
        Moved(
            kind="b2b_meeting",
            object_id=meeting.pk,
            label=_label(meeting),
            time_zone=meeting.session.event.time_zone,
            wall_clock=meeting.starts_local,
            old=meeting.starts_at,
            new=start,
            notified=2 if kept[meeting.pk] else 0,
            note="" if kept[meeting.pk] else str(_("its table is taken at the new time: to place again")),
        )
        for meeting, start, _end in meetings
    ]
