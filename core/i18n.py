"""Fields kept once per language on a model (`name`, `name_ar`, `name_en`…)."""

from django.conf import settings
from django.utils import translation


def localized(obj, field: str, language: str | None = None) -> str:
    """`obj.<field>_<language>` (the active language if none), falling back to the base (French) `obj.<field>`
    when that language has no field or it is empty."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    if language != settings.LANGUAGE_CODE[:2]:
        value = getattr(obj, f"{field}_{language}", "")
        if value:
            return value
    return getattr(obj, field)
