"""What events keep about a person, for the personal-data export (registered in EventsConfig.ready())."""

from django.db.models import Q

from core.privacy import register_export, when
from events.models import Registration, WaitlistEntry


def registrations_of(user) -> list[dict]:
    """The person's places at events: under their account, or under their address before they had one."""
    registrations = (
        Registration.objects.filter(Q(user=user) | Q(attendee_email__iexact=user.email))
        .select_related("event", "ticket_type", "organisation")
        .prefetch_related("answers__question")
        .order_by("created_at", "pk")
    )
    return [
        {
            "event": r.event.title,
            "event_start": when(r.event.start),
            "ticket": r.ticket_type.name,
            "attendee_name": r.attendee_name,
            "attendee_email": r.attendee_email,
            "company": r.organisation.legal_name if r.organisation else r.company_name,
            "language": r.language,
            "status": r.status,
            "price_centimes": r.price,
            "code": r.code,
            "registered_at": when(r.created_at),
            "confirmed_at": when(r.confirmed_at),
            "cancelled_at": when(r.cancelled_at),
            "checked_in_at": when(r.checked_in_at),
            "answers": [{"question": a.question.label, "answer": a.value} for a in r.answers.all()],
        }
        for r in registrations
    ]


def waitlist_entries_of(user) -> list[dict]:
    entries = (
        WaitlistEntry.objects.filter(Q(user=user) | Q(email__iexact=user.email))
        .select_related("event")
        .order_by("created_at", "pk")
    )
    return [
        {
            "event": e.event.title,
            "name": e.name,
            "email": e.email,
            "company_name": e.company_name,
            "status": e.status,
            "joined_at": when(e.created_at),
            "offered_at": when(e.offered_at),
        }
        for e in entries
    ]


def register() -> None:
    register_export("event_registrations", registrations_of)
    register_export("event_waitlist", waitlist_entries_of)
