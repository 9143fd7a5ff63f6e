"""Payment settings with their defaults, so the app works before the project sets any of them.

Every value can be overridden in the Django settings (and so from the environment in base.py).
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings


def vat_rate() -> Decimal:
    """VAT percentage applied to new order lines. Associations are often exempt: 0 by default."""
    return Decimal(str(getattr(settings, "PAYMENTS_VAT_RATE", "0")))


def vat_exemption_mention() -> str:
    return getattr(
        settings,
        "PAYMENTS_VAT_EXEMPTION_MENTION",
        "TVA non applicable : association à but non lucratif (art. 91 du Code général des impôts).",
    )


def reference_prefix() -> str:
    return getattr(settings, "PAYMENTS_REFERENCE_PREFIX", "MJ")


def currency() -> str:
    return getattr(settings, "CURRENCY", "MAD")


def stripe_enabled() -> bool:
    return bool(getattr(settings, "STRIPE_SECRET_KEY", ""))


def card_payments_enabled() -> bool:
    """Whether buyers can pay by card (Stripe Checkout is configured): e-mails and pages promise it only then."""
    return stripe_enabled()


def bank_fallback() -> dict[str, str]:
    """Bank details used when the CMS association settings do not provide them."""
    return {
        "bank_name": getattr(settings, "PAYMENTS_BANK_NAME", ""),
        "account_holder": getattr(settings, "PAYMENTS_BANK_ACCOUNT_HOLDER", ""),
        "rib": getattr(settings, "PAYMENTS_BANK_RIB", ""),
        "iban": getattr(settings, "PAYMENTS_BANK_IBAN", ""),
        "swift": getattr(settings, "PAYMENTS_BANK_SWIFT", ""),
    }


def seller_fallback() -> dict[str, str]:
    """The association's legal identity, used when the CMS association settings do not provide it."""
    return {
        "name": getattr(settings, "PAYMENTS_SELLER_NAME", getattr(settings, "WAGTAIL_SITE_NAME", "")),
        "address": getattr(settings, "PAYMENTS_SELLER_ADDRESS", ""),
        "ice": getattr(settings, "PAYMENTS_SELLER_ICE", ""),
        "if_number": getattr(settings, "PAYMENTS_SELLER_IF", ""),
        "rc": getattr(settings, "PAYMENTS_SELLER_RC", ""),
        "email": getattr(settings, "PAYMENTS_SELLER_EMAIL", ""),
    }


def proforma_validity() -> timedelta:
    """How long a pro-forma invoice holds when nothing in the order sets a deadline."""
    return timedelta(days=int(getattr(settings, "PAYMENTS_PROFORMA_VALIDITY_DAYS", 30)))
