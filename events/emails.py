"""E-mails to attendees, each carrying its calendar invitation, rendered in the attendee's language.

Queue them with `.enqueue(...)` (plain ids: they run later, in the database worker in production):
`send_registration_confirmed`, `send_registration_cancelled`, `send_registration_transferred` (to the former
attendee of a registration given to someone else), and `send_event_updated` (to every confirmed attendee of an
event whose times changed; events.calendar_signals queues it on publication).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from events.badges import qr_png
from events.calendars import event_location, event_url, registration_invitation
from events.models import Registration
from events.time_zones import HOME_TIME_ZONE

SUBJECTS = {
    "registration_confirmed": _("Your registration is confirmed: %(event)s"),
    "registration_cancelled": _("Your registration is cancelled: %(event)s"),
    "event_updated": _("New date or time: %(event)s"),
    "registration_transferred": _("Your place has been given to someone else: %(event)s"),
}


class CalendarMessage(EmailMultiAlternatives):
    """An e-mail whose text/calendar parts carry the iTIP method (`text/calendar; method=REQUEST`).

    Mail clients show "add to calendar" or update the entry only when the method is in the MIME type.
    """

    def __init__(self, *args, method: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.calendar_method = method

    def _create_mime_attachment(self, content, mimetype):
        part = super()._create_mime_attachment(content, mimetype)
        if mimetype == "text/calendar":
            part.set_param("method", self.calendar_method)
        return part


@task()
def send_registration_confirmed(registration_id: int) -> None:
    """E-mail the attendee their confirmation, ticket code and invitation (METHOD:REQUEST)."""
    registration = _registration(registration_id)
    if registration is None or registration.status != Registration.Status.CONFIRMED:
        return
    _send(registration, kind="registration_confirmed", method="REQUEST")


@task()
def send_registration_cancelled(registration_id: int) -> None:
    """E-mail the attendee that their registration is cancelled, with a METHOD:CANCEL removing the entry."""
    registration = _registration(registration_id)
    if registration is None or registration.status != Registration.Status.CANCELLED:
        return
    _send(registration, kind="registration_cancelled", method="CANCEL")


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
    registration: Registration, *, kind: str, method: str, to: str = "", name: str = "", language: str = ""
) -> None:
    language = language or registration.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = _context(registration, language=language)
        if name:
            context["attendee_name"] = name
        subject = str(SUBJECTS[kind] % {"event": registration.event.title})
        text = render_to_string(f"emails/events/{kind}.txt", context)
        html = render_to_string(f"emails/events/{kind}.html", context)
    invitation = registration_invitation(
        registration, cancel=method == "CANCEL", attendee_email=to, attendee_name=name
    ).decode()
    message = CalendarMessage(subject=subject, body=text, to=[to or registration.attendee_email], method=method)
    message.attach_alternative(html, "text/html")
    # As an alternative part (Outlook's invitation buttons) and as a file (every other client), as Google does.
    message.attach_alternative(invitation, "text/calendar")
    message.attach("invitation.ics", invitation, "text/calendar")
    if kind == "registration_confirmed":
        # The ticket's QR code, for the door: shown from the phone, or printed.
        message.attach(f"ticket-{registration.code}.png", qr_png(registration.code), "image/png")
    message.send()


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
        "site_name": settings.WAGTAIL_SITE_NAME,
        "site_url": settings.SITE_URL,
        "my_registrations_url": settings.SITE_URL + reverse("events:my_registrations"),
        "badge_url": settings.SITE_URL + reverse("events:registration_badge", args=[registration.code]),
    }
    if event.time_zone != HOME_TIME_ZONE:
        context["home_time_zone"] = HOME_TIME_ZONE
        context["home_start"], context["home_end"] = event.wall_clock_in(HOME_TIME_ZONE)
    return context
