from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from payments.models import Order, PaymentMethod
from payments.providers.base import StartResult
from payments.services import ProviderUnavailable


class ManualProvider:
    """Cheques and cash handed to the secretariat: recorded by the treasurer, never chosen online."""

    code = "manual"
    buyer_selectable = False

    def __init__(self, method: str, label):
        self.method = method
        self.label = label

    def is_available(self) -> bool:
        return True

    def start(self, *, order: Order, request: HttpRequest) -> StartResult:
        raise ProviderUnavailable()


CHEQUE = ManualProvider(PaymentMethod.CHEQUE, _("Cheque"))
CASH = ManualProvider(PaymentMethod.CASH, _("Cash"))
