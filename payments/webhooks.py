"""Stripe's webhook endpoint: verify the signature on the raw body, then hand the event to the service."""

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from payments import stripe_gateway
from payments.services import stripe_event_process

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    try:
        event = stripe_gateway.webhook_event_verify(
            payload=request.body, signature_header=request.headers.get("Stripe-Signature", "")
        )
    except stripe_gateway.InvalidSignature:
        logger.warning("Stripe webhook with an invalid signature refused.")
        return HttpResponseBadRequest("Invalid signature")
    if not isinstance(event, dict) or "id" not in event:
        return HttpResponseBadRequest("Not an event")
    stripe_event_process(event=event)
    return HttpResponse(status=200)
