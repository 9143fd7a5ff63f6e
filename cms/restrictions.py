"""Which pages a view restriction holds on, in every language, for listings and search (core.view_restrictions
has the rule and the page models' check).

The paths are kept in the default cache under the layout version (cms.layout), which changes whenever a page is
saved, moved or deleted (a new translation or alias of a restricted page among them) and whenever a restriction
changes: one query per layout version, none on later reads.
"""

from collections.abc import Iterable

from django.core.cache import cache
from django.db.models import Q, QuerySet
from wagtail.models import Page, PageViewRestriction

from cms.layout import LAYOUT_CACHE_SECONDS, layout_version
from core.view_restrictions import paths_q, restricted_page_paths


def restricted_paths() -> list[str]:
    """Tree paths of the pages below which a view restriction holds, in every language (a handful)."""
    key = f"cms:restricted-paths:{layout_version()}"
    paths = cache.get(key)
    if paths is None:
        paths = restricted_page_paths()
        cache.set(key, paths, LAYOUT_CACHE_SECONDS)
    return paths


def restricted_q() -> Q:
    """Pages a view restriction holds on, in any language; matches nothing when no page is restricted."""
    return paths_q(restricted_paths())


def public_pages(pages: QuerySet[Page]) -> QuerySet[Page]:
    """`pages` without those a view restriction holds on in any language (for the sitemap, feeds, …)."""
    return pages.exclude(restricted_q())


def is_restricted(page: Page, paths: Iterable[str]) -> bool:
    return any(page.path.startswith(path) for path in paths)


def _signature(restriction: PageViewRestriction) -> tuple:
    """What a restriction asks for: its type, password and groups (read from the prefetched groups if any)."""
    groups = frozenset(group.pk for group in restriction.groups.all())
    return (restriction.restriction_type, restriction.password, groups)


def forget_alias_copies(sender, instance: PageViewRestriction, **kwargs) -> None:
    """When a restriction is lifted from a page, lift the copies Wagtail made of it on the page's aliases.

    Creating an alias copies the source's restrictions onto it; since a restriction holds in every language
    (core.view_restrictions), such a copy would keep the source restricted after the secretariat lifted its own
    restriction. Only identical copies go: a restriction someone set on the alias itself stays.
    """
    wanted = _signature(instance)
    for copy in PageViewRestriction.objects.filter(page__alias_of_id=instance.page_id).prefetch_related("groups"):
        if _signature(copy) == wanted:
            copy.delete()
