"""The secretariat's message to every confirmed attendee of an event: one e-mail each, queued as background tasks.

The subject and text go out exactly as typed (the secretariat writes in the language it chooses); only the
short footer saying why the person receives it is in the attendee's language.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_tasks import task
from wagtail.log_actions import log

from core.mail import send_templated
from events.access import manages_registrations
from events.calendars import event_url
from events.checkin import event_registrations
from events.models import EventPage, Registration
from events.services.errors import NotPermitted, RegistrationError

SUBJECT_MAX_LENGTH = 200
BODY_MAX_LENGTH = 10_000


class EmptyMessage(RegistrationError):
    message = _("Write a subject and a message.")


class NoAttendees(RegistrationError):
    message = _("This event has no confirmed attendee to write to.")
    status_code = 409


def event_message_attendees(*, event: EventPage, subject: str, body: str, by) -> int:
    """Queue one e-mail per confirmed attendee of `event` (from DEFAULT_FROM_EMAIL) and record it in the event's
    history. Returns how many were queued. Staff only (NotPermitted); raises EmptyMessage or NoAttendees."""
    if not manages_registrations(by):
        raise NotPermitted()
    subject, body = " ".join((subject or "").split())[:SUBJECT_MAX_LENGTH], (body or "").strip()[:BODY_MAX_LENGTH]
    if not subject or not body:
        raise EmptyMessage()
    with transaction.atomic():
        ids = list(
            event_registrations(event)
            .filter(status=Registration.Status.CONFIRMED)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if not ids:
            raise NoAttendees()
        log(
            instance=event,
            action="events.message_attendees",
            user=by,
            data={"subject": subject, "recipients": len(ids)},
        )
        transaction.on_commit(lambda: _enqueue(ids, subject, body))
    return len(ids)


def _enqueue(ids: list[int], subject: str, body: str) -> None:
    # One task per person, so that one refused address does not stop the others.
    for registration_id in ids:
        send_attendee_message.enqueue(registration_id=registration_id, subject=subject, body=body)


@task()
def send_attendee_message(*, registration_id: int, subject: str, body: str) -> None:
    """Send the secretariat's message to one attendee, unless their registration was cancelled meanwhile."""
    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is None or registration.status != Registration.Status.CONFIRMED:
        return
    send_templated(
        "emails/events/attendee_message",
        to=[registration.attendee_email],
        language=registration.language,
        subject=subject,
        context=lambda: {
            "body": body,
            "event": registration.event,
            "event_url": event_url(registration.event),
            "attendee_name": registration.attendee_name,
        },
    )
