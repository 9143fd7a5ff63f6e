"""The sitemap (/sitemap.xml): every live page in every language, aliases of the synced page tree included, and the
public profiles of the member companies in each language, each address with its language versions (hreflang and
x-default) and its last modification.

Addresses are absolute on the public host (`settings.SITE_URL`), whatever host the crawler asked. Pages under a
view restriction, in any of their languages, are left out, but for members-only news articles: their teaser is
public on purpose (cms.wagtail_hooks), for search engines to learn what members get. The entries are computed once
per layout version (bumped by every page, restriction or member company change).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sitemaps import Sitemap
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, PageViewRestriction

from cms.layout import LAYOUT_CACHE_SECONDS, layout_version
from cms.models import NewsPage
from cms.seo import alternates, page_path
from core.site_url import absolute_url
from members.models import Organisation

# Restrictions a members-only article answers with its public teaser rather than the login page.
TEASER_RESTRICTIONS = {PageViewRestriction.LOGIN, PageViewRestriction.GROUPS}


@dataclass(frozen=True)
class SitemapEntry:
    location: str
    lastmod: dt.datetime | None
    alternates: tuple[tuple[str, str], ...] = field(default=())

    def url_info(self) -> dict:
        """What Django's sitemap.xml template reads of one <url>."""
        return {
            "item": self,
            "location": self.location,
            "lastmod": self.lastmod,
            "changefreq": None,
            "priority": "",
            "alternates": [{"lang_code": code, "location": url} for code, url in self.alternates],
        }


class EntrySitemap(Sitemap):
    """A sitemap whose items are ready-made entries: absolute addresses on SITE_URL, alternates included."""

    def entries(self) -> list[SitemapEntry]:
        raise NotImplementedError

    def items(self) -> list[SitemapEntry]:
        key = f"cms:sitemap:{type(self).__name__}:{layout_version()}"
        entries = cache.get(key)
        if entries is None:
            entries = self.entries()
            cache.set(key, entries, LAYOUT_CACHE_SECONDS)
        return entries

    def lastmod(self, item: SitemapEntry):
        return item.lastmod

    def get_urls(self, page=1, site=None, protocol=None) -> list[dict]:
        entries = self.paginator.page(page).object_list
        dates = [entry.lastmod for entry in entries]
        # The view sends Last-Modified only when every entry has a date.
        self.latest_lastmod = max(dates) if dates and None not in dates else None
        return [entry.url_info() for entry in entries]


def _restricted_paths() -> dict[str, set[str]]:
    """Tree paths of every language version of each restricted page, with the kinds of restriction on it: a
    restriction holds for every language version of the page (same translation key), aliases included."""
    kinds_by_key: dict = {}
    for key, kind in PageViewRestriction.objects.values_list("page__translation_key", "restriction_type"):
        kinds_by_key.setdefault(key, set()).add(kind)
    paths: dict[str, set[str]] = {}
    if kinds_by_key:
        for path, key in Page.objects.filter(translation_key__in=kinds_by_key).values_list("path", "translation_key"):
            paths[path] = kinds_by_key[key]
    return paths


def _restrictions_over(path: str, restricted: dict[str, set[str]]) -> set[str]:
    kinds: set[str] = set()
    for restricted_path, restricted_kinds in restricted.items():
        if path.startswith(restricted_path):
            kinds |= restricted_kinds
    return kinds


def public_pages() -> list[Page]:
    """Live pages of every language that an anonymous visitor can read (members-only articles for their teaser),
    in tree order, with their locale. Three queries."""
    restricted = _restricted_paths()
    news_type = ContentType.objects.get_for_model(NewsPage).pk
    pages = (
        Page.objects.live()
        .filter(depth__gt=1)
        .select_related("locale")
        .only(
            "id",
            "path",
            "url_path",
            "depth",
            "translation_key",
            "content_type_id",
            "last_published_at",
            "latest_revision_created_at",
            "first_published_at",
            "locale__language_code",
        )
        .order_by("path")
    )
    readable = []
    for page in pages:
        kinds = _restrictions_over(page.path, restricted)
        if kinds and not (page.content_type_id == news_type and kinds <= TEASER_RESTRICTIONS):
            continue
        readable.append(page)
    return readable


class PageSitemap(EntrySitemap):
    """Every public live page in every language, with the addresses of its other language versions."""

    def entries(self) -> list[SitemapEntry]:
        pages = public_pages()
        urls: dict = {}
        for page in pages:
            path = page_path(page)
            if path:
                page.sitemap_url = absolute_url(path)
                urls.setdefault(page.translation_key, {})[page.locale.language_code] = page.sitemap_url
        return [
            SitemapEntry(
                location=page.sitemap_url,
                lastmod=page.last_published_at or page.latest_revision_created_at or page.first_published_at,
                alternates=tuple(alternates(urls[page.translation_key])),
            )
            for page in pages
            if getattr(page, "sitemap_url", "")
        ]


class CompanyProfileSitemap(EntrySitemap):
    """The profile of each company the public member directory lists, in each language."""

    def entries(self) -> list[SitemapEntry]:
        companies = Organisation.objects.in_directory().only("slug", "updated_at").order_by("legal_name", "pk")
        entries = []
        for company in companies:
            urls = {}
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    urls[code] = absolute_url(reverse("members:organisation_detail", args=[company.slug]))
            versions = tuple(alternates(urls))
            entries += [
                SitemapEntry(location=url, lastmod=company.updated_at, alternates=versions) for url in urls.values()
            ]
        return entries


SITEMAPS = {"pages": PageSitemap, "members": CompanyProfileSitemap}
