"""E-mails to attendees, each carrying its calendar invitation, rendered in the attendee's language.

Queue them with `.enqueue(...)` (plain ids: they run later, in the database worker in production):
`send_registration_confirmed`, `send_registration_cancelled`, `send_registration_transferred` (to the former
attendee of a registration given to someone else), `send_event_updated` (to every confirmed attendee of an
event whose times changed; events.calendar_signals queues it on publication), and the e-mails without an
invitation: `send_registration_email` (a reservation awaiting payment, or expired) and `send_waitlist_email`.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from core.mail import Attachment, Calendar, send_templated
from core.site_url import absolute_url
from events.badges import qr_png
from events.calendars import event_location, event_url, registration_invitation
from events.models import Registration, WaitlistEntry
from events.payment_holds import bank_transfer_hold_end
from events.time_zones import HOME_TIME_ZONE
from payments.links import order_link_url
from payments.models import PaymentMethod

SUBJECTS = {
    "registration_confirmed": _("Your registration is confirmed: %(event)s"),
    "registration_cancelled": _("Your registration is cancelled: %(event)s"),
    "event_updated": _("New date or time: %(event)s"),
    "registration_transferred": _("Your place has been given to someone else: %(event)s"),
    "reservation_received": _("Your place is reserved, awaiting payment: %(event)s"),
    "reservation_reminder": _("Your reservation ends soon, awaiting payment: %(event)s"),
    "reservation_expired": _("Your reservation has expired: %(event)s"),
    "waitlist_joined": _("You are on the waitlist: %(event)s"),
    "waitlist_offer": _("A seat is free for you: %(event)s"),
}


def title_in(event, language: str) -> str:
    """The event's title in that language: its translation's, else its own (an alias repeats its source's)."""
    with translation.override(language):
        return event.localized.title


@task()
def send_registration_confirmed(registration_id: int) -> None:
    """E-mail the attendee their confirmation, ticket code and invitation (METHOD:REQUEST)."""
    registration = _registration(registration_id)
    if registration is None or registration.status != Registration.Status.CONFIRMED:
        return
    _send(registration, kind="registration_confirmed", method="REQUEST")


@task()
def send_registration_cancelled(registration_id: int, *, had_invitation: bool = True) -> None:
    """E-mail the attendee, in their language, that their registration is cancelled: with a METHOD:CANCEL
    removing the entry from their calendar when they had one (`had_invitation`: it was confirmed), as a
    reservation awaiting payment otherwise."""
    registration = _registration(registration_id)
    if registration is None or registration.status != Registration.Status.CANCELLED:
        return
    _send(registration, kind="registration_cancelled", method="CANCEL", with_calendar=had_invitation)


@task()
def send_registration_transferred(registration_id: int, *, former_email: str, former_name: str, language: str) -> None:
    """E-mail the former attendee of a transferred registration a METHOD:CANCEL that removes the event from
    their calendar (the new attendee gets `send_registration_confirmed`)."""
    registration = _registration(registration_id)
    if registration is None or not former_email or former_email == registration.attendee_email:
        return
    _send(
        registration,
        kind="registration_transferred",
        method="CANCEL",
        to=former_email,
        name=former_name,
        language=language,
    )


@task()
def send_event_updated(event_id: int) -> int:
    """Queue the update e-mail (same UID, higher SEQUENCE) to every confirmed attendee of the event.

    One task per attendee, so that one refused address does not stop the others. Returns how many were queued.
    """
    ids = list(Registration.objects.confirmed().filter(event_id=event_id).values_list("pk", flat=True))
    for registration_id in ids:
        send_registration_updated.enqueue(registration_id)
    return len(ids)


@task()
def send_registration_updated(registration_id: int) -> None:
    """E-mail one attendee the event's new times, with the updated invitation (METHOD:REQUEST)."""
    registration = _registration(registration_id)
    if registration is None or registration.status != Registration.Status.CONFIRMED:
        return
    _send(registration, kind="event_updated", method="REQUEST")


def _registration(registration_id: int) -> Registration | None:
    return (
        Registration.objects.select_related("event__calendar_state", "ticket_type", "organisation")
        .filter(pk=registration_id)
        .first()
    )


def _send(
    registration: Registration,
    *,
    kind: str,
    method: str,
    to: str = "",
    name: str = "",
    language: str = "",
    with_calendar: bool = True,
) -> None:
    language = language or registration.language or settings.LANGUAGE_CODE

    def context() -> dict:
        context = _context(registration, language=language)
        context["with_calendar"] = with_calendar
        if name:
            context["attendee_name"] = name
        return context

    calendar = None
    if with_calendar:
        invitation = registration_invitation(
            registration, cancel=method == "CANCEL", attendee_email=to, attendee_name=name
        ).decode()
        calendar = Calendar(invitation, method=method, filename="invitation.ics")
    # The ticket's QR code, for the door: shown from the phone, or printed.
    ticket = [Attachment(f"ticket-{registration.code}.png", qr_png(registration.code), "image/png")]
    send_templated(
        f"emails/events/{kind}",
        to=[to or registration.attendee_email],
        language=language,
        subject=SUBJECTS[kind],
        subject_params={"event": title_in(registration.event, language)},
        context=context,
        calendar=calendar,
        attachments=ticket if kind == "registration_confirmed" else (),
    )


def _context(registration: Registration, *, language: str) -> dict:
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "attendee_name": registration.attendee_name,
        "ticket_name": registration.ticket_type.name_for(language),
        "event_url": event_url(event),
        "location": event_location(event),
        "online_url": event.online_url if event.is_online else "",
        "time_zone": event.time_zone,
        "my_registrations_url": absolute_url(reverse("events:my_registrations")),
        "badge_url": absolute_url(reverse("events:registration_badge", args=[registration.code])),
    }
    if event.time_zone != HOME_TIME_ZONE:
        context["home_time_zone"] = HOME_TIME_ZONE
        context["home_start"], context["home_end"] = event.wall_clock_in(HOME_TIME_ZONE)
    return context


# --- Without an invitation ------------------------------------------------------------------------------------


@task()
def send_registration_email(*, kind: str, registration_id: int) -> None:
    """E-mail the buyer about their reservation: `reservation_received` or `reservation_reminder` (with the
    signed link to pay without logging in, and the deadline) or `reservation_expired`. Does nothing if the
    registration has since moved on."""
    expected = {
        "reservation_received": Registration.Status.RESERVED,
        "reservation_reminder": Registration.Status.RESERVED,
        "reservation_expired": Registration.Status.EXPIRED,
    }
    registration = (
        Registration.objects.select_related("event", "ticket_type", "order__buyer_user", "user")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or registration.status != expected[kind]:
        return
    language = registration.language
    expires_at = timezone.localtime(registration.expires_at) if registration.expires_at else None
    context = {
        "registration": registration,
        "event": registration.event,
        "attendee_name": registration.attendee_name,
        "ticket_name": registration.ticket_type.name_for(language),
        "expires_at": expires_at,
        "order": registration.order if registration.order_id else None,
        "transfer_until": None,
    }
    paying = registration.order_id and kind != "reservation_expired"
    if paying and registration.order.payment_method != PaymentMethod.BANK_TRANSFER:
        transfer_until = bank_transfer_hold_end(registration)
        if expires_at and transfer_until > expires_at:
            context["transfer_until"] = timezone.localtime(transfer_until)
    # The person who pays (a company administrator registering a colleague), else the attendee.
    buyer = registration.order.buyer_user if registration.order_id else None
    to = buyer.email if buyer is not None else registration.attendee_email
    if buyer is not None and buyer.pk != registration.user_id:
        language = (buyer.preferred_language or language)[:2]

    def links() -> dict:
        # In the recipient's language (the link's path carries its prefix), valid past the deadline it states.
        if not paying:
            return {"pay_url": ""}
        return {"pay_url": order_link_url(order=registration.order, payable_until=registration.expires_at)}

    _send_plain(kind=kind, to=to, language=language, context=context, links=links)


@task()
def send_waitlist_email(*, kind: str, entry_id: int) -> None:
    """E-mail a person on the waitlist: `waitlist_joined` (with the link to leave) or `waitlist_offer` (with the
    links to take the seat or leave, and until when the offer holds)."""
    expected = {"waitlist_joined": WaitlistEntry.Status.WAITING, "waitlist_offer": WaitlistEntry.Status.OFFERED}
    entry = WaitlistEntry.objects.select_related("event", "ticket_type").filter(pk=entry_id).first()
    if entry is None or entry.status != expected[kind]:
        return
    context = {
        "entry": entry,
        "event": entry.event,
        "attendee_name": entry.name,
        "ticket_name": entry.ticket_type.name_for(entry.language) if entry.ticket_type else "",
        "offer_expires_at": timezone.localtime(entry.offer_expires_at) if entry.offer_expires_at else None,
        "claim_url": absolute_url(reverse("events:waitlist_claim", args=[entry.token])),
        "leave_url": absolute_url(reverse("events:waitlist", args=[entry.token])),
    }
    _send_plain(kind=kind, to=entry.email, language=entry.language, context=context)


def _send_plain(*, kind: str, to: str, language: str, context: dict, links=None) -> None:
    """`links`: a callable adding the links that must be built in the recipient's language."""
    event = context["event"]
    send_templated(
        f"emails/events/{kind}",
        to=[to],
        language=language,
        subject=SUBJECTS[kind],
        subject_params={"event": title_in(event, language)},
        # Built in the recipient's language: the links carry its URL prefix.
        context=lambda: {
            **context,
            "event_url": event_url(event),
            "my_registrations_url": absolute_url(reverse("events:my_registrations")),
            **(links() if links else {}),
        },
    )
