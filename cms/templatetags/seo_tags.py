"""The head tags the open web reads (cms.seo): `{% seo_head %}` in base.html's <head>."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Page

from cms.seo import json_ld, page_head, view_head

register = template.Library()


@register.inclusion_tag("components/seo_head.html", takes_context=True)
def seo_head(context, title: str = "", description: str = "", image=None) -> dict:
    """Canonical address, hreflang alternates, meta description, Open Graph and Twitter card tags and schema.org
    data of the page being rendered. `title`, `description` and `image` present a view that is not a Wagtail page."""
    request = context.get("request")
    if request is None:
        return {"head": None}
    layout = context.get("layout") or {}
    association = layout.get("association") if isinstance(layout, dict) else None
    page = context.get("page")
    if isinstance(page, Page):
        panel = context.get("registration_panel")
        head = page_head(page, request=request, association=association, registration_panel=panel)
    else:
        head = view_head(request, association, title=str(title or ""), description=str(description or ""), image=image)
    return {"head": head}


@register.filter
def ld_json(data) -> str:
    """`data` in a <script type="application/ld+json"> element; text such as "</script>" cannot break out of it."""
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(json_ld(data)))
