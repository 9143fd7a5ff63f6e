"""The payment providers Majlis knows. Add a gateway by writing one module and listing it here."""

from payments.providers.bank_transfer import BankTransferProvider
from payments.providers.base import PaymentProvider, StartResult
from payments.providers.manual import CASH, CHEQUE
from payments.providers.stripe import StripeCheckoutProvider

PROVIDERS: list[PaymentProvider] = [StripeCheckoutProvider(), BankTransferProvider(), CHEQUE, CASH]


def online_providers() -> list[PaymentProvider]:
    """What a buyer may choose on the pay page now (card only when Stripe is configured)."""
    return [provider for provider in PROVIDERS if provider.buyer_selectable and provider.is_available()]


def provider_for_method(method: str) -> PaymentProvider | None:
    return next((provider for provider in PROVIDERS if provider.method == method and provider.is_available()), None)


__all__ = ["PROVIDERS", "PaymentProvider", "StartResult", "online_providers", "provider_for_method"]
