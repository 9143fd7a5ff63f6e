"""The version of the site's layout (header and footer), part of their fragment cache keys.

It changes whenever the site settings are saved, a page is saved, published, unpublished, moved or deleted (the
menus show page titles and addresses, the home page lists news and events), a view restriction changes (listings
mark members-only articles), or a member company or a news category is saved (the home page shows featured
companies, cards show categories). With a
per-process cache (locmem), other processes see the change when their fragments expire (LAYOUT_CACHE_SECONDS).
"""

import uuid

from django.core.cache import cache

from cms.models import AssociationSettings, NavigationSettings, NewsCategory
from members.models import Organisation

LAYOUT_VERSION_KEY = "cms:layout-version"
LAYOUT_CACHE_SECONDS = 300


def layout_version() -> str:
    version = cache.get(LAYOUT_VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex[:12]
        cache.set(LAYOUT_VERSION_KEY, version, None)
    return version


def bump_layout_version(**kwargs) -> None:
    cache.set(LAYOUT_VERSION_KEY, uuid.uuid4().hex[:12], None)


def _bump_on_page_save(sender, **kwargs) -> None:
    from wagtail.models import Page

    # post_save names the concrete class (NewsPage, EventPage…): one receiver for every page type.
    if issubclass(sender, Page):
        bump_layout_version()


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump_layout_version, dispatch_uid="cms_layout_version")
    post_delete.connect(bump_layout_version, sender=Page, dispatch_uid="cms_layout_version_page")
    post_save.connect(_bump_on_page_save, dispatch_uid="cms_layout_version_page_save")
    # Listings mark members-only articles from a cached list of restricted paths.
    post_save.connect(bump_layout_version, sender=PageViewRestriction, dispatch_uid="cms_layout_version_pvr")
    post_delete.connect(bump_layout_version, sender=PageViewRestriction, dispatch_uid="cms_layout_version_pvr")
    for model in (AssociationSettings, NavigationSettings, NewsCategory, Organisation):
        post_save.connect(bump_layout_version, sender=model, dispatch_uid=f"cms_layout_version_{model.__name__}")
    # Page routes are remembered with the layout version (cms/routing.py): a site's host or root moving changes them.
    post_save.connect(bump_layout_version, sender=Site, dispatch_uid="cms_layout_version_site")
    post_delete.connect(bump_layout_version, sender=Site, dispatch_uid="cms_layout_version_site")
    for model in (NewsCategory, Organisation):
        post_delete.connect(bump_layout_version, sender=model, dispatch_uid=f"cms_layout_version_del_{model.__name__}")
