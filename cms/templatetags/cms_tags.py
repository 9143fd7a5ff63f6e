import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from cms.layout import LAYOUT_CACHE_SECONDS, layout_version
from cms.models import AssociationSettings
from cms.translations import active_content_language, language_direction

register = template.Library()


@register.simple_tag
def cms_layout_version() -> str:
    """Part of the cache key of the header and footer fragments: changes when settings or pages change."""
    return layout_version()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per language to the current page in that language.

    A Wagtail page links to its translation, or to the home page of that language when it has none; any
    other view links to the same URL with the other language prefix. Plain links, so that anonymous pages
    set no cookie and can be cached.
    """
    request = context.get("request")
    if request is None:
        return []
    current = translation.get_language()
    page = context.get("page")
    urls = {}
    if isinstance(page, Page) and page.pk and not getattr(request, "is_preview", False):
        site = Site.find_for_request(request)
        key = f"cms:translations:{site.pk if site else 0}:{page.pk}:{layout_version()}"
        urls = cache.get(key)
        if urls is None:
            urls = _translated_page_urls(request, page, site)
            cache.set(key, urls, LAYOUT_CACHE_SECONDS)
    links = []
    for code, _name in settings.LANGUAGES:
        url = urls.get(code) or translate_url(request.get_full_path(), code)
        info = translation.get_language_info(code)
        links.append({"code": code, "name": info["name_local"], "url": url, "current": code == current})
    return links


def _translated_page_urls(request, page: Page, site: Site | None) -> dict[str, str]:
    keys = {page.translation_key}
    if site is not None:
        keys.add(site.root_page.translation_key)
    candidates = Page.objects.live().filter(translation_key__in=keys).select_related("locale")
    candidates = candidates.only("id", "path", "url_path", "depth", "translation_key", "locale__language_code")
    by_language: dict[str, str] = {}
    fallback: dict[str, str] = {}
    for candidate in candidates:
        code = candidate.locale.language_code
        url = candidate.get_url(request)
        if not url:
            continue
        if candidate.translation_key == page.translation_key:
            by_language[code] = url
        else:
            fallback[code] = url
    return {**fallback, **by_language}


@register.simple_tag(takes_context=True)
def content_lang(context, page=None) -> str:
    """` lang="fr" dir="ltr"` on an element holding content written in another language than the visitor's
    (a French page shown under /ar/), nothing otherwise.

    Without an argument: the content of the page being served (`content_language` and `is_fallback` from
    cms.translations). With a page: that page's, as listings annotate it (`core.i18n.with_content_language`).
    """
    if page is None:
        if not context.get("is_fallback"):
            return ""
        code = str(context.get("content_language") or "")
    else:
        code = getattr(page, "content_language", None) or ""
        if code == active_content_language():
            return ""
    if not code:
        return ""
    return format_html(' lang="{}" dir="{}"', code, language_direction(code))


@register.simple_tag(takes_context=True)
def site_layout(context) -> dict:
    """The association's settings and the cache key of the header and footer fragments for this site.

    The settings come from the cache while the layout version stands, so a warm page spends no query on them.
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {"association": None, "site": None, "fragment_key": "no-site", "timeout": 0}
    version = layout_version()
    key = f"cms:association:{site.pk}:{version}"
    association = cache.get(key)
    if association is None:
        association = AssociationSettings.for_site(site)
        cache.set(key, association, LAYOUT_CACHE_SECONDS)
    return {
        "association": association,
        "site": site,
        "fragment_key": f"{site.pk}-{version}-{translation.get_language()}",
        "timeout": LAYOUT_CACHE_SECONDS,
    }


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, name: str, vary_on: list, timeout):
        self.nodelist, self.name, self.vary_on, self.timeout = nodelist, name, vary_on, timeout

    def render(self, context) -> str:
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        parts = [self.name, layout_version(), translation.get_language() or ""]
        parts += [str(value.resolve(context)) for value in self.vary_on]
        key = "cms:fragment:" + hashlib.md5(":".join(parts).encode(), usedforsecurity=False).hexdigest()
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            # Resolved after rendering, so that the content can say how long it stays true.
            timeout = self.timeout.resolve(context) if self.timeout is not None else None
            timeout = LAYOUT_CACHE_SECONDS if timeout is None else min(int(timeout), LAYOUT_CACHE_SECONDS)
            if timeout > 0:
                cache.set(key, html, timeout)
        return mark_safe(html)


@register.tag
def cached_fragment(parser, token):
    """`{% cached_fragment "name" var… [timeout=var] %}…{% endcached_fragment %}`: the rendered content, cached.

    Keyed by the name, the layout version (bumped whenever pages, settings, member companies or categories
    change), the active language and the values of the variables; kept LAYOUT_CACHE_SECONDS at most, less when
    `timeout` (read after rendering, so lazily computed content can set it) says so. Never used in previews.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name")
    name = bits[1].strip("\"'")
    timeout = None
    vary_on = []
    for bit in bits[2:]:
        if bit.startswith("timeout="):
            timeout = parser.compile_filter(bit.removeprefix("timeout="))
        else:
            vary_on.append(parser.compile_filter(bit))
    nodelist = parser.parse(("endcached_fragment",))
    parser.delete_first_token()
    return CachedFragmentNode(nodelist, name, vary_on, timeout)
