"""Checks on the logos companies upload (the checks on identifiers are in core.validators)."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Old migrations import the ICE check from here (members 0005): the identifier checks live in core.validators.
from core.validators import validate_ice

__all__ = ["validate_ice", "validate_logo"]

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
