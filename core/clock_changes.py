"""After a change of the zone data (a new law, a new pinned tzdata): every instant that was typed as a wall-clock
time is recomputed, and the people who hold it in their calendars are told.

Each app registers, in `AppConfig.ready()`, a function that finds (and, unless it is a dry run, stores) its instants
that their typed times no longer give: events, ticket sales and cancellation deadlines (events), B2B request
deadlines and meetings (partnerships). `recompute_times()` runs them all and logs what moved (core.RecomputedTime)
for the organisers' report in the admin; `manage.py recompute_event_times` runs it, as does the data migration that
follows a tzdata upgrade, and the check core.W003 says when it is needed.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core import checks
from django.db import DatabaseError, transaction
from django.utils import timezone, translation

from core.models import RecomputedTime


@dataclass(frozen=True)
class Moved:
    """One instant whose typed wall-clock time gives another instant under the zone data in use."""

    kind: str  # a key registered with its label, e.g. "event", "ticket_sales_end", "b2b_meeting"
    object_id: int
    label: str  # what moved, as the organisers know it: the event's title, the ticket's name…
    time_zone: str
    wall_clock: dt.datetime  # naive, as typed
    old: dt.datetime
    new: dt.datetime
    notified: int = 0  # people sent (in a dry run: to be sent) an updated invitation
    note: str = ""


Recompute = Callable[..., list[Moved]]  # (*, now, dry_run) -> what moved

_recomputes: dict[str, Recompute] = {}
_kinds: dict[str, str] = {}


def register_recompute(key: str, recompute: Recompute, *, kinds: dict[str, str]) -> None:
    """Add an app's `recompute(now=…, dry_run=…)`; `kinds` names (translatably) the kinds of Moved it returns."""
    _recomputes[key] = recompute
    _kinds.update(kinds)


def kind_label(kind: str) -> str:
    return str(_kinds.get(kind, kind))


def recompute_times(*, now: dt.datetime | None = None, dry_run: bool = False) -> list[Moved]:
    """Run every app's recompute; unless `dry_run`, log what moved. Returns what moved (or would move)."""
    now = now or timezone.now()
    with translation.override(settings.LANGUAGE_CODE):  # the labels and notes the organisers' report keeps
        moved = [change for recompute in _recomputes.values() for change in recompute(now=now, dry_run=dry_run)]
    if moved and not dry_run:
        with transaction.atomic():
            RecomputedTime.objects.bulk_create(RecomputedTime.from_moved(change, at=now) for change in moved)
    return moved


def check_recomputed_times(app_configs=None, databases=None, **kwargs):
    """core.W003: some instants not yet past were computed under other zone data than those in use."""
    if not databases:
        return []
    try:
        moved = recompute_times(dry_run=True)
    except DatabaseError:  # before the first migration the tables do not exist yet
        return []
    if not moved:
        return []
    return [
        checks.Warning(
            f"{len(moved)} instant(s) not yet past (events, deadlines, B2B meetings) are no longer what their typed "
            "local times give under the zone data in use (the tz data changed since they were saved).",
            hint="Run `manage.py recompute_event_times --dry-run` to see them, then without --dry-run to store them "
            "and send the attendees their updated invitations.",
            id="core.W003",
        )
    ]
