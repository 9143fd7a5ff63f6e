"""Checks for the identifiers and bank details of a Moroccan association."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def _compact(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "").upper()


def validate_rib(value: str) -> None:
    """A Moroccan RIB: 24 digits (bank, city, account number and key), spaces allowed."""
    if not re.fullmatch(r"\d{24}", _compact(value)):
        raise ValidationError(_("A RIB has exactly 24 digits."), code="invalid_rib")


def validate_iban(value: str) -> None:
    """An IBAN with a correct ISO 13616 check (mod 97)."""
    iban = _compact(value)
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", iban):
        raise ValidationError(_("Enter an IBAN such as MA64 0000 0000 0000 0000 0000 0000."), code="invalid_iban")
    digits = "".join(str(int(char, 36)) for char in iban[4:] + iban[:4])
    if int(digits) % 97 != 1:
        raise ValidationError(_("This IBAN's check digits are wrong: check for a typing mistake."), code="invalid_iban")


def validate_bic(value: str) -> None:
    if not re.fullmatch(r"[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?", _compact(value)):
        raise ValidationError(_("A SWIFT/BIC code has 8 or 11 letters and digits."), code="invalid_bic")


def validate_ice(value: str) -> None:
    if not re.fullmatch(r"\d{15}", _compact(value)):
        raise ValidationError(_("An ICE has exactly 15 digits."), code="invalid_ice")
