"""Text of one direction inside text of the other: a Latin name, address or date in an Arabic sentence keeps its
order and does not drag the punctuation around it (`{{ name|bdi }}`, also inside `{% blocktranslate with %}`)."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def bdi(value) -> str:
    """`value` isolated in its own direction (<bdi>), escaped."""
    if value in (None, ""):
        return ""
    return format_html("<bdi>{}</bdi>", value)
