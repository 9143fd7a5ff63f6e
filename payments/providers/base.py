"""What a payment provider must offer. A new gateway (CMI, for instance) is one module implementing this."""

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from django.http import HttpRequest

from payments.models import Order


@dataclass(frozen=True)
class StartResult:
    """Where to send the buyer after choosing this provider: an outside page (card) or our own instructions."""

    redirect_url: str


@runtime_checkable
class PaymentProvider(Protocol):
    code: str  # stored on Payment.provider
    method: str  # a PaymentMethod value
    label: str  # shown on the pay page
    buyer_selectable: bool  # False for what only the treasurer records (cheque, cash)

    def is_available(self) -> bool: ...

    def start(self, *, order: Order, request: HttpRequest) -> StartResult: ...
