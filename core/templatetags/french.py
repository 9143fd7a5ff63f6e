"""French typography in templates: `{{ person|of_name }}` gives "d'Amina" or "de Salma" in French and the name alone
in other languages, for msgids such as "Role of %(of_name)s" (core.i18n.of_name)."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from core import i18n

register = template.Library()


@register.filter(is_safe=True, needs_autoescape=True)
def of_name(value, autoescape=True) -> str:
    """`value` after "of" in the active language; escaped where the template escapes (an HTML page, not a plain-text
    e-mail), and kept as it is when already safe (`|bdi`)."""
    if value in (None, ""):
        return ""
    if autoescape:
        return mark_safe(i18n.of_prefix(value) + conditional_escape(value))
    return i18n.of_name(value)
