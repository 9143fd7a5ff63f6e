"""Stripe webhook events, each applied once, in whatever order Stripe delivers them."""

import logging
import uuid

from django.db import IntegrityError, transaction

from payments.models import Order, Payment, PaymentMethod, WebhookEvent
from payments.services.errors import PaymentError
from payments.services.orders import order_mark_failed, order_mark_paid, order_refund

logger = logging.getLogger(__name__)
PROVIDER = "stripe"


def _order_for(obj: dict) -> Order | None:
    order_id = (obj.get("metadata") or {}).get("order_id")
    if order_id:
        try:
            return Order.objects.filter(public_id=uuid.UUID(order_id)).first()
        except ValueError:
            return None
    intent = obj.get("payment_intent")
    if intent:
        payment = Payment.objects.filter(provider=PROVIDER, provider_reference=intent).select_related("order").first()
        return payment.order if payment else None
    return None


def _checkout_session_completed(session: dict, event: dict) -> None:
    if session.get("payment_status") != "paid":
        return  # asynchronous methods confirm later with payment_intent.succeeded
    if order := _order_for(session):
        order_mark_paid(
            order=order,
            provider=PROVIDER,
            method=PaymentMethod.CARD,
            amount=session["amount_total"],
            provider_reference=session.get("payment_intent") or session["id"],
            raw=event,
        )


def _payment_intent_succeeded(intent: dict, event: dict) -> None:
    if order := _order_for(intent):
        order_mark_paid(
            order=order,
            provider=PROVIDER,
            method=PaymentMethod.CARD,
            amount=intent.get("amount_received") or intent["amount"],
            provider_reference=intent["id"],
            raw=event,
        )


def _payment_intent_failed(intent: dict, event: dict) -> None:
    if order := _order_for(intent):
        order_mark_failed(order=order, provider=PROVIDER, provider_reference=intent["id"], raw=event)


def _charge_refunded(charge: dict, event: dict) -> None:
    order = _order_for(charge)
    if order is None:
        return
    reference = charge.get("payment_intent") or charge["id"]
    if order.is_payable:
        # The refund overtook the success event: the money was taken, so record it before giving it back.
        order_mark_paid(
            order=order,
            provider=PROVIDER,
            method=PaymentMethod.CARD,
            amount=charge["amount"],
            provider_reference=reference,
            raw=event,
        )
    payment = order.payments.filter(provider=PROVIDER, status=Payment.Status.SUCCEEDED).first()
    refunds = (charge.get("refunds") or {}).get("data") or []
    if not refunds:
        # Newer API versions leave the list out: treat the cumulative refunded amount as one refund.
        already = sum(order.refunds.values_list("amount", flat=True))
        refunds = [{"id": f"{charge['id']}-{charge['amount_refunded']}", "amount": charge["amount_refunded"] - already}]
    for refund in refunds:
        if refund.get("status", "succeeded") != "succeeded" or refund["amount"] <= 0:
            continue
        order_refund(order=order, amount=refund["amount"], provider_reference=refund["id"], payment=payment, raw=event)


HANDLERS = {
    "checkout.session.completed": _checkout_session_completed,
    "checkout.session.async_payment_succeeded": _checkout_session_completed,
    "payment_intent.succeeded": _payment_intent_succeeded,
    "payment_intent.payment_failed": _payment_intent_failed,
    "charge.refunded": _charge_refunded,
}


def stripe_event_process(*, event: dict) -> bool:
    """Apply a verified Stripe event once. Returns False for an event already seen.

    The event is stored in the same transaction as its effects: if handling fails, nothing is kept and
    Stripe's retry will try again. Business refusals (an amount that does not match…) are logged for the
    treasurer and acknowledged, since retrying would not change them.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                WebhookEvent.objects.create(
                    provider=PROVIDER, event_id=event["id"], type=event.get("type", ""), payload=event
                )
        except IntegrityError:
            return False
        handler = HANDLERS.get(event.get("type", ""))
        if handler is None:
            return True
        try:
            with transaction.atomic():
                handler(event["data"]["object"], event)
        except PaymentError as error:
            logger.error("Stripe event %s (%s) refused: %s", event["id"], event.get("type"), error)
    return True
