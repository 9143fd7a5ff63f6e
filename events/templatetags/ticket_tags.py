"""The ticket's QR code in a page: {% load ticket_tags %}<img src="{% ticket_qr_src registration.code %}" alt="">."""

from django import template

from events.badges import qr_svg_data_uri

register = template.Library()


@register.simple_tag
def ticket_qr_src(code: str) -> str:
    """The QR code the check-in page scans, as an SVG data URI (the same content as on the badge)."""
    return qr_svg_data_uri(code)
