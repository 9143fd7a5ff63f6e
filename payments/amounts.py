"""Money arithmetic. Amounts are integers in minor units (centimes of MAD): never floats."""

from decimal import ROUND_HALF_UP, Decimal

from core.money import format_money as format_amount
from core.money import to_decimal

__all__ = ["Totals", "format_amount", "net_of", "to_decimal", "vat_of"]


def vat_of(net: int, rate: Decimal) -> int:
    """VAT on a net amount at a percentage rate, rounded half up to the centime."""
    return int((Decimal(net) * rate / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def net_of(gross: int, rate: Decimal) -> int:
    """The net part of an amount that includes VAT (for partial refunds)."""
    return int((Decimal(gross) * 100 / (100 + rate)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


class Totals:
    """For models holding `subtotal`, `vat_total` and `total` in centimes and a `currency` (orders and invoices):
    the total as shown, and the three amounts as decimals of MAD."""

    @property
    def total_display(self) -> str:
        return format_amount(self.total, self.currency)

    @property
    def subtotal_mad(self) -> Decimal:
        return to_decimal(self.subtotal)

    @property
    def vat_mad(self) -> Decimal:
        return to_decimal(self.vat_total)

    @property
    def total_mad(self) -> Decimal:
        return to_decimal(self.total)
