"""Wagtail's page serving, with a memory of where each address leads.

For every page it serves, Wagtail finds the site (one query), the root page in the active language (one or
two), walks the tree one slug at a time (a query per level), loads the specific page (one more) and reads the
view restrictions of the page and its ancestors (one more): five to eight queries before the page does anything
of its own. The answer rarely changes, so it is kept in the cache: on the next visit the page is loaded in one
query by its id, and only if it is still live at the same address. The entry carries the layout version (bumped
whenever a page is published, unpublished, moved or deleted, a site or a view restriction changes: see
cms/layout.py), so a change in the tree is seen at once; the check on the page row covers the rest.

Only plain routes are remembered: a page that takes arguments from the rest of the address (a routable page)
goes through Wagtail's own routing every time.
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Page
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from cms.layout import LAYOUT_CACHE_SECONDS, LAYOUT_VERSION_KEY, layout_version

ROUTE_CACHE_SECONDS = LAYOUT_CACHE_SECONDS


def serve(request, path):
    """The same view as `wagtail.views.serve`, with the route looked up in the cache first."""
    if request.method not in ("GET", "HEAD"):
        return wagtail_serve(request, path)
    key = _route_key(request, path)
    found = cache.get_many([LAYOUT_VERSION_KEY, key])
    version = found.get(LAYOUT_VERSION_KEY) or layout_version()
    entry = found.get(key)
    if entry is not None and entry["version"] == version and _restore(request, entry):
        return wagtail_serve(request, path)
    response = wagtail_serve(request, path)
    _remember(request, key, version)
    return response


def _route_key(request, path: str) -> str:
    raw = f"{request._get_raw_host()}|{translation.get_language()}|{path}"
    return "cms:route:" + hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()


def _restore(request, entry: dict) -> bool:
    model = ContentType.objects.get_for_id(entry["content_type"]).model_class()
    if model is None:
        return False
    page = model._default_manager.filter(pk=entry["page"], url_path=entry["url_path"], live=True).first()
    if page is None:
        return False
    restrictions = entry["restrictions"]
    # Wagtail's check (and the members-only teaser) read the restrictions through this method.
    page.get_view_restrictions = restrictions.copy
    request._wagtail_site = entry["site"]
    request._wagtail_route_for_request = RouteResult(page)
    return True


def _remember(request, key: str, version: str) -> None:
    route = getattr(request, "_wagtail_route_for_request", None)
    site = getattr(request, "_wagtail_site", None)
    if route is None or site is None:
        return
    page, args, kwargs = route
    if args or kwargs or not isinstance(page, Page):
        return
    entry = {
        "version": version,
        "site": site,
        "content_type": page.content_type_id,
        "page": page.pk,
        "url_path": page.url_path,
        # The page model's own reading: the restrictions of every language version (core.view_restrictions).
        "restrictions": list(page.get_view_restrictions()),
    }
    cache.set(key, entry, ROUTE_CACHE_SECONDS)
