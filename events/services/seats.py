"""Counting seats, and the one lock that keeps an event from being overbooked.

A seat is held by a registration that is reserved or confirmed, and by a waitlist offer still open. Nothing
stores a counter: every path that takes a seat locks the event's RegistrationSettings row (SELECT … FOR
UPDATE), counts, and keeps the lock until its transaction commits. Two shapes are used:

- write, then lock and count (new registrations): the new row is inserted first, outside the lock, and the
  count, which sees it, runs last; if it is over the limit the whole transaction rolls back. The lock is thus
  held only for one count and the commit, which is what lets an event take well over 1,000 registrations a
  minute from many clients at once.
- lock, count, then write (offers, ticket changes, a late payment reviving an expired reservation).

Either way every count runs after the previous seat-taker has committed (PostgreSQL's READ COMMITTED takes
a fresh snapshot for each statement, after the lock is granted), so the sum can never exceed a ticket's
quota nor the event's capacity. One lock per event also covers the ticket quotas, since every seat of a
ticket is a seat of its event: no second lock, no lock-ordering to get wrong.
"""

from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from events.models import Registration, RegistrationSettings, TicketType, WaitlistEntry


@dataclass(frozen=True)
class Held:
    """Seats held in the event and, of those, by one ticket type."""

    event: int
    ticket: int


def lock_settings(event_id: int) -> RegistrationSettings | None:
    """Lock the event's registration settings row until the transaction ends (None if the event has none)."""
    return RegistrationSettings.objects.select_for_update().filter(event_id=event_id).first()


_HELD_SQL = """
SELECT
    (SELECT COUNT(*) FROM {registration} WHERE event_id = %(event)s AND status IN (%(reserved)s, %(confirmed)s)),
    (SELECT COUNT(*) FROM {registration} WHERE ticket_type_id = %(ticket)s AND status IN (%(reserved)s, %(confirmed)s)),
    (SELECT COUNT(*) FROM {entry} WHERE event_id = %(event)s AND status = %(offered)s
        AND offer_expires_at > %(now)s AND id <> %(exclude)s),
    (SELECT COUNT(*) FROM {entry} WHERE ticket_type_id = %(ticket)s AND status = %(offered)s
        AND offer_expires_at > %(now)s AND id <> %(exclude)s)
"""


def held_seats(*, event_id: int, ticket_type_id: int | None, now=None, exclude_offer_id: int | None = None) -> Held:
    """Seats held right now in the event and by one ticket type: registrations holding a seat plus live waitlist
    offers. One round trip, since it runs inside the lock (indexes: event/status, ticket type/status)."""
    sql = _HELD_SQL.format(
        registration=connection.ops.quote_name(Registration._meta.db_table),
        entry=connection.ops.quote_name(WaitlistEntry._meta.db_table),
    )
    params = {
        "event": event_id,
        "ticket": ticket_type_id or 0,
        "reserved": str(Registration.Status.RESERVED),
        "confirmed": str(Registration.Status.CONFIRMED),
        "offered": str(WaitlistEntry.Status.OFFERED),
        "now": now or timezone.now(),
        "exclude": exclude_offer_id or 0,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        registrations, of_ticket, offers, offers_of_ticket = cursor.fetchone()
    return Held(event=registrations + offers, ticket=of_ticket + offers_of_ticket)


def free_seats(settings: RegistrationSettings, ticket_type: TicketType | None, held: Held) -> int | None:
    """Seats left for this ticket type (or any ticket, when None); None when nothing limits them."""
    limits = []
    if settings.capacity is not None:
        limits.append(settings.capacity - held.event)
    if ticket_type is not None and ticket_type.quota is not None:
        limits.append(ticket_type.quota - held.ticket)
    return max(0, min(limits)) if limits else None


def has_free_seat(
    settings: RegistrationSettings, ticket_type: TicketType | None, *, exclude_offer_id: int | None = None
) -> bool:
    """Counts without locking: exact only when called with the settings row locked."""
    held = held_seats(
        event_id=settings.event_id,
        ticket_type_id=ticket_type.pk if ticket_type else None,
        exclude_offer_id=exclude_offer_id,
    )
    free = free_seats(settings, ticket_type, held)
    return free is None or free > 0


def within_limits(settings: RegistrationSettings, ticket_type: TicketType, *, exclude_offer_id=None) -> bool:
    """After a seat-taking row was written: is the event still within its capacity and the ticket's quota?"""
    held = held_seats(event_id=settings.event_id, ticket_type_id=ticket_type.pk, exclude_offer_id=exclude_offer_id)
    if settings.capacity is not None and held.event > settings.capacity:
        return False
    return ticket_type.quota is None or held.ticket <= ticket_type.quota
