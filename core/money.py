"""Money shown to people. Amounts are integers in minor units (centimes): never floats."""

from decimal import Decimal

from django.utils.formats import number_format

NO_BREAK_SPACE = "\u00a0"


def to_decimal(minor: int) -> Decimal:
    return (Decimal(minor) / 100).quantize(Decimal("0.01"))


def format_money(minor: int, currency: str = "MAD", *, no_break: bool = False) -> str:
    """'1 500,00 MAD' in French, following the active language's number format.

    `no_break=True` gives the fixed French form with no-break spaces whatever the language ("1 500,00 MAD" with
    U+00A0), as legal documents print it: in a right-to-left line an ordinary space would let the bidi algorithm
    split the number into groups and show "MAD 000,00 5"; a no-break space keeps "5 000,00" in one piece.
    """
    if no_break:
        sign = "-" if minor < 0 else ""
        units, cents = divmod(abs(minor), 100)
        return f"{sign}{units:,}".replace(",", NO_BREAK_SPACE) + f",{cents:02d}{NO_BREAK_SPACE}{currency}"
    return f"{number_format(to_decimal(minor), 2, use_l10n=True, force_grouping=True)} {currency}"


def format_money_or_blank(minor, currency: str = "MAD") -> str:
    """format_money for templates: None or "" show as nothing."""
    if minor in (None, ""):
        return ""
    return format_money(int(minor), currency)
