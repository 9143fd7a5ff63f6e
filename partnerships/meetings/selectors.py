"""Reads of the B2B meetings: a session, the participants to browse, one person's requests and agenda, the
organiser's figures and table plan, and the meetings of a person's calendar feed.

A request is readable only by its two participants: `request_for` returns None to anyone else."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from events.calendars import CalendarItem, event_location, site_host
from members.models import Sector
from partnerships.models import BrokerageSession, MeetingProfile, MeetingRequest, Post
from partnerships.selectors import with_details


def session_by_pk(pk: int) -> BrokerageSession | None:
    return BrokerageSession.objects.select_related("event").filter(pk=pk, event__live=True).first()


def session_for_event(event) -> BrokerageSession | None:
    """The event's brokerage session, for a link from the event page to `partnerships:meeting_session`."""
    return BrokerageSession.objects.filter(event=event).first()


def profile_of(*, session: BrokerageSession, user) -> MeetingProfile | None:
    if not user.is_authenticated:
        return None
    return MeetingProfile.objects.filter(session=session, user=user).first()


def participants(*, session: BrokerageSession, exclude: MeetingProfile | None = None) -> QuerySet[MeetingProfile]:
    """The other participants with their company, its sectors and its posts on the board, in constant queries."""
    queryset = session.profiles.select_related("organisation").prefetch_related(
        Prefetch("organisation__sectors", queryset=Sector.objects.order_by("name")),
        Prefetch(
            "organisation__board_posts",
            queryset=with_details(Post.objects.on_board()).order_by("-published_at", "-pk"),
            to_attr="posts_on_board",
        ),
    )
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    return queryset.order_by("company_name", "name", "pk")


def _requests() -> QuerySet[MeetingRequest]:
    return MeetingRequest.objects.select_related("session__event", "requester__organisation", "recipient__organisation")


def request_for(*, pk: int, user) -> MeetingRequest | None:
    """The request with this id if `user` is one of its two participants; None otherwise, whatever the reason."""
    if not user.is_authenticated:
        return None
    return _requests().filter(Q(requester__user=user) | Q(recipient__user=user), pk=pk).first()


@dataclass
class MyRequests:
    received: list[MeetingRequest] = field(default_factory=list)
    sent: list[MeetingRequest] = field(default_factory=list)


def requests_of(profile: MeetingProfile) -> MyRequests:
    mine = MyRequests()
    for request in _requests().involving(profile).order_by("-created_at", "-pk"):
        (mine.received if request.recipient_id == profile.pk else mine.sent).append(request)
    return mine


def agenda_of(profile: MeetingProfile) -> list[MeetingRequest]:
    """The person's placed meetings, in time order."""
    return list(_requests().involving(profile).scheduled().order_by("starts_at", "table", "pk"))


def accepted_unplaced_of(profile: MeetingProfile) -> list[MeetingRequest]:
    return list(_requests().involving(profile).filter(status=MeetingRequest.Status.ACCEPTED, starts_at__isnull=True))


def upcoming_meetings_of(*, user, limit: int = 5) -> list[MeetingRequest]:
    """My space: the person's placed meetings not over yet, the next first, each carrying `partner` (the participant
    they meet) and `local_start` (the time in the event's zone); one query."""
    if not user.is_authenticated:
        return []
    meetings = list(
        _requests()
        .scheduled()
        .filter(Q(requester__user=user) | Q(recipient__user=user), ends_at__gt=timezone.now())
        .filter(session__event__live=True)
        .order_by("starts_at", "pk")[:limit]
    )
    for meeting in meetings:
        meeting.partner = meeting.recipient if meeting.requester.user_id == user.pk else meeting.requester
        meeting.local_start = local(meeting.starts_at, meeting.session).replace(tzinfo=None)
        meeting.local_end = local(meeting.ends_at, meeting.session).replace(tzinfo=None)
    return meetings


def requests_awaiting_answer(*, user, limit: int = 5) -> list[MeetingRequest]:
    """My space: meeting requests sent to the person that they can still accept or decline (one query)."""
    if not user.is_authenticated:
        return []
    return list(
        _requests()
        .filter(
            recipient__user=user, status=MeetingRequest.Status.PENDING, session__request_deadline__gt=timezone.now()
        )
        .filter(session__event__live=True)
        .order_by("created_at", "pk")[:limit]
    )


def local(moment: dt.datetime, session: BrokerageSession) -> dt.datetime:
    return moment.astimezone(ZoneInfo(session.event.time_zone))


# --- The organiser's view ------------------------------------------------------------------------------------


@dataclass
class SlotRow:
    start: dt.datetime
    end: dt.datetime
    tables: list[MeetingRequest | None]

    @property
    def count(self) -> int:
        return sum(1 for meeting in self.tables if meeting is not None)


@dataclass
class SessionSummary:
    participants: int
    requests: int
    by_status: dict[str, int]
    acceptance_rate: int | None  # percent of the answered requests
    scheduled: int
    unplaced: int
    plan: list[SlotRow]


def session_summary(session: BrokerageSession) -> SessionSummary:
    """Figures of the session and its table plan: each slot's row with the meeting at each table."""
    requests = list(_requests().filter(session=session))
    statuses = Counter(request.shown_status() for request in requests)
    answered = statuses[MeetingRequest.Status.ACCEPTED] + statuses[MeetingRequest.Status.DECLINED]
    placed = {
        (request.starts_at, request.table): request
        for request in requests
        if request.status == MeetingRequest.Status.ACCEPTED and request.starts_at
    }
    plan = [
        SlotRow(
            local(slot.start, session),
            local(slot.end, session),
            [placed.get((slot.start, table)) for table in range(1, session.tables + 1)],
        )
        for slot in session.slots
    ]
    return SessionSummary(
        participants=session.profiles.count(),
        requests=len(requests),
        by_status={str(label): statuses[value] for value, label in MeetingRequest.Status.choices},
        acceptance_rate=round(100 * statuses[MeetingRequest.Status.ACCEPTED] / answered) if answered else None,
        scheduled=len(placed),
        unplaced=sum(1 for r in requests if r.status == MeetingRequest.Status.ACCEPTED and not r.starts_at),
        plan=plan,
    )


# --- The personal calendar feed -----------------------------------------------------------------------------


def meeting_uid(meeting: MeetingRequest) -> str:
    return f"meeting-{meeting.pk}@{site_host()}"


def meeting_calendar_item(meeting: MeetingRequest, user) -> CalendarItem:
    """One placed meeting as `user` (one of its two participants) sees it in a calendar: in their feed, and in the
    invitation their e-mail carries (same UID and SEQUENCE, so a client updates the entry it holds)."""
    session, event = meeting.session, meeting.session.event
    other = meeting.recipient if meeting.requester.user_id == user.pk else meeting.requester
    zone = ZoneInfo(event.time_zone)
    return CalendarItem(
        uid=meeting_uid(meeting),
        start=meeting.starts_at.astimezone(zone),
        end=meeting.ends_at.astimezone(zone),
        summary=_("B2B meeting with %(name)s") % {"name": str(other)},
        description=_("%(event)s, table %(table)s") % {"event": event.title, "table": meeting.table},
        location=event_location(event),
        url=settings.SITE_URL + reverse("partnerships:meeting_agenda", args=[session.pk]),
        sequence=meeting.sequence,
        stamp=meeting.answered_at or meeting.created_at,
    )


def meeting_calendar_items(user) -> list[CalendarItem]:
    """The placed meetings of `user` (as one of the two participants), for their personal calendar feed."""
    meetings = (
        _requests()
        .scheduled()
        .filter(Q(requester__user=user) | Q(recipient__user=user), session__event__live=True)
        .order_by("starts_at", "pk")
    )
    return [meeting_calendar_item(meeting, user) for meeting in meetings]
