"""What a French-speaking visitor reads: the French translation of a message, as the site renders it.

The site's default language is French, so tests compare pages and errors with the catalogue's French text
rather than with the English msgid.
"""

from django.utils.html import escape
from django.utils.translation import gettext, override


def fr(text: str, **params) -> str:
    """The French translation of ``text``, with ``params`` filled in (lazy strings are translated too)."""
    with override("fr"):
        translated = gettext(text)
        if params:
            translated = translated % params
    return translated


def fr_html(text: str, **params) -> str:
    """``fr(text)`` as an autoescaped ``{{ message }}`` shows it in a page (``'`` becomes ``&#x27;``)."""
    return escape(fr(text, **params))


def fr_block(text: str, **params) -> str:
    """``fr(text)`` as ``{% blocktranslate %}`` shows it: the sentence as is, only the values escaped."""
    with override("fr"):
        return gettext(text) % {key: escape(str(value)) for key, value in params.items()}


def fr_date(value) -> str:
    """A date or datetime as the ``|date:"DATE_FORMAT"`` filter shows it in French (in local time)."""
    from django.utils import formats, timezone

    if hasattr(value, "tzinfo") and timezone.is_aware(value):
        value = timezone.localtime(value)
    with override("fr"):
        return formats.date_format(value, "DATE_FORMAT")
