import logging
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from wagtail.log_actions import log

from payments import conf, fulfilment
from payments.models import Order, OrderLine, Payment, PaymentMethod, Refund, new_transfer_reference
from payments.services.errors import OrderNotPayable, PaymentAmountMismatch, RefundTooLarge
from payments.services.invoices import credit_note_issue, invoice_issue
from payments.tasks import send_payment_confirmation

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LineSpec:
    """What another app asks to be paid for. `unit_amount` is in centimes, excluding VAT."""

    kind: str
    description: str
    unit_amount: int
    quantity: int = 1
    subject: models.Model | None = None
    vat_rate: Decimal | None = None


def _unique_reference(year: int) -> str:
    for _attempt in range(20):
        reference = new_transfer_reference(conf.reference_prefix(), year)
        if not Order.objects.filter(reference=reference).exists():
            return reference
    raise RuntimeError("Could not find a free transfer reference.")


def order_create(
    *,
    lines: list[LineSpec],
    buyer_user=None,
    organisation=None,
    buyer_email: str = "",
    billing_name: str = "",
    billing_address: str = "",
    billing_ice: str = "",
    language: str = "",
    created_by=None,
) -> Order:
    """Create a pending order, copying the billing identity as it is today (later edits don't change it)."""
    if not lines:
        raise ValueError("An order needs at least one line.")
    if organisation is not None:
        billing_name = billing_name or organisation.legal_name
        billing_address = billing_address or ", ".join(
            part for part in (organisation.city, organisation.get_region_display()) if part
        )
        billing_ice = billing_ice or organisation.ice
        buyer_email = buyer_email or organisation.contact_email
    if buyer_user is not None:
        billing_name = billing_name or buyer_user.get_full_name() or buyer_user.email
        buyer_email = buyer_email or buyer_user.email
        language = language or buyer_user.preferred_language
    with transaction.atomic():
        order = Order(
            reference=_unique_reference(timezone.localdate().year),
            organisation=organisation,
            buyer_user=buyer_user,
            buyer_email=buyer_email,
            billing_name=billing_name,
            billing_address=billing_address,
            billing_ice=billing_ice,
            language=(language or settings.LANGUAGE_CODE)[:2],
            currency=conf.currency(),
            created_by=created_by,
        )
        order.full_clean()
        order.save()
        for position, spec in enumerate(lines):
            line = OrderLine(
                order=order,
                kind=spec.kind,
                description=spec.description,
                quantity=spec.quantity,
                unit_amount=spec.unit_amount,
                vat_rate=conf.vat_rate() if spec.vat_rate is None else spec.vat_rate,
                position=position,
            )
            if spec.subject is not None:
                line.content_type = ContentType.objects.get_for_model(spec.subject)
                line.object_id = str(spec.subject.pk)
            line.full_clean(exclude=["order"])
            line.save()
        order.recompute_totals()
        order.save(update_fields=["subtotal", "vat_total", "total"])
        log(instance=order, action="wagtail.create", user=created_by)
    return order


def _lock(order: Order) -> Order:
    return Order.objects.select_for_update().get(pk=order.pk)


def order_choose_method(*, order: Order, method: str) -> Order:
    """Record how the buyer intends to pay (bank transfer instructions, card checkout…); what the order is for
    may react (payments.fulfilment: a reservation paid by transfer is held longer)."""
    with transaction.atomic():
        order = _lock(order)
        if not order.is_payable:
            raise OrderNotPayable()
        order.payment_method = method
        order.save(update_fields=["payment_method", "updated_at"])
        fulfilment.run_method_chosen(order, method)
    return order


def order_mark_paid(
    *,
    order: Order,
    provider: str,
    method: str,
    amount: int,
    provider_reference: str = "",
    raw: dict | None = None,
    received_on=None,
    note: str = "",
    by=None,
) -> Payment | None:
    """Record money received for an order, mark it paid, run the fulfilment handlers and issue the invoice.

    Idempotent: an order already paid or refunded is left alone and None is returned, so a duplicate or
    late provider event never pays twice nor revives a refunded order. The confirmation e-mail (with the
    invoice) is sent once the transaction has committed.
    """
    with transaction.atomic():
        order = _lock(order)
        if order.status in {Order.Status.PAID, Order.Status.REFUNDED}:
            if provider_reference and not order.payments.filter(provider_reference=provider_reference).exists():
                logger.warning("Order %s was paid again (%s %s).", order.reference, provider, provider_reference)
            return None
        if amount != order.total:
            raise PaymentAmountMismatch()
        payment = order.payments.filter(provider=provider, status=Payment.Status.PENDING).order_by(
            "-created_at"
        ).first() or Payment(order=order, provider=provider)
        payment.method = method
        payment.provider_reference = provider_reference
        payment.amount = amount
        payment.currency = order.currency
        payment.status = Payment.Status.SUCCEEDED
        payment.received_on = received_on or timezone.localdate()
        payment.note = note
        payment.raw = raw or {}
        payment.created_by = by
        payment.full_clean()
        try:
            with transaction.atomic():
                payment.save()
        except IntegrityError:
            logger.warning("Payment %s %s was already recorded.", provider, provider_reference)
            return None
        order.status = Order.Status.PAID
        order.payment_method = method
        order.paid_at = timezone.now()
        order.save(update_fields=["status", "payment_method", "paid_at", "updated_at"])
        fulfilment.run_paid(order)
        invoice = invoice_issue(order=order)
        log(
            instance=order,
            action="payments.order_paid",
            user=by,
            data={"method": method, "provider": provider, "amount": amount, "invoice": invoice.number},
        )
        transaction.on_commit(lambda: send_payment_confirmation.enqueue(invoice_id=invoice.pk))
    return payment


def order_mark_failed(*, order: Order, provider: str, provider_reference: str = "", raw: dict | None = None) -> bool:
    """A provider says an attempt failed. Only a pending order changes: a late failure never undoes a payment."""
    with transaction.atomic():
        order = _lock(order)
        if order.status != Order.Status.PENDING:
            return False
        Payment.objects.create(
            order=order,
            provider=provider,
            method=order.payment_method or PaymentMethod.CARD,
            provider_reference=provider_reference,
            amount=order.total,
            currency=order.currency,
            status=Payment.Status.FAILED,
            raw=raw or {},
        )
        order.status = Order.Status.FAILED
        order.save(update_fields=["status", "updated_at"])
        log(instance=order, action="payments.order_failed", user=None, data={"provider": provider})
    return True


def order_cancel(*, order: Order, by=None) -> Order:
    """Cancel an order that has not been paid."""
    with transaction.atomic():
        order = _lock(order)
        if not order.is_payable:
            raise OrderNotPayable()
        order.status = Order.Status.CANCELLED
        order.save(update_fields=["status", "updated_at"])
        log(instance=order, action="payments.order_cancel", user=by)
        fulfilment.run_cancelled(order)
    return order


def order_refund(
    *,
    order: Order,
    amount: int,
    provider_reference: str = "",
    reason: str = "",
    raw: dict | None = None,
    payment: Payment | None = None,
    by=None,
) -> Refund | None:
    """Record a refund and issue its credit note. A refund already recorded (same provider id) is ignored.

    When everything paid has been given back the order becomes refunded and the lines' on_refunded
    handlers run.
    """
    with transaction.atomic():
        order = _lock(order)
        if provider_reference and Refund.objects.filter(provider_reference=provider_reference).exists():
            return None
        paid = sum(order.payments.filter(status=Payment.Status.SUCCEEDED).values_list("amount", flat=True))
        refunded = sum(order.refunds.values_list("amount", flat=True))
        if amount <= 0 or amount > paid - refunded:
            raise RefundTooLarge()
        refund = Refund(
            order=order,
            payment=payment,
            provider_reference=provider_reference,
            amount=amount,
            reason=reason,
            raw=raw or {},
            created_by=by,
        )
        refund.full_clean()
        refund.save()
        credit_note = credit_note_issue(refund=refund)
        log(
            instance=order,
            action="payments.order_refund",
            user=by,
            data={"amount": amount, "credit_note": credit_note.number, "reason": reason},
        )
        if refunded + amount >= paid:
            order.status = Order.Status.REFUNDED
            order.save(update_fields=["status", "updated_at"])
            fulfilment.run_refunded(order)
    return refund
