"""Every write about registrations: register, pay (through payments), cancel, expire, and the secretariat's
changes of ticket or attendee.

A free ticket confirms at once. A paid one is RESERVED with a payments order (one line of kind "ticket" whose
subject is the registration) until the order is paid (→ CONFIRMED) or its payment deadline passes
(→ EXPIRED, and the order is cancelled). Seats are counted under one lock per event: see events.services.seats.
E-mails are queued once the transaction has committed, never inside the lock.
"""

import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from core.roles import works_in_back_office
from events.emails import send_registration_cancelled, send_registration_confirmed, send_registration_email
from events.models import Answer, EventPage, Question, Registration, RegistrationSettings, TicketType
from events.services import seats
from events.services.attendees import answers_clean, attendee_account, is_current_member, normalise_email
from events.services.errors import (
    AlreadyRegistered,
    EventFull,
    InvalidAttendee,
    MembersOnly,
    NotPermitted,
    RegistrationClosed,
    TicketNotOffered,
    TicketNotOnSale,
)
from members.models import Organisation, OrganisationMember, Role
from payments.services import order_create
from payments.services.orders import LineSpec

logger = logging.getLogger(__name__)

TICKET_KIND = "ticket"
Status = Registration.Status


# --- E-mails, queued after commit --------------------------------------------------------------------------


def email_confirmed(registration: Registration) -> None:
    transaction.on_commit(lambda: send_registration_confirmed.enqueue(registration.pk))


def email_cancelled(registration: Registration, *, had_invitation: bool = True) -> None:
    """`had_invitation`: the attendee was confirmed, so their calendar holds the event (a reservation awaiting
    payment never sent one): the e-mail then carries the METHOD:CANCEL that removes it."""
    transaction.on_commit(lambda: send_registration_cancelled.enqueue(registration.pk, had_invitation=had_invitation))


def registration_email(kind: str, registration: Registration) -> None:
    transaction.on_commit(lambda: send_registration_email.enqueue(kind=kind, registration_id=registration.pk))


# --- Checks ---------------------------------------------------------------------------------------------------


def registration_settings_of(event: EventPage) -> RegistrationSettings | None:
    return RegistrationSettings.objects.filter(event=event).first()


def check_company(*, organisation: Organisation | None, attendee_email: str, registered_by) -> None:
    """Only a person of the company registers under its name; only its administrators register colleagues."""
    if organisation is None:
        return
    if registered_by is None or not registered_by.is_authenticated:
        raise NotPermitted()
    role = (
        OrganisationMember.objects.filter(organisation=organisation, user=registered_by)
        .values_list("role", flat=True)
        .first()
    )
    if role is None or (attendee_email != registered_by.email.lower() and role != Role.ADMIN):
        raise NotPermitted()


def registration_price(*, ticket_type: TicketType, organisation: Organisation | None) -> int:
    """What the attendee pays for this ticket: the member price when their company is a current member.

    Raises TicketNotOffered when the ticket has no price for the attendee's group."""
    price = ticket_type.price_for(is_member=is_current_member(organisation))
    if price is None:
        raise TicketNotOffered()
    return price


def _check_can_register(
    *, event: EventPage, ticket_type: TicketType, settings, organisation, by_secretariat: bool, now
) -> int:
    if ticket_type.event_id != event.pk:
        raise TicketNotOffered()
    if settings is None:
        raise RegistrationClosed()
    if not by_secretariat:
        if not settings.is_open or (event.end and event.end <= now):
            raise RegistrationClosed()
        if not ticket_type.is_on_sale(now):
            raise TicketNotOnSale()
        if event.members_only and not is_current_member(organisation):
            raise MembersOnly()
    return registration_price(ticket_type=ticket_type, organisation=organisation)


def _payment_due_by(settings: RegistrationSettings, event: EventPage, now):
    due = now + timedelta(hours=settings.payment_deadline_hours)
    return min(due, event.start) if event.start and event.start > now else due


# --- Register ---------------------------------------------------------------------------------------------------


def registration_create(
    *,
    event: EventPage,
    ticket_type: TicketType,
    attendee_name: str,
    attendee_email: str,
    user=None,
    organisation: Organisation | None = None,
    company_name: str = "",
    language: str = "",
    answers: dict[int, str] | None = None,
    registered_by=None,
    by_secretariat: bool = False,
    offer=None,
) -> Registration:
    """Register one person for an event, taking a seat (or raising EventFull) without ever overbooking.

    `user` is the attendee's account; when None, the account with that e-mail is linked or one is created
    (no usable password). `organisation` is the attendee's company: it sets the price (member or non-member)
    and only its people may register under it, its administrators for colleagues. `answers` maps question ids
    to values. Free tickets are CONFIRMED at once; paid ones are RESERVED with an order (`registration.order`)
    to pay before `expires_at`. `by_secretariat` skips the opening, sales window and members-only checks
    (never the seat count). `offer` is the waitlist entry whose seat is being claimed (see waitlist_claim).

    Raises RegistrationClosed, TicketNotOnSale, TicketNotOffered, MembersOnly, NotPermitted, InvalidAttendee,
    InvalidAnswers, AlreadyRegistered or EventFull (with `.waitlist` telling whether the waitlist is open).
    """
    now = timezone.now()
    attendee_name = (attendee_name or "").strip()
    if not attendee_name:
        raise InvalidAttendee()
    attendee_email = normalise_email(attendee_email)
    settings = registration_settings_of(event)
    price = _check_can_register(
        event=event,
        ticket_type=ticket_type,
        settings=settings,
        organisation=organisation,
        by_secretariat=by_secretariat,
        now=now,
    )
    if not by_secretariat:
        check_company(organisation=organisation, attendee_email=attendee_email, registered_by=registered_by)
    questions = list(Question.objects.filter(event=event))
    cleaned_answers = answers_clean(questions=questions, answers=answers or {})
    if Registration.objects.holding_seat().filter(event=event, attendee_email=attendee_email).exists():
        raise AlreadyRegistered()
    exclude_offer_id = offer.pk if offer is not None else None
    # A first look without the lock: when the event is clearly full, refuse before writing anything.
    if not seats.has_free_seat(settings, ticket_type, exclude_offer_id=exclude_offer_id):
        raise EventFull(waitlist=settings.waitlist_enabled)
    language = (language or getattr(user, "preferred_language", "") or "fr")[:2]
    try:
        with transaction.atomic():
            registration = _insert(
                event=event,
                ticket_type=ticket_type,
                settings=settings,
                attendee_name=attendee_name,
                attendee_email=attendee_email,
                user=user,
                organisation=organisation,
                company_name=company_name,
                language=language,
                answers=cleaned_answers,
                registered_by=registered_by,
                price=price,
                now=now,
            )
            if offer is not None:
                offer.status = offer.Status.CLAIMED
                offer.registration = registration
                offer.save(update_fields=["status", "registration"])
            # The lock, last: held for one count and the commit.
            seats.lock_settings(event.pk)
            if not seats.within_limits(settings, ticket_type, exclude_offer_id=exclude_offer_id):
                raise EventFull(waitlist=settings.waitlist_enabled)
    except IntegrityError as error:
        # Two requests for the same person at the same instant: the unique constraint let one through.
        raise AlreadyRegistered() from error
    return registration


def _insert(*, event, ticket_type, settings, attendee_email, user, answers, registered_by, price, now, **fields):
    if user is None:
        user = attendee_account(email=attendee_email, name=fields["attendee_name"], language=fields["language"])
    registration = Registration(
        event=event,
        ticket_type=ticket_type,
        attendee_email=attendee_email,
        user=user,
        registered_by=registered_by if registered_by and registered_by.is_authenticated else None,
        price=price,
        **fields,
    )
    if fields["organisation"] is not None:
        registration.company_name = ""
    if price == 0:
        registration.status = Status.CONFIRMED
        registration.confirmed_at = now
    else:
        registration.status = Status.RESERVED
        registration.expires_at = _payment_due_by(settings, event, now)
    # Foreign keys are instances loaded by the caller: skip their existence queries.
    registration.full_clean(
        exclude=["event", "ticket_type", "user", "organisation", "registered_by", "order"], validate_constraints=False
    )
    registration.save()
    Answer.objects.bulk_create(
        Answer(registration=registration, question_id=question_id, value=value)
        for question_id, value in answers.items()
    )
    if price:
        registration.order = _order_for(registration)
        registration.save(update_fields=["order"])
        registration_email("reservation_received", registration)
    else:
        email_confirmed(registration)
    log(instance=registration, action="events.registration_create", user=registration.registered_by)
    return registration


def _order_for(registration: Registration):
    ticket = registration.ticket_type.name_for(registration.language)
    line = LineSpec(
        kind=TICKET_KIND,
        description=f"{registration.event.title} — {ticket} — {registration.attendee_name}",
        unit_amount=registration.price,
        subject=registration,
    )
    # Who pays: the company administrator who registered a colleague, else the attendee (also when the
    # secretariat registered them); the order page and the reservation e-mail go to that person.
    registered_by = registration.registered_by
    buyer = (
        registered_by if registered_by is not None and not works_in_back_office(registered_by) else registration.user
    )
    return order_create(
        lines=[line],
        organisation=registration.organisation,
        buyer_user=buyer,
        buyer_email="" if registration.organisation else registration.attendee_email,
        billing_name="" if registration.organisation else (registration.company_name or registration.attendee_name),
        language=registration.language,
        created_by=registration.registered_by,
    )
