"""Signed links to one order, for buyers without an account (a guest who registered for a paid ticket).

The link carries the order's public id and the instant it stops working, signed with the project's secret
under a salt of its own (a token made for anything else never opens an order). Opening it remembers the order
in the browser session (payments.access), which then lets that session pay the order, read the transfer
details, send a receipt and download the pro-forma: nothing else, and no other order.
"""

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from payments.models import Order

SALT = "payments.order-link"
# However late a link says it expires, a signature older than this is refused.
MAX_AGE = timedelta(days=120)


class OrderLinkError(DomainError):
    """A signed order link that opens nothing (its own module's error: payments.tasks, below the services,
    builds these links too)."""


class OrderLinkInvalid(OrderLinkError):
    default_message = _("This payment link is not valid. Please use the link from your latest e-mail.")
    status_code = 404


class OrderLinkExpired(OrderLinkError):
    default_message = _(
        "This payment link has expired. Log in to see your order, or contact the secretariat if you still need it."
    )
    status_code = 403


def link_margin() -> timedelta:
    """How long a link keeps working after the payment deadline it was sent with (to see what became of it)."""
    return timedelta(days=getattr(settings, "PAYMENTS_ORDER_LINK_MARGIN_DAYS", 7))


def order_link_token(*, order: Order, valid_until: datetime) -> str:
    payload = {"o": str(order.public_id), "u": int(valid_until.timestamp())}
    return signing.TimestampSigner(salt=SALT).sign_object(payload)


def order_link_path(*, order: Order, valid_until: datetime) -> str:
    """The link's path in the active language."""
    return reverse("payments:order_link", kwargs={"token": order_link_token(order=order, valid_until=valid_until)})


def order_link_url(*, order: Order, payable_until: datetime | None) -> str:
    """The absolute link to send by e-mail: it works until the payment deadline plus the margin."""
    base = payable_until or timezone.now()
    return settings.SITE_URL + order_link_path(order=order, valid_until=base + link_margin())


def order_from_link(token: str, *, now: datetime | None = None) -> Order:
    """The order a link opens. Raises OrderLinkInvalid (tampered, or no such order) or OrderLinkExpired."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        payload = signer.unsign_object(token, max_age=MAX_AGE)
    except signing.SignatureExpired as error:
        raise OrderLinkExpired() from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise OrderLinkInvalid() from error
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int):
        raise OrderLinkInvalid()
    order = Order.objects.filter(public_id=payload.get("o")).first() if _is_uuid(payload.get("o")) else None
    if order is None:
        raise OrderLinkInvalid()
    if (now or timezone.now()).timestamp() > payload["u"]:
        raise OrderLinkExpired()
    return order


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
