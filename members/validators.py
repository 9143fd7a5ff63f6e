"""Checks on Moroccan company identifiers, and on the logos companies upload."""

from pathlib import Path

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


MAX_LOGO_BYTES = 10 * 1024 * 1024
# The formats the logo field announces, with the extensions each may carry. Pillow names the format it read.
LOGO_FORMATS = {"PNG": {".png"}, "JPEG": {".jpg", ".jpeg"}, "WEBP": {".webp"}}


def validate_logo(image) -> None:
    """A logo (after forms.ImageField, which has opened it with Pillow): at most 10 MB, a PNG, JPEG or WebP image
    whose extension matches what it really is."""
    if image.size > MAX_LOGO_BYTES:
        raise ValidationError(_("The logo is larger than 10 MB."), code="logo_size")
    found = getattr(getattr(image, "image", None), "format", None)
    if found not in LOGO_FORMATS or Path(image.name).suffix.lower() not in LOGO_FORMATS[found]:
        raise ValidationError(_("The logo must be a real PNG, JPEG or WebP image."), code="logo_format")
