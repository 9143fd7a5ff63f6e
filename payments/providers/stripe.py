from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from payments import stripe_gateway
from payments.models import Order, Payment, PaymentMethod
from payments.providers.base import StartResult
from payments.services import OrderNotPayable, ProviderUnavailable, order_choose_method


class StripeCheckoutProvider:
    """Card payment on Stripe's hosted Checkout page; the order is marked paid by the signed webhook only."""

    code = "stripe"
    method = PaymentMethod.CARD
    label = _("Card (Visa, Mastercard, CMI cards)")
    buyer_selectable = True

    def is_available(self) -> bool:
        return stripe_gateway.is_configured()

    def start(self, *, order: Order, request: HttpRequest) -> StartResult:
        if not self.is_available():
            raise ProviderUnavailable()
        if not order.is_payable:
            raise OrderNotPayable()
        success = reverse("payments:checkout_success", kwargs={"public_id": order.public_id})
        cancel = reverse("payments:checkout_cancel", kwargs={"public_id": order.public_id})
        # A new key per failed attempt: a retry after a declined card must get a fresh session,
        # while a double click on the same attempt gets the same one back.
        attempt = order.payments.filter(provider=self.code, status=Payment.Status.FAILED).count()
        session = stripe_gateway.checkout_session_create(
            order_id=str(order.public_id),
            reference=order.reference,
            currency=order.currency,
            customer_email=order.buyer_email,
            line_items=[
                # One item per line at its VAT-inclusive total, so Stripe's total is the order's to the centime.
                {"name": str(line), "unit_amount": line.gross_amount, "quantity": 1}
                for line in order.lines.all()
            ],
            success_url=request.build_absolute_uri(success) + "?session_id={CHECKOUT_SESSION_ID}",
            cancel_url=request.build_absolute_uri(cancel),
            idempotency_key=f"majlis-checkout-{order.public_id}-{attempt}",
            locale=order.language if order.language in {"fr", "en"} else "auto",
        )
        with transaction.atomic():
            order_choose_method(order=order, method=self.method)
            Payment.objects.get_or_create(
                order=order,
                provider=self.code,
                provider_reference=session["id"],
                status=Payment.Status.PENDING,
                defaults={"method": self.method, "amount": order.total, "currency": order.currency},
            )
        return StartResult(redirect_url=session["url"])
