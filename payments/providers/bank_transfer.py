from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from payments.models import Order, PaymentMethod
from payments.providers.base import StartResult
from payments.services import order_choose_method


class BankTransferProvider:
    """The buyer transfers the amount quoting the order reference; the treasurer confirms or imports a statement."""

    code = "bank_transfer"
    method = PaymentMethod.BANK_TRANSFER
    label = _("Bank transfer")
    buyer_selectable = True

    def is_available(self) -> bool:
        return True

    def start(self, *, order: Order, request: HttpRequest) -> StartResult:
        order_choose_method(order=order, method=self.method)
        return StartResult(redirect_url=reverse("payments:bank_transfer", kwargs={"public_id": order.public_id}))
