"""The waitlist of a full event: join, leave, seats offered first come first served, offers claimed or expired.

An offer holds its seat (events.services.seats counts live offers) for the event's `waitlist_offer_hours`;
the person claims it in one click from the e-mailed link, and a paid ticket then goes through its order
like any other. An offer left unclaimed expires and the seat passes to the next person.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from events.emails import send_waitlist_email
from events.models import EventPage, Registration, TicketType, WaitlistEntry
from events.services import seats
from events.services.attendees import is_current_member, normalise_email
from events.services.errors import (
    AlreadyOnWaitlist,
    AlreadyRegistered,
    InvalidAttendee,
    MembersOnly,
    OfferExpired,
    TicketNotOffered,
    WaitlistClosed,
)
from events.services.registrations import check_company, registration_create, registration_settings_of

Status = WaitlistEntry.Status

# How many waiting people one pass looks at (a pass stops sooner, as soon as the event has no free seat).
OFFER_BATCH = 200


def _email(kind: str, entry: WaitlistEntry) -> None:
    transaction.on_commit(lambda: send_waitlist_email.enqueue(kind=kind, entry_id=entry.pk))


def waitlist_join(
    *,
    event: EventPage,
    name: str,
    email: str,
    ticket_type: TicketType | None = None,
    user=None,
    organisation=None,
    company_name: str = "",
    language: str = "",
) -> WaitlistEntry:
    """Put a person on the event's waitlist (for one ticket type, or any when None) and e-mail them a link to
    leave it. If a seat happens to be free already, it is offered to the first in line at once.

    `organisation` (for the member price and members-only events) must be one `user` works for.

    Raises WaitlistClosed, TicketNotOffered, MembersOnly, NotPermitted, InvalidAttendee, AlreadyRegistered or
    AlreadyOnWaitlist.
    """
    name = (name or "").strip()
    if not name:
        raise InvalidAttendee()
    email = normalise_email(email)
    settings = registration_settings_of(event)
    if settings is None or not settings.is_open or not settings.waitlist_enabled:
        raise WaitlistClosed()
    is_member = is_current_member(organisation)
    if ticket_type is not None and (
        ticket_type.event_id != event.pk or ticket_type.price_for(is_member=is_member) is None
    ):
        raise TicketNotOffered()
    if event.members_only and not is_member:
        raise MembersOnly()
    check_company(organisation=organisation, attendee_email=email, registered_by=user)
    if Registration.objects.holding_seat().filter(event=event, attendee_email=email).exists():
        raise AlreadyRegistered()
    entry = WaitlistEntry(
        event=event,
        ticket_type=ticket_type,
        user=user if user is not None and user.is_authenticated else None,
        organisation=organisation,
        company_name="" if organisation else company_name,
        name=name,
        email=email,
        language=(language or "fr")[:2],
    )
    entry.full_clean(exclude=["event", "ticket_type", "user", "organisation"], validate_constraints=False)
    try:
        with transaction.atomic():
            entry.save()
            log(instance=entry, action="events.waitlist_join", user=entry.user)
            _email("waitlist_joined", entry)
            waitlist_offer_seats(event=event)
    except IntegrityError as error:
        raise AlreadyOnWaitlist() from error
    entry.refresh_from_db()
    return entry


def waitlist_leave(*, entry: WaitlistEntry) -> WaitlistEntry:
    """Take a person off the waitlist (from the link in their e-mail or the event page). An offer they held
    passes to the next person. Leaving twice, or after the offer was used or expired, changes nothing."""
    with transaction.atomic():
        entry = WaitlistEntry.objects.select_for_update().select_related("event").get(pk=entry.pk)
        if entry.status not in (Status.WAITING, Status.OFFERED):
            return entry
        was_offered = entry.status == Status.OFFERED
        entry.status = Status.LEFT
        entry.save(update_fields=["status"])
        log(instance=entry, action="events.waitlist_leave", user=entry.user)
        if was_offered:
            waitlist_offer_seats(event=entry.event)
    return entry


def waitlist_offer_seats(*, event: EventPage) -> list[WaitlistEntry]:
    """Offer the event's free seats to the people waiting, in the order they joined, and e-mail each offer.

    Called whenever a seat frees; the secretariat's screens call it after raising a capacity or a quota.
    Someone waiting for a ticket whose quota is full is skipped (they keep their place) in favour of the next.
    """
    now = timezone.now()
    if event.end and event.end <= now:
        return []
    if not WaitlistEntry.objects.waiting().filter(event=event).exists():
        return []
    offered = []
    with transaction.atomic():
        settings = seats.lock_settings(event.pk)
        if settings is None:
            return []
        waiting = WaitlistEntry.objects.waiting().filter(event=event).select_related("ticket_type")[:OFFER_BATCH]
        for entry in waiting:
            ticket_type = entry.ticket_type
            held = seats.held_seats(event_id=event.pk, ticket_type_id=ticket_type.pk if ticket_type else None, now=now)
            if seats.free_seats(settings, None, held) == 0:
                break
            if seats.free_seats(settings, ticket_type, held) == 0:
                continue
            entry.status = Status.OFFERED
            entry.offered_at = now
            entry.offer_expires_at = _offer_ends(settings, event, now)
            entry.save(update_fields=["status", "offered_at", "offer_expires_at"])
            log(instance=entry, action="events.waitlist_offer", user=None)
            _email("waitlist_offer", entry)
            offered.append(entry)
    return offered


def _offer_ends(settings, event: EventPage, now):
    ends = now + timedelta(hours=settings.waitlist_offer_hours)
    return min(ends, event.start) if event.start and event.start > now else ends


def waitlist_claim(
    *, entry: WaitlistEntry, answers: dict[int, str] | None = None, ticket_type: TicketType | None = None
) -> Registration:
    """Turn a live offer into a registration (the seat it held; a paid ticket gets its order to pay).

    `ticket_type` is needed only for an entry that waited for any ticket. Raises OfferExpired, or any error
    of registration_create (InvalidAnswers, TicketNotOffered…), in which case the offer stays open.
    """
    with transaction.atomic():
        entry = (
            WaitlistEntry.objects.select_for_update(of=("self",))
            .select_related("event", "ticket_type", "organisation", "user")
            .get(pk=entry.pk)
        )
        if entry.status != Status.OFFERED or entry.offer_expires_at <= timezone.now():
            raise OfferExpired()
        ticket_type = entry.ticket_type or ticket_type
        if ticket_type is None:
            raise TicketNotOffered()
        registration = registration_create(
            event=entry.event,
            ticket_type=ticket_type,
            attendee_name=entry.name,
            attendee_email=entry.email,
            user=entry.user,
            organisation=entry.organisation,
            company_name=entry.company_name,
            language=entry.language,
            answers=answers,
            registered_by=entry.user,
            offer=entry,
        )
        log(instance=entry, action="events.waitlist_claim", user=entry.user)
    return registration


def waitlist_expire_offers(*, now=None) -> int:
    """Expire offers past their time and pass their seats to the next people. Returns how many expired."""
    now = now or timezone.now()
    due = list(
        WaitlistEntry.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now).values_list("pk", flat=True)[
            :1000
        ]
    )
    events, expired = set(), 0
    for pk in due:
        with transaction.atomic():
            entry = WaitlistEntry.objects.select_for_update().get(pk=pk)
            if entry.status != Status.OFFERED or entry.offer_expires_at > now:
                continue
            entry.status = Status.EXPIRED
            entry.save(update_fields=["status"])
            log(instance=entry, action="events.waitlist_offer_expire", user=None)
            events.add(entry.event_id)
            expired += 1
    for event in EventPage.objects.filter(pk__in=events):
        waitlist_offer_seats(event=event)
    return expired


def waitlist_offer_all() -> int:
    """Offer free seats to waiting people in every event that has some (after a capacity was raised, or a
    seat freed while nobody was offered it). Returns how many offers were made."""
    event_ids = WaitlistEntry.objects.waiting().values_list("event_id", flat=True).distinct()
    return sum(len(waitlist_offer_seats(event=event)) for event in EventPage.objects.filter(pk__in=event_ids))
