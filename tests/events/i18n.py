"""What a French-speaking visitor reads: the French translation of a source string, as the site shows it."""

from django.utils.html import escape
from django.utils.translation import gettext, override


def fr(message: str, **params) -> str:
    """The French translation of `message`, with its %(name)s placeholders filled in."""
    with override("fr"):
        translated = gettext(message)
    return translated % params if params else translated


def fr_html(message: str, **params) -> str:
    """`fr(message)` as a page shows it when a variable renders it (a form error, a choice label): HTML-escaped,
    Django writing ' as &#x27;. A literal {% translate %} in a template is not escaped: compare it with `fr`."""
    return escape(fr(message, **params))
