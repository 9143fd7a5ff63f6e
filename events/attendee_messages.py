"""The secretariat's message to the people of an event: one e-mail each, queued as background tasks.

The secretariat chooses who receives it (confirmed attendees, reservations awaiting payment, the waitlist: one
e-mail per address across them) and says which language it writes in. The subject and text go out exactly as
typed; the rest of the e-mail (greeting, footer, the event's title and link, the page's direction) is in that
same language, so that the message and what surrounds it agree.
"""

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks import task
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Locale

from core.mail import send_templated
from events.access import manages_registrations
from events.calendars import event_url
from events.checkin import event_registrations
from events.models import EventPage, Registration, WaitlistEntry
from events.services.errors import NotPermitted, RegistrationError

SUBJECT_MAX_LENGTH = 200
BODY_MAX_LENGTH = 10_000


class Audience(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed attendees")
    RESERVED = "reserved", _("Reservations awaiting payment")
    WAITLIST = "waitlist", _("People on the waitlist")


# Who is in each audience, as the send task checks again when it runs.
REGISTRATION_STATUSES = {
    Audience.CONFIRMED: Registration.Status.CONFIRMED,
    Audience.RESERVED: Registration.Status.RESERVED,
}
WAITLIST_STATUSES = (WaitlistEntry.Status.WAITING, WaitlistEntry.Status.OFFERED)


class EmptyMessage(RegistrationError):
    message = _("Write a subject and a message.")


class NoAudience(RegistrationError):
    message = _("Choose who receives the message.")


class NoAttendees(RegistrationError):
    message = _("Nobody in the chosen audience to write to.")
    status_code = 409


def message_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _audiences(values) -> list[str]:
    """The known audiences among `values`, in the order of `Audience` (so that the log reads alike)."""
    chosen = {str(value) for value in values or ()}
    return [audience.value for audience in Audience if audience.value in chosen]


def _waitlist(event: EventPage):
    """The event's waitlist entries, whichever language version of its page they were made from."""
    return WaitlistEntry.objects.filter(event__translation_key=event.translation_key)


def audience_counts(event: EventPage) -> dict[str, int]:
    """How many people each audience holds now (before duplicates across audiences are removed)."""
    registrations = event_registrations(event)
    return {
        Audience.CONFIRMED: registrations.filter(status=Registration.Status.CONFIRMED).count(),
        Audience.RESERVED: registrations.filter(status=Registration.Status.RESERVED).count(),
        Audience.WAITLIST: _waitlist(event).filter(status__in=WAITLIST_STATUSES).count(),
    }


def _recipients(event: EventPage, audiences: list[str]) -> list[dict]:
    """One recipient per e-mail address: its registration (confirmed first, then reserved) or waitlist entry."""
    rows: list[tuple[dict, str]] = []
    statuses = [REGISTRATION_STATUSES[audience] for audience in audiences if audience in REGISTRATION_STATUSES]
    if statuses:
        registrations = list(
            event_registrations(event)
            .filter(status__in=statuses)
            .order_by("pk")
            .values_list("pk", "attendee_email", "status")
        )
        for status in statuses:
            rows += [({"registration_id": pk}, email) for pk, email, state in registrations if state == status]
    if Audience.WAITLIST in audiences:
        entries = _waitlist(event).filter(status__in=WAITLIST_STATUSES).order_by("pk").values_list("pk", "email")
        rows += [({"entry_id": pk}, email) for pk, email in entries]
    seen: set[str] = set()
    recipients = []
    for recipient, email in rows:
        address = (email or "").strip().lower()
        if address and address not in seen:
            seen.add(address)
            recipients.append(recipient)
    return recipients


def event_message_attendees(
    *, event: EventPage, subject: str, body: str, by, audiences=(Audience.CONFIRMED,), language: str = ""
) -> int:
    """Queue one e-mail per address among the chosen `audiences` of `event` (from DEFAULT_FROM_EMAIL), its
    surroundings in `language` (the one the message is written in; the site's default if unknown), and record
    it in the event's history. Returns how many were queued.

    Staff only (NotPermitted); raises EmptyMessage, NoAudience or NoAttendees."""
    if not manages_registrations(by):
        raise NotPermitted()
    subject, body = " ".join((subject or "").split())[:SUBJECT_MAX_LENGTH], (body or "").strip()[:BODY_MAX_LENGTH]
    if not subject or not body:
        raise EmptyMessage()
    audiences = _audiences(audiences)
    if not audiences:
        raise NoAudience()
    if language not in message_languages():
        language = settings.LANGUAGE_CODE
    with transaction.atomic():
        recipients = _recipients(event, audiences)
        if not recipients:
            raise NoAttendees()
        log(
            instance=event,
            action="events.message_attendees",
            user=by,
            data={"subject": subject, "recipients": len(recipients), "audiences": audiences, "language": language},
        )
        message = {"subject": subject, "body": body, "language": language, "audiences": audiences}
        transaction.on_commit(lambda: _enqueue(recipients, message))
    return len(recipients)


def _enqueue(recipients: list[dict], message: dict) -> None:
    # One task per person, so that one refused address does not stop the others.
    for recipient in recipients:
        send_attendee_message.enqueue(**recipient, **message)


@task()
def send_attendee_message(
    *,
    subject: str,
    body: str,
    registration_id: int | None = None,
    entry_id: int | None = None,
    language: str = "",
    audiences: list[str] | None = None,
) -> None:
    """Send the secretariat's message to one person, unless they left the chosen audiences meanwhile (a
    cancelled registration, a reservation that expired, someone who left the waitlist or took their seat).

    Without `audiences` and `language` (tasks queued before they existed): confirmed attendees, in their own
    language."""
    audiences = _audiences(audiences if audiences is not None else [Audience.CONFIRMED])
    if registration_id is not None:
        statuses = {REGISTRATION_STATUSES[audience] for audience in audiences if audience in REGISTRATION_STATUSES}
        person = Registration.objects.select_related("event").filter(pk=registration_id).first()
        if person is None or person.status not in statuses:
            return
        email, name = person.attendee_email, person.attendee_name
        reason = "reserved" if person.status == Registration.Status.RESERVED else "registered"
    else:
        person = WaitlistEntry.objects.select_related("event").filter(pk=entry_id).first()
        if person is None or Audience.WAITLIST not in audiences or person.status not in WAITLIST_STATUSES:
            return
        email, name, reason = person.email, person.name, "waitlist"
    language = language if language in message_languages() else person.language

    def context() -> dict:
        # Built in the message's language: the event's page in that language when it has one, and its address.
        event = _event_in(person.event, language)
        return {"body": body, "event": event, "event_url": event_url(event), "attendee_name": name, "reason": reason}

    send_templated("emails/events/attendee_message", to=[email], language=language, subject=subject, context=context)


def _event_in(event: EventPage, language: str) -> EventPage:
    locale = Locale.objects.filter(language_code=language).first()
    translation = event.get_translation_or_none(locale) if locale is not None else None
    return translation.specific if translation is not None and translation.live else event


# --- History -------------------------------------------------------------------------------------------------


class MessageFormatter(LogFormatter):
    """The history reads: Message to 12 addresses (confirmed attendees, people on the waitlist), written in
    English."""

    label = _("Message attendees")
    message = _("Message sent to attendees")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        try:
            audiences = ", ".join(str(Audience(value).label).lower() for value in data["audiences"])
            language = dict(settings.LANGUAGES)[data["language"]]
            recipients = int(data["recipients"])
            return ngettext(
                "Message to %(recipients)s address (%(audiences)s), written in %(language)s",
                "Message to %(recipients)s addresses (%(audiences)s), written in %(language)s",
                recipients,
            ) % {
                "recipients": recipients,
                "audiences": audiences,
                "language": language,
            }
        except (KeyError, TypeError, ValueError):
            return self.message
