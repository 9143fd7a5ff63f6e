from django import template

from core.money import format_money_or_blank

register = template.Library()


@register.filter
def mad(minor) -> str:
    """An amount in centimes shown as money: {{ order.total|mad }} → "1 500,00 MAD"."""
    return format_money_or_blank(minor)
