"""Checks on Moroccan company identifiers."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

ICE_LENGTH = 15


def validate_ice(value: str) -> None:
    """The ICE (identifiant commun de l'entreprise) is 15 digits: a 9-digit company number, a 4-digit establishment
    number and a 2-digit check. The check algorithm is not published, so only the shape is verified."""
    if not value:
        return
    if not value.isascii() or not value.isdigit():
        raise ValidationError(_("The ICE contains only digits."), code="ice_digits")
    if len(value) != ICE_LENGTH:
        raise ValidationError(
            _("The ICE has exactly 15 digits (you typed %(count)d)."), code="ice_length", params={"count": len(value)}
        )


validate_country_code = RegexValidator(
    r"^[A-Z]{2}$", _("Use the two-letter country code in capitals, for example MA, FR or ES."), code="country_code"
)
