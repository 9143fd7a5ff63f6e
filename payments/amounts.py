"""Money arithmetic. Amounts are integers in minor units (centimes of MAD): never floats."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format


def vat_of(net: int, rate: Decimal) -> int:
    """VAT on a net amount at a percentage rate, rounded half up to the centime."""
    return int((Decimal(net) * rate / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def net_of(gross: int, rate: Decimal) -> int:
    """The net part of an amount that includes VAT (for partial refunds)."""
    return int((Decimal(gross) * 100 / (100 + rate)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def to_decimal(minor: int) -> Decimal:
    return (Decimal(minor) / 100).quantize(Decimal("0.01"))


def format_amount(minor: int, currency: str = "MAD") -> str:
    """'1 500,00 MAD' in French, following the active language's number format."""
    return f"{number_format(to_decimal(minor), 2, use_l10n=True, force_grouping=True)} {currency}"
