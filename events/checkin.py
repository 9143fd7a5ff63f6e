"""Checking attendees in at the door: who may, finding a ticket by its code, marking it present once, and the
count of arrivals.

A ticket's QR code holds its registration code (events.badges.qr_content). The scanner also accepts a URL ending
in the code, so that a QR code read by a phone's own camera app and pasted in works too, and a code typed the way
people type (events.codes: any case, spaces, no dashes, O for 0). Failed look-ups are rate-limited per person
(events.checkin_limits).
"""

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from core.roles import holds_permission
from events import codes
from events.models import EventPage, Registration
from events.services.errors import NotPermitted, RegistrationError

CHECK_IN_PERMISSION = "events.change_registration"
Status = Registration.Status


def can_check_in(user) -> bool:
    """Staff who may change registrations (the secretariat and the people it gives that permission to)."""
    return holds_permission(user, CHECK_IN_PERMISSION)


# --- Errors ---------------------------------------------------------------------------------------------------


class CheckInError(RegistrationError):
    """A ticket that cannot be checked in. `registration` is the ticket found, if any, to show who it is."""

    status_code = 409

    def __init__(self, message=None, *, registration: Registration | None = None):
        super().__init__(message)
        self.registration = registration


class UnknownCode(CheckInError):
    message = _("No ticket has this code. Check it and try again.")
    status_code = 404


class EmptyCode(CheckInError):
    message = _("Scan a ticket or type its code.")
    status_code = 400


class OtherEvent(CheckInError):
    message = _("This ticket is for another event: %(event)s.")

    def __init__(self, registration: Registration):
        super().__init__(self.message % {"event": registration.event.title}, registration=registration)


class NotConfirmed(CheckInError):
    MESSAGES = {
        Status.RESERVED: _("This registration is awaiting payment: it is not confirmed yet."),
        Status.CANCELLED: _("This registration was cancelled."),
        Status.EXPIRED: _("This reservation expired unpaid."),
    }

    def __init__(self, registration: Registration):
        super().__init__(self.MESSAGES.get(registration.status), registration=registration)


class AlreadyCheckedIn(CheckInError):
    """The second scan of a ticket: says when, and by whom, it was checked in."""

    def __init__(self, registration: Registration):
        when = registration.checked_in_at.astimezone(_zone(registration.event)).strftime("%H:%M")
        by = registration.checked_in_by
        if by is not None:
            message = _("Already checked in at %(time)s by %(name)s.") % {"time": when, "name": _person(by)}
        else:
            message = _("Already checked in at %(time)s.") % {"time": when}
        super().__init__(message, registration=registration)


def _zone(event: EventPage) -> ZoneInfo:
    # The door is at the event: times read in the event's own time zone.
    return ZoneInfo(event.time_zone or "Africa/Casablanca")


def _person(user) -> str:
    return user.get_full_name() or user.email


# --- Reads ----------------------------------------------------------------------------------------------------


def normalise_code(raw: str) -> str:
    """The registration code in what was scanned or typed: the code itself, or the last part of a URL."""
    text = (raw or "").strip()
    return text.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1][:64]


def code_candidates(raw: str) -> list[str]:
    """The stored codes what was scanned or typed may stand for: itself (an earlier mixed-case code, matched
    exactly), and its canonical form when it reads as a code of today's kind (events.codes)."""
    code = normalise_code(raw)
    if not code:
        return []
    canonical = codes.canonical_code(code)
    return [code] if canonical in (None, code) else [code, canonical]


def same_event(event: EventPage, other: EventPage) -> bool:
    """The same event, in any of its languages (each translation of a page is its own row)."""
    return event.pk == other.pk or event.translation_key == other.translation_key


def checkin_lookup(*, event: EventPage, code: str) -> Registration:
    """The confirmed registration of `event` with this code, ready to check in.

    Raises EmptyCode, UnknownCode, OtherEvent, NotConfirmed or AlreadyCheckedIn (each carrying the
    registration found, so the page can still say whose ticket it is).
    """
    candidates = code_candidates(code)
    if not candidates:
        raise EmptyCode()
    registration = (
        Registration.objects.select_related("event", "ticket_type", "organisation", "checked_in_by")
        .filter(code__in=candidates)
        .first()
    )
    if registration is None:
        raise UnknownCode()
    _check(registration, event)
    return registration


def _check(registration: Registration, event: EventPage) -> None:
    if not same_event(event, registration.event):
        raise OtherEvent(registration)
    if registration.status != Status.CONFIRMED:
        raise NotConfirmed(registration)
    if registration.checked_in_at is not None:
        raise AlreadyCheckedIn(registration)


@dataclass(frozen=True)
class Arrivals:
    checked_in: int
    confirmed: int


def event_registrations(event: EventPage):
    """The event's registrations, whichever language version of its page they were made from."""
    return Registration.objects.filter(event__translation_key=event.translation_key)


def arrivals(*, event: EventPage) -> Arrivals:
    """How many confirmed attendees have arrived, out of how many (one query)."""
    counts = event_registrations(event).aggregate(
        confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
        checked_in=Count("pk", filter=Q(status=Status.CONFIRMED, checked_in_at__isnull=False)),
    )
    return Arrivals(checked_in=counts["checked_in"], confirmed=counts["confirmed"])


def recent_arrivals(*, event: EventPage, limit: int = 5) -> list[Registration]:
    return list(
        event_registrations(event)
        .filter(checked_in_at__isnull=False)
        .select_related("organisation", "ticket_type")
        .order_by("-checked_in_at")[:limit]
    )


# --- Write ----------------------------------------------------------------------------------------------------


def registration_check_in(*, registration: Registration, by, event: EventPage | None = None) -> Registration:
    """Mark a confirmed attendee present, once: records when and by whom.

    The row is locked, so two phones scanning the same ticket at the same instant check it in once; the second
    gets AlreadyCheckedIn, naming the time and the person. With `event`, a ticket for another event is refused
    (OtherEvent). Raises NotPermitted when `by` may not check people in, NotConfirmed for a ticket that is not
    (or no longer) confirmed.
    """
    if not can_check_in(by):
        raise NotPermitted()
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("event", "ticket_type", "organisation", "checked_in_by")
            .get(pk=registration.pk)
        )
        _check(registration, event or registration.event)
        registration.checked_in_at = timezone.now()
        registration.checked_in_by = by
        registration.full_clean(
            exclude=["event", "ticket_type", "user", "organisation", "registered_by", "order", "checked_in_by"],
            validate_unique=False,
            validate_constraints=False,
        )
        registration.save(update_fields=["checked_in_at", "checked_in_by"])
        log(instance=registration, action="events.registration_check_in", user=by)
    return registration
