"""The one door to Stripe: the only module that imports the stripe library.

Everything it returns is plain Python data, so nothing else in Majlis depends on Stripe's object model.
"""

import json

import stripe
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class StripeGatewayError(DomainError):
    """Stripe could not be reached or refused the request (the message is Stripe's, for the logs)."""

    default_message = _("This payment method is not available.")
    status_code = 502


class InvalidSignature(Exception):
    """A webhook whose signature does not match: not from Stripe, or tampered with."""


def is_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


def _client() -> stripe.StripeClient:
    base_addresses = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, base_addresses=base_addresses, max_network_retries=2)


def checkout_session_create(
    *,
    order_id: str,
    reference: str,
    currency: str,
    customer_email: str,
    line_items: list[dict],
    success_url: str,
    cancel_url: str,
    idempotency_key: str,
    locale: str = "auto",
) -> dict:
    """Create a hosted Checkout Session; returns {"id", "url"}.

    line_items: [{"name", "unit_amount" (centimes incl. VAT), "quantity"}]. The order id travels in the
    session's metadata and in the PaymentIntent's, so every webhook can find its order.
    """
    metadata = {"order_id": order_id, "reference": reference}
    params = {
        "mode": "payment",
        "currency": currency.lower(),
        "line_items": [
            {
                "quantity": item["quantity"],
                "price_data": {
                    "currency": currency.lower(),
                    "unit_amount": item["unit_amount"],
                    "product_data": {"name": item["name"]},
                },
            }
            for item in line_items
        ],
        "metadata": metadata,
        "payment_intent_data": {"metadata": metadata, "description": reference},
        "client_reference_id": reference,
        "success_url": success_url,
        "cancel_url": cancel_url,
        "locale": locale,
    }
    if customer_email:
        params["customer_email"] = customer_email
    try:
        session = _client().v1.checkout.sessions.create(params=params, options={"idempotency_key": idempotency_key})
    except stripe.StripeError as error:
        raise StripeGatewayError(str(error)) from error
    return {"id": session.id, "url": session.url}


def webhook_event_verify(*, payload: bytes, signature_header: str) -> dict:
    """Check the Stripe-Signature header against the raw body; return the event as plain data."""
    if not settings.STRIPE_WEBHOOK_SECRET:
        # An empty secret would accept anything signed with an empty key.
        raise InvalidSignature("No webhook secret configured.")
    try:
        stripe.Webhook.construct_event(payload, signature_header, settings.STRIPE_WEBHOOK_SECRET)
    except (stripe.SignatureVerificationError, ValueError) as error:
        raise InvalidSignature(str(error)) from error
    return json.loads(payload)
