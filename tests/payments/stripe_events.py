"""Recorded Stripe webhook payloads (tests/fixtures/stripe/), adapted to an order and signed like Stripe does."""

import copy
import json
from pathlib import Path

import stripe

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "stripe"


def recorded_event(name: str, *, order=None, event_id: str | None = None, **object_fields) -> dict:
    event = copy.deepcopy(json.loads((FIXTURES / f"{name}.json").read_text()))
    obj = event["data"]["object"]
    if order is not None and "metadata" in obj and obj["metadata"]:
        obj["metadata"] = {"order_id": str(order.public_id), "reference": order.reference}
    obj.update(object_fields)
    if event_id:
        event["id"] = event_id
    return event


def signed(event: dict, secret: str, *, timestamp: int | None = None) -> tuple[bytes, str]:
    payload = json.dumps(event)
    header = stripe.WebhookSignature.generate_signature_header(payload, secret, timestamp=timestamp)
    return payload.encode(), header


def post_event(client, event: dict, secret: str):
    payload, header = signed(event, secret)
    return client.post(
        "/payments/stripe/webhook/", data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )
