"""Money shown to people and typed by them. Amounts are integers in minor units (centimes): never floats.

People see and type MAD ("1 500,50"); the database and every service keep centimes (150050). `format_money` writes
an amount, `parse_money` reads what someone typed, and core.forms.MoneyField is the form field built on both.
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils.formats import get_format, number_format

NO_BREAK_SPACE = "\u00a0"


def to_decimal(minor: int) -> Decimal:
    return (Decimal(minor) / 100).quantize(Decimal("0.01"))


def format_money(minor: int, currency: str = "MAD", *, no_break: bool = False) -> str:
    """'1 500,00 MAD' in French, following the active language's number format, the currency after a no-break space.

    `no_break=True` gives the fixed French form with no-break spaces whatever the language ("1 500,00 MAD" with
    U+00A0), as legal documents print it: in a right-to-left line an ordinary space would let the bidi algorithm
    split the number into groups and show "MAD 000,00 5"; a no-break space keeps "5 000,00" in one piece.
    """
    if no_break:
        sign = "-" if minor < 0 else ""
        units, cents = divmod(abs(minor), 100)
        return f"{sign}{units:,}".replace(",", NO_BREAK_SPACE) + f",{cents:02d}{NO_BREAK_SPACE}{currency}"
    # A no-break space: the currency never wraps onto a line of its own, and in a right-to-left line it stays on
    # the number's side (a space of the number's own bidi class, where an ordinary space would separate them).
    return f"{format_money_input(minor)}{NO_BREAK_SPACE}{currency}"


def format_money_or_blank(minor, currency: str = "MAD") -> str:
    """format_money for templates: None or "" show as nothing."""
    if minor in (None, ""):
        return ""
    return format_money(int(minor), currency)


def format_money_input(minor: int) -> str:
    """An amount as a form shows it for editing: '1 500,50' in French, without the currency. parse_money reads it
    back."""
    return number_format(to_decimal(minor), 2, use_l10n=True, force_grouping=True)


class MoneyParseError(ValueError):
    """What someone typed is not an amount of money. `code`: "invalid", "negative" or "decimals"."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


_CURRENCY = re.compile(r"(?:MAD|DHS?|DIRHAMS?)\.?", re.IGNORECASE)
_SEPARATORS = ",."


def _decimal_separator(digits: str) -> str | None:
    """Which of ',' and '.' separates the centimes in `digits` (only digits, ',' and '.'), or None for a whole
    amount. Both present: the last one. One of them only, several times: thousands. Once: the decimals, unless
    exactly three digits follow and it is not the active language's decimal separator ("1.500" is 1 500 MAD in
    French, as Moroccan invoices write it, "1,500" is 1,50 MAD; the other way round in English)."""
    present = [separator for separator in _SEPARATORS if separator in digits]
    if len(present) == 2:
        return max(present, key=digits.rindex)
    if not present:
        return None
    separator = present[0]
    if digits.count(separator) > 1:
        return None
    decimals = digits.rsplit(separator, 1)[1]
    if len(decimals) == 3 and get_format("DECIMAL_SEPARATOR") != separator:
        return None
    return separator


def _check_grouping(whole: str) -> str:
    """The whole part without its thousands separators (a space, ',' or '.', one kind only), which must group the
    digits by three."""
    thousands = [separator for separator in " ,." if separator in whole]
    if len(thousands) > 1:
        raise MoneyParseError("invalid")
    groups = whole.split(thousands[0]) if thousands else [whole]
    if not groups[0] or (len(groups) > 1 and (len(groups[0]) > 3 or any(len(group) != 3 for group in groups[1:]))):
        raise MoneyParseError("invalid")
    return "".join(groups)


def parse_money(text: str) -> int | None:
    """What someone typed in MAD → centimes: '500', '500,00', '1 500,50', '1500.50', '1.500,50' or '1 500,50 MAD'
    → 150050 (spaces of any kind group the thousands). None when nothing was typed.

    Raises MoneyParseError: "negative" for an amount below zero, "decimals" for more than two decimals (a fraction of
    a centime), "invalid" for anything else that is not an amount."""
    value = re.sub(r"\s+", " ", _CURRENCY.sub("", str(text))).strip()
    if not value:
        return None
    if value[0] in "-−":
        raise MoneyParseError("negative" if re.fullmatch(r"[-−] ?[\d.,]+( [\d.,]+)*", value) else "invalid")
    value = value.removeprefix("+").lstrip()
    if not re.fullmatch(r"[\d.,]*\d[\d.,]*( [\d.,]*\d[\d.,]*)*", value):
        raise MoneyParseError("invalid")
    decimal_separator = _decimal_separator(value)
    if decimal_separator:
        whole, decimals = value.rsplit(decimal_separator, 1)
        if not decimals.isdigit():
            raise MoneyParseError("invalid")
        whole = whole or "0"
    else:
        whole, decimals = value, ""
    try:
        amount = Decimal(f"{_check_grouping(whole)}.{decimals or '0'}")
    except InvalidOperation:
        raise MoneyParseError("invalid") from None
    minor = amount * 100
    if minor != minor.to_integral_value():
        raise MoneyParseError("decimals")
    return int(minor)
