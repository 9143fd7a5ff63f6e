from django import template

from payments.amounts import format_amount

register = template.Library()


@register.filter
def mad(minor) -> str:
    """An amount in centimes shown as money: {{ order.total|mad }} → "1 500,00 MAD"."""
    if minor in (None, ""):
        return ""
    return format_amount(int(minor))
