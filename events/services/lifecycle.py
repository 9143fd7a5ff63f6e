"""What happens to a registration after it is made: paid, cancelled, refunded, expired.

Payments calls the handlers registered in EventsConfig.ready() for order lines of kind "ticket"; they run
inside payments' own transaction. Every path that frees a seat offers it to the waitlist in the same
transaction. Rows are locked in one order everywhere (order, then registration, then the event's settings)
so that a payment arriving while the expiry job runs cannot deadlock.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from events.access import can_manage, cancellation_deadline, manages_registrations
from events.models import RefundRule, Registration, RegistrationSettings
from events.services import seats
from events.services.errors import CancellationClosed, NotCancellable, NotPermitted
from events.services.holds import registration_method_chosen_for_line, registration_payable_until
from events.services.registrations import TICKET_KIND, email_cancelled, email_confirmed, registration_email
from events.services.waitlist import waitlist_offer_seats
from payments import fulfilment
from payments.models import Order, PaymentMethod
from payments.selectors import refundable_amount
from payments.services import order_cancel, order_refund

logger = logging.getLogger(__name__)

Status = Registration.Status


def lock_registration(registration: Registration) -> Registration:
    if registration.order_id:
        # The order first, as payments does when it marks an order paid and calls our handlers.
        Order.objects.select_for_update().filter(pk=registration.order_id).first()
    return Registration.objects.select_for_update(of=("self",)).select_related("event", "order").get(pk=registration.pk)


def _seat_freed(registration: Registration) -> None:
    waitlist_offer_seats(event=registration.event)


# --- Payment handlers (payments.fulfilment) --------------------------------------------------------------------


def registration_paid_for_line(line) -> None:
    """Payments handler: the order of a reserved registration is paid, so the registration is confirmed.

    A payment that arrives after the reservation expired takes a seat again if one is free; otherwise the
    registration stays expired and the secretariat is left to refund (it is logged). Never raises for that:
    the money was received and must be recorded.
    """
    registration = line.subject
    if not isinstance(registration, Registration):
        return
    registration = Registration.objects.select_for_update(of=("self",)).select_related("event").get(pk=registration.pk)
    if registration.status == Status.CONFIRMED:
        return
    if registration.status != Status.RESERVED and not _seat_again(registration):
        logger.warning("Registration %s was paid after it %s; no seat is left.", registration.pk, registration.status)
        log(instance=registration, action="events.registration_paid_without_seat", user=None)
        return
    _confirm(registration)


def _seat_again(registration: Registration) -> bool:
    settings = seats.lock_settings(registration.event_id)
    if settings is None or not seats.has_free_seat(settings, registration.ticket_type):
        return False
    others = Registration.objects.holding_seat().filter(
        event_id=registration.event_id, attendee_email=registration.attendee_email
    )
    return not others.exists()


def _confirm(registration: Registration) -> None:
    registration.status = Status.CONFIRMED
    registration.confirmed_at = timezone.now()
    registration.expires_at = None
    registration.cancelled_at = None
    registration.save(update_fields=["status", "confirmed_at", "expires_at", "cancelled_at"])
    log(instance=registration, action="events.registration_confirm", user=None)
    email_confirmed(registration)


def registration_order_cancelled_for_line(line) -> None:
    """Payments handler: the unpaid order was cancelled (by the buyer or the secretariat, or because it was
    overdue). A reservation still waiting for it ends: EXPIRED when its deadline has passed, else CANCELLED;
    the attendee is told either way."""
    registration = line.subject
    if not isinstance(registration, Registration):
        return
    registration = Registration.objects.select_for_update(of=("self",)).select_related("event").get(pk=registration.pk)
    if registration.status != Status.RESERVED:
        return
    now = timezone.now()
    overdue = registration.expires_at is not None and registration.expires_at <= now
    _end(registration, Status.EXPIRED if overdue else Status.CANCELLED, now=now)
    if overdue:
        registration_email("reservation_expired", registration)
    else:
        email_cancelled(registration, had_invitation=False)
    _seat_freed(registration)


def registration_refunded_for_line(line) -> None:
    """Payments handler: everything paid for the order was given back, so the registration is cancelled."""
    registration = line.subject
    if not isinstance(registration, Registration):
        return
    registration = Registration.objects.select_for_update(of=("self",)).select_related("event").get(pk=registration.pk)
    if not registration.holds_seat:
        return
    _end(registration, Status.CANCELLED, now=timezone.now())
    email_cancelled(registration)
    _seat_freed(registration)


def register_fulfilment() -> None:
    fulfilment.register(
        TICKET_KIND,
        on_paid=registration_paid_for_line,
        on_refunded=registration_refunded_for_line,
        on_cancelled=registration_order_cancelled_for_line,
        on_method_chosen=registration_method_chosen_for_line,
        payable_until=registration_payable_until,
    )


def _end(registration: Registration, status: str, *, now, by=None) -> None:
    registration.status = status
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    log(instance=registration, action=f"events.registration_{status}", user=by)


# --- Cancellation -----------------------------------------------------------------------------------------------


def registration_cancel(*, registration: Registration, by, refund: bool | None = None) -> Registration:
    """Cancel a registration and free its seat (offered to the waitlist).

    The attendee, the person who registered them or their company's administrator may cancel until the
    cancellation deadline; the secretariat and event managers (`manages_registrations`) may at any time. An
    unpaid order is cancelled. A paid one is refunded when `refund` is True, or by default when the event's
    rule is a full refund: cheque, cash and transfer refunds are recorded at once (credit note issued; the
    treasurer pays the money back), card refunds are made by the secretariat from the Stripe dashboard, whose
    webhook records them.

    Raises NotPermitted, CancellationClosed or NotCancellable.
    """
    if not can_manage(by, registration):
        raise NotPermitted()
    now = timezone.now()
    if not manages_registrations(by):
        deadline = cancellation_deadline(registration)
        if deadline is not None and now >= deadline:
            raise CancellationClosed()
    with transaction.atomic():
        registration = lock_registration(registration)
        if not registration.holds_seat:
            raise NotCancellable()
        was_confirmed = registration.status == Status.CONFIRMED
        _end(registration, Status.CANCELLED, now=now, by=by)
        order = registration.order
        if order is not None and order.is_payable:
            order_cancel(order=order, by=by)
        elif order is not None and order.status == order.Status.PAID:
            if refund is None:
                settings = RegistrationSettings.objects.filter(event_id=registration.event_id).first()
                refund = settings is not None and settings.refund_rule == RefundRule.FULL
            if refund:
                _refund(registration, order, by=by)
        # Whoever cancels, the attendee is told: a reservation awaiting payment too (without a calendar
        # cancellation, since it never sent an invitation).
        email_cancelled(registration, had_invitation=was_confirmed)
        _seat_freed(registration)
    return registration


def _refund(registration: Registration, order, *, by) -> None:
    amount = refundable_amount(order)
    if amount <= 0:
        return
    if order.payment_method == PaymentMethod.CARD:
        log(instance=registration, action="events.registration_refund_due", user=by, data={"amount": amount})
        return
    reason = str(_("Cancellation of the registration of %(name)s") % {"name": registration.attendee_name})
    order_refund(order=order, amount=amount, reason=reason, by=by)


# --- Expiry -------------------------------------------------------------------------------------------------------


def registrations_expire(*, now=None) -> int:
    """Expire reservations whose payment deadline has passed: their order is cancelled, their seat goes to the
    waitlist, the attendee is told. Safe to run often and concurrently. Returns how many expired."""
    now = now or timezone.now()
    due = Registration.objects.filter(status=Status.RESERVED, expires_at__lte=now).values_list("pk", flat=True)
    expired = 0
    for pk in list(due[:1000]):
        with transaction.atomic():
            registration = lock_registration(Registration(pk=pk, order_id=_order_id(pk)))
            if registration.status != Status.RESERVED or not registration.expires_at or registration.expires_at > now:
                continue
            _end(registration, Status.EXPIRED, now=now)
            if registration.order is not None and registration.order.is_payable:
                order_cancel(order=registration.order)
            registration_email("reservation_expired", registration)
            _seat_freed(registration)
            expired += 1
    return expired


def _order_id(pk: int) -> int | None:
    return Registration.objects.filter(pk=pk).values_list("order_id", flat=True).first()
