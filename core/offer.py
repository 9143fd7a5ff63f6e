"""What the association offers right now, as the apps are configured: e-mails and pages word their promises after
it ("by card or bank transfer" only while card payment is switched on).

payments registers its check at start-up (`PaymentsConfig.ready()`); core imports no app. Every e-mail context
(core.mail) and every page (the `offer` context processor) receives `card_payments_enabled`.
"""

from collections.abc import Callable

_card_payments: Callable[[], bool] | None = None


def register_card_payments(check: Callable[[], bool]) -> None:
    global _card_payments
    _card_payments = check


def card_payments_enabled() -> bool:
    """Whether buyers can pay by card now (False until an app says so)."""
    return bool(_card_payments and _card_payments())


def offer(request) -> dict:
    """Template context processor: what the pages may promise."""
    return {"card_payments_enabled": card_payments_enabled()}
