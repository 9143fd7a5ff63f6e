"""The secretariat's changes to a registration: another ticket, or another person."""

from django.db import IntegrityError, transaction
from wagtail.log_actions import log

from events.access import manages_registrations
from events.emails import send_registration_transferred
from events.models import Registration, TicketType
from events.models.registrations import new_registration_code
from events.services import seats
from events.services.attendees import attendee_account, normalise_email
from events.services.errors import AlreadyRegistered, EventFull, InvalidAttendee, NotCancellable, NotPermitted
from events.services.lifecycle import lock_registration
from events.services.registrations import email_confirmed


def _check_staff(by) -> None:
    if not manages_registrations(by):
        raise NotPermitted()


def registration_change_ticket(*, registration: Registration, ticket_type: TicketType, by) -> Registration:
    """Move a live registration to another ticket type of the same event (secretariat only).

    The new ticket's quota is respected; the event's capacity is unchanged (the seat moves). The price and the
    order stay as they were: the secretariat settles any difference by hand. Raises NotPermitted, NotCancellable
    (registration not live), EventFull (the new ticket's quota is reached).
    """
    _check_staff(by)
    if ticket_type.event_id != registration.event_id:
        raise NotPermitted()
    with transaction.atomic():
        registration = lock_registration(registration)
        if not registration.holds_seat:
            raise NotCancellable()
        if registration.ticket_type_id == ticket_type.pk:
            return registration
        seats.lock_settings(registration.event_id)
        held = seats.held_seats(event_id=registration.event_id, ticket_type_id=ticket_type.pk)
        if ticket_type.quota is not None and held.ticket >= ticket_type.quota:
            raise EventFull(waitlist=False)
        previous = registration.ticket_type_id
        registration.ticket_type = ticket_type
        registration.save(update_fields=["ticket_type"])
        log(
            instance=registration,
            action="events.registration_change_ticket",
            user=by,
            data={"from": previous, "to": ticket_type.pk},
        )
    return registration


def _email_transferred(registration: Registration, former_email: str, former_name: str, language: str) -> None:
    """The former attendee gets a METHOD:CANCEL that takes the event out of their calendar."""
    if former_email and former_email != registration.attendee_email:
        transaction.on_commit(
            lambda: send_registration_transferred.enqueue(
                registration.pk, former_email=former_email, former_name=former_name, language=language
            )
        )


def registration_transfer(
    *, registration: Registration, attendee_name: str, attendee_email: str, by, user=None, language: str = ""
) -> Registration:
    """Give a live registration to another person (secretariat only): new name, e-mail and account (linked or
    created from the e-mail when `user` is None), and a new ticket code, so the former attendee's QR code no
    longer checks in. A confirmed registration's new attendee gets the confirmation e-mail.

    Raises NotPermitted, NotCancellable, InvalidAttendee or AlreadyRegistered (the new person already has one).
    """
    _check_staff(by)
    attendee_name = (attendee_name or "").strip()
    if not attendee_name:
        raise InvalidAttendee()
    attendee_email = normalise_email(attendee_email)
    try:
        with transaction.atomic():
            registration = lock_registration(registration)
            if not registration.holds_seat:
                raise NotCancellable()
            others = Registration.objects.holding_seat().filter(
                event_id=registration.event_id, attendee_email=attendee_email
            )
            if others.exclude(pk=registration.pk).exists():
                raise AlreadyRegistered()
            previous = registration.attendee_email
            previous_name, previous_language = registration.attendee_name, registration.language
            registration.attendee_name = attendee_name
            registration.attendee_email = attendee_email
            registration.language = (language or registration.language)[:2]
            registration.user = user or attendee_account(
                email=attendee_email, name=attendee_name, language=registration.language
            )
            registration.code = new_registration_code()
            registration.checked_in_at = None
            registration.checked_in_by = None
            registration.full_clean(
                exclude=["event", "ticket_type", "user", "organisation", "registered_by", "order", "checked_in_by"],
                validate_constraints=False,
            )
            registration.save()
            log(
                instance=registration,
                action="events.registration_transfer",
                user=by,
                data={"from": previous, "to": attendee_email},
            )
            if registration.status == Registration.Status.CONFIRMED:
                email_confirmed(registration)
                _email_transferred(registration, previous, previous_name, previous_language)
    except IntegrityError as error:
        raise AlreadyRegistered() from error
    return registration
