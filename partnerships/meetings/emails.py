"""E-mails about B2B meetings, each rendered in the recipient's language, with the meeting's calendar invitation
once it has a slot.

`notify(kind, meeting, users)` queues one `send_meeting_email` per person, inside the caller's transaction (it is
sent only if the change is kept). The task reads the meeting again and sends nothing if it has moved on since
(a request answered before its e-mail went out, for instance).

These e-mails answer something a person did or that concerns their own meeting: like the board's conversation
e-mails, they are not announcements and no opt-out topic applies to them. A participant whose account has been
closed since is still answered for: the e-mail goes to their company (members.recipients: its administrators, else
anyone there, else its contact address, which the e-mail then says), without the calendar invitation, which is
theirs.
"""

from dataclasses import replace

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task
from icalendar import vCalAddress

from core.branding import association_branding
from core.mail import Calendar, send_templated
from core.time import instant_to_wall_clock
from events.calendars import items_ics, organizer_address
from members.recipients import Recipient, recipients_for
from partnerships.meetings.selectors import meeting_calendar_item
from partnerships.models import MeetingRequest

Status = MeetingRequest.Status
EXCERPT_LENGTH = 600

SUBJECTS = {
    "meeting_requested": _("%(who)s asks you for a B2B meeting: %(event)s"),
    "meeting_accepted": _("%(name)s accepted your B2B meeting: %(event)s"),
    "meeting_declined": _("%(name)s declined your B2B meeting: %(event)s"),
    "meeting_scheduled": _("Your B2B meeting with %(name)s has a time: %(event)s"),
    "meeting_moved": _("Your B2B meeting with %(name)s has moved: %(event)s"),
}
# Whether each e-mail still applies when it is sent.
STILL_TRUE = {
    "meeting_requested": lambda meeting: meeting.shown_status() == Status.PENDING,
    "meeting_accepted": lambda meeting: meeting.status == Status.ACCEPTED,
    "meeting_declined": lambda meeting: meeting.status == Status.DECLINED,
    "meeting_scheduled": lambda meeting: meeting.status == Status.ACCEPTED and meeting.is_scheduled,
    "meeting_moved": lambda meeting: meeting.status == Status.ACCEPTED and meeting.is_scheduled,
}


def notify(kind: str, meeting: MeetingRequest, users) -> None:
    """Queue the `kind` e-mail about `meeting` to each of `users` (its participants' accounts)."""
    for user in users:
        send_meeting_email.enqueue(kind=kind, meeting_id=meeting.pk, user_id=user.pk)


@task()
def send_meeting_email(*, kind: str, meeting_id: int, user_id: int) -> None:
    """Send one meeting e-mail (templates/emails/partnerships/<kind>.txt and .html) about one participant."""
    meeting = (
        MeetingRequest.objects.select_related(
            "session__event", "requester__user", "requester__organisation", "recipient__user", "recipient__organisation"
        )
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None or user_id not in (meeting.requester.user_id, meeting.recipient.user_id):
        return
    if not STILL_TRUE[kind](meeting):
        return
    participant = meeting.requester if meeting.requester.user_id == user_id else meeting.recipient
    user = participant.user
    for recipient, marked in _recipients(participant):
        language = recipient.language or settings.LANGUAGE_CODE
        own = recipient.user_id == user.pk
        with translation.override(language):  # the links and the invitation's summary, in the recipient's language
            context = {**_context(meeting, user, kind), **marked}
            invitation = (
                _invitation(meeting, user) if own and meeting.is_scheduled and kind != "meeting_requested" else None
            )
        branding = association_branding()
        send_templated(
            f"emails/partnerships/{kind}",
            to=[recipient.email],
            language=language,
            subject=SUBJECTS[kind],
            subject_params=context,
            context=context,
            calendar=Calendar(invitation, method="REQUEST", filename="meeting.ics") if invitation else None,
            reply_to=[branding.email] if marked and branding.email else None,
        )


def _recipients(participant) -> list[tuple[Recipient, dict]]:
    """The participant while their account is open; else their company (see the module); else nobody."""
    user = participant.user
    if user.is_active:
        language = user.preferred_language or settings.LANGUAGE_CODE
        return [(Recipient(email=user.email, language=language, user_id=user.pk), {})]
    if participant.organisation is None:
        return []
    reach = recipients_for(participant.organisation, role=None)
    marked = (
        {"contact_of": reach.organisation, "nobody_has_account": reach.nobody_has_account}
        if reach.via_contact_address
        else {}
    )
    return [(recipient, marked) for recipient in reach.to]


def _url(name: str, pk: int) -> str:
    return settings.SITE_URL + reverse(name, args=[pk])


def _context(meeting: MeetingRequest, user, kind: str) -> dict:
    session, event = meeting.session, meeting.session.event
    other = meeting.recipient if meeting.requester.user_id == user.pk else meeting.requester
    context = {
        "kind": kind,
        "name": other.name,
        "company": other.company_name,
        "who": str(other),
        # Called in the recipient's language: the event's title in it, where the event is translated.
        "event": event.localized.title,
        "message": meeting.message[:EXCERPT_LENGTH],
        "request_url": _url("partnerships:meeting_request", meeting.pk),
        "agenda_url": _url("partnerships:meeting_agenda", session.pk),
        "participants_url": _url("partnerships:meeting_participants", session.pk),
        "deadline": instant_to_wall_clock(session.request_deadline, event.time_zone),
        "time_zone": event.time_zone,
    }
    if meeting.is_scheduled:
        # Naive wall-clock times of the event's zone, so that templates do not convert them.
        context["starts_at"] = instant_to_wall_clock(meeting.starts_at, event.time_zone)
        context["ends_at"] = instant_to_wall_clock(meeting.ends_at, event.time_zone)
        context["table"] = meeting.table
    return context


def _invitation(meeting: MeetingRequest, user) -> str:
    """The meeting as an iTIP REQUEST addressed to `user`: the UID and SEQUENCE of their calendar feed."""
    attendee = vCalAddress(f"mailto:{user.email}")
    attendee.params["CN"] = user.get_full_name() or user.email
    attendee.params["ROLE"] = "REQ-PARTICIPANT"
    attendee.params["PARTSTAT"] = "ACCEPTED"
    attendee.params["RSVP"] = "FALSE"
    item = replace(
        meeting_calendar_item(meeting, user),
        attendees=(attendee,),
        organizer=organizer_address(),
        stamp=timezone.now(),
    )
    return items_ics([item], method="REQUEST").decode()
