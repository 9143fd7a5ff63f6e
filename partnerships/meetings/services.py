"""Every write of the B2B meetings at an event: opting in, requests and answers, scheduling and moves.

Each function runs in one transaction, checks who acts, and raises a MeetingError whose `message` the view shows."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from events.models import Registration
from partnerships.meetings import scheduling
from partnerships.meetings.emails import notify
from partnerships.models import BrokerageSession, MeetingProfile, MeetingRequest
from partnerships.services.errors import BoardError


class MeetingError(BoardError):
    message = _("This meeting action is not possible.")


class NotRegistered(MeetingError):
    message = _("Only confirmed attendees of the event can take part in the B2B meetings.")


class SessionClosed(MeetingError):
    message = _("Meeting requests are closed for this event.")


class NotYours(MeetingError):
    message = _("Only the person this request was sent to can answer it.")


class MeetingClash(MeetingError):
    message = _("This slot is not free.")


Status = MeetingRequest.Status


def confirmed_registration(*, session: BrokerageSession, user) -> Registration | None:
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.confirmed()
        .filter(event_id=session.event_id, user=user)
        .select_related("organisation")
        .order_by("pk")
        .first()
    )


@transaction.atomic
def meeting_profile_create(*, session: BrokerageSession, user) -> MeetingProfile:
    """Opt a confirmed attendee in: their profile takes the company's name and description (posts and sectors are
    read live from the company). Opting in twice returns the same profile."""
    existing = MeetingProfile.objects.filter(session=session, user=user).first()
    if existing is not None:
        return existing
    if not session.accepts_requests():
        raise SessionClosed
    registration = confirmed_registration(session=session, user=user)
    if registration is None:
        raise NotRegistered
    organisation = registration.organisation
    profile = MeetingProfile(
        session=session,
        user=user,
        registration=registration,
        organisation=organisation,
        name=registration.attendee_name,
        company_name=organisation.display_name if organisation else registration.company_name,
        description=organisation.description_for() if organisation else "",
    )
    profile.full_clean()
    profile.save()
    log(instance=profile, action="partnerships.meeting_opt_in", user=user)
    return profile


@transaction.atomic
def meeting_request_send(*, requester: MeetingProfile, recipient: MeetingProfile, message: str, by) -> MeetingRequest:
    """`requester` (the person `by`) asks `recipient` for a meeting, once per pair while a request is live."""
    session = requester.session
    if requester.user_id != by.pk or recipient.session_id != session.pk:
        raise MeetingError(_("You cannot send this request."))
    if requester.pk == recipient.pk:
        raise MeetingError(_("You cannot ask yourself for a meeting."))
    if not session.accepts_requests():
        raise SessionClosed
    if not message.strip():
        raise MeetingError(_("Write a message."))
    live = MeetingRequest.objects.filter(status__in=[Status.PENDING, Status.ACCEPTED])
    if (
        live.filter(requester=requester, recipient=recipient).exists()
        or live.filter(requester=recipient, recipient=requester).exists()
    ):
        raise MeetingError(_("A request between you two is already waiting or accepted."))
    request = MeetingRequest(session=session, requester=requester, recipient=recipient, message=message.strip())
    request.full_clean()
    request.save()
    log(instance=request, action="partnerships.meeting_request", user=by)
    notify("meeting_requested", request, [recipient.user])
    return request


def _answerable(request: MeetingRequest, by) -> None:
    if request.recipient.user_id != by.pk:
        raise NotYours
    if request.shown_status() != Status.PENDING:
        raise MeetingError(_("This request was already answered or has expired."))


def _existing(session: BrokerageSession, *, exclude_pk: int | None = None) -> list[scheduling.Assignment]:
    booked = []
    for meeting in session.requests.scheduled().exclude(pk=exclude_pk).order_by("pk"):
        slot = session.slot_at(meeting.starts_at)
        if slot is None:  # the session's hours changed after it was placed: keep its time taken anyway
            slot = scheduling.Slot(meeting.starts_at, meeting.ends_at)
        booked.append(
            scheduling.Assignment(meeting.pk, (meeting.requester_id, meeting.recipient_id), slot, meeting.table)
        )
    return booked


def _place(session: BrokerageSession, requests: list[MeetingRequest]) -> list[MeetingRequest]:
    """Place what can be of `requests` around the session's bookings; returns the meetings placed."""
    placed = scheduling.schedule(
        session.slots,
        session.tables,
        [scheduling.Request(r.pk, (r.requester_id, r.recipient_id)) for r in requests],
        _existing(session),
        session.cap,
    )
    by_pk = {request.pk: request for request in requests}
    meetings = []
    for assignment in placed:
        meeting = by_pk[assignment.request_id]
        meeting.starts_at, meeting.ends_at, meeting.table = assignment.slot.start, assignment.slot.end, assignment.table
        meeting.save(update_fields=["starts_at", "ends_at", "table"])
        meetings.append(meeting)
    return meetings


def _lock(session: BrokerageSession) -> BrokerageSession:
    """Placing meetings reads then writes the session's bookings: one at a time per session (on PostgreSQL)."""
    return BrokerageSession.objects.select_for_update().select_related("event").get(pk=session.pk)


@transaction.atomic
def meeting_request_accept(*, request: MeetingRequest, by) -> MeetingRequest:
    """The recipient accepts; the meeting is placed at once in the first slot both are free, if there is one."""
    _answerable(request, by)
    session = _lock(request.session)
    cap = session.cap
    accepted = session.requests.filter(status=Status.ACCEPTED)
    for profile in (request.requester, request.recipient):
        if accepted.involving(profile).count() >= cap:
            raise MeetingError(
                _("%(name)s already has the most meetings allowed (%(cap)s).") % {"name": profile.name, "cap": cap}
            )
    request.status, request.answered_at = Status.ACCEPTED, timezone.now()
    request.full_clean()
    request.save(update_fields=["status", "answered_at"])
    _place(session, [request])
    log(instance=request, action="partnerships.meeting_accept", user=by)
    notify("meeting_accepted", request, [request.requester.user])
    if request.is_scheduled:
        # The person who accepted gets the time, the table and the invitation too (the .ics for their calendar).
        notify("meeting_scheduled", request, [request.recipient.user])
    return request


@transaction.atomic
def meeting_request_decline(*, request: MeetingRequest, by) -> MeetingRequest:
    _answerable(request, by)
    request.status, request.answered_at = Status.DECLINED, timezone.now()
    request.save(update_fields=["status", "answered_at"])
    log(instance=request, action="partnerships.meeting_decline", user=by)
    notify("meeting_declined", request, [request.requester.user])
    return request


@transaction.atomic
def meeting_requests_expire(*, now: dt.datetime | None = None) -> int:
    """Mark every unanswered request past its session's deadline as expired (the pages already show them so)."""
    now = now or timezone.now()
    return MeetingRequest.objects.filter(status=Status.PENDING, session__request_deadline__lte=now).update(
        status=Status.EXPIRED
    )


@transaction.atomic
def meetings_schedule(*, session: BrokerageSession, by) -> int:
    """The secretariat's scheduler: place every accepted meeting not placed yet; returns how many were placed.
    Both participants of each meeting placed are e-mailed its time and table."""
    session = _lock(session)
    waiting = list(
        session.requests.filter(status=Status.ACCEPTED, starts_at__isnull=True)
        .select_related("requester__user", "recipient__user")
        .order_by("pk")
    )
    placed = _place(session, waiting)
    log(instance=session, action="partnerships.meetings_schedule", user=by, data={"placed": len(placed)})
    for meeting in placed:
        notify("meeting_scheduled", meeting, [meeting.requester.user, meeting.recipient.user])
    return len(placed)


@transaction.atomic
def meeting_move(*, meeting: MeetingRequest, starts_at: dt.datetime, table: int, by) -> MeetingRequest:
    """Move an accepted meeting by hand to another slot and table, refusing any clash. Both participants are
    e-mailed the new time and table (nothing if the meeting stays where it was)."""
    session = _lock(meeting.session)
    if meeting.status != Status.ACCEPTED:
        raise MeetingError(_("Only accepted meetings can be placed."))
    slot = session.slot_at(starts_at)
    if slot is None:
        raise MeetingClash(_("This is not one of the session's slots (it may fall in a break)."))
    if not 1 <= table <= session.tables:
        raise MeetingClash(
            _("There is no table %(table)s: the session has %(tables)s.") % {"table": table, "tables": session.tables}
        )
    people = {meeting.requester_id, meeting.recipient_id}
    for booked in _existing(session, exclude_pk=meeting.pk):
        if booked.slot.start != slot.start:
            continue
        if booked.table == table:
            raise MeetingClash(_("Table %(table)s is already taken at that time.") % {"table": table})
        if people.intersection(booked.people):
            raise MeetingClash(_("One of the two participants already has a meeting at that time."))
    was_placed, unchanged = meeting.is_scheduled, (meeting.starts_at, meeting.table) == (slot.start, table)
    if meeting.starts_at is not None and meeting.starts_at != slot.start:
        meeting.sequence += 1
    meeting.starts_at, meeting.ends_at, meeting.table = slot.start, slot.end, table
    meeting.full_clean()
    meeting.save(update_fields=["starts_at", "ends_at", "table", "sequence"])
    log(instance=meeting, action="partnerships.meeting_move", user=by)
    if not unchanged:
        notify(
            "meeting_moved" if was_placed else "meeting_scheduled",
            meeting,
            [meeting.requester.user, meeting.recipient.user],
        )
    return meeting
