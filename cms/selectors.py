"""Reads of the editorial site: home page sections, news listings, feeds and search."""

import math
from collections.abc import Iterable, Mapping

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page

from cms import restrictions
from cms.models import HomePage, NewsCategory, NewsIndexPage, NewsPage
from cms.translations import mark_untranslated
from core.i18n import with_content_language
from events.models import EventIndexPage
from events.selectors import upcoming_events
from members.selectors import featured_organisations

NEWS_PER_PAGE = 12
NEWS_CARD_RENDITION = "fill-640x360"
LOGO_RENDITION = "max-240x120"
HERO_RENDITION = "fill-1600x700"


def attach_renditions(wanted: Iterable[tuple[AbstractImage | None, str]]) -> None:
    """Fetch the renditions of several images and filter specs in one query, for `{% image %}` to find them.

    `wanted` holds (image, filter spec) pairs; images that are None are skipped. Renditions that do not exist
    yet are created by the first `{% image %}` that needs them, as usual.
    """
    wanted = [(image, spec) for image, spec in wanted if image is not None]
    if not wanted:
        return
    condition = Q()
    for spec in {spec for _image, spec in wanted}:
        condition |= Q(
            filter_spec=spec, image_id__in={image.pk for image, wanted_spec in wanted if wanted_spec == spec}
        )
    found: dict[int, list] = {}
    for rendition in get_image_model().get_rendition_model().objects.filter(condition):
        found.setdefault(rendition.image_id, []).append(rendition)
    for image, _spec in wanted:
        image.prefetched_renditions = found.get(image.pk, [])
        for rendition in image.prefetched_renditions:
            rendition.image = image  # the <img> tag reads the image's alt text through it


def restricted_paths() -> list[str]:
    """Tree paths of the pages below which a view restriction holds, in every language (cms.restrictions)."""
    return restrictions.restricted_paths()


def mark_members_only(pages: Iterable[Page]) -> list[Page]:
    """Set `members_only` on each page a view restriction holds on (set on any of its language versions or of
    their ancestors), from the cached paths: no query for the whole list once cached."""
    pages = list(pages)
    paths = restricted_paths() if pages else []
    for page in pages:
        page.members_only = restrictions.is_restricted(page, paths)
    return pages


def _news_cards(
    queryset, *, locale_id: int, renditions: bool = True, categories: list[NewsCategory] | None = None
) -> list[NewsPage]:
    """News articles ready for `cms/components/news_card.html`: image rendition, category (in the language of the
    listing, see `localize_categories`) and content language fetched with them."""
    news = list(queryset.select_related("category", "hero_image"))
    localize_categories(news, locale_id=locale_id, categories=categories)
    if renditions:
        attach_renditions((article.hero_image, NEWS_CARD_RENDITION) for article in news)
    return mark_members_only(mark_untranslated(news))


def localize_categories(
    articles: Iterable[NewsPage], *, locale_id: int, categories: list[NewsCategory] | None = None
) -> None:
    """Show each article's category in the listing's language.

    An alias (a French article under /en/) keeps its source's French category; its translation in the listing's
    locale, matched by `translation_key`, replaces it when there is one. `categories` are the locale's categories
    when the caller has them already; otherwise they are read in one query, only if an article needs them.
    """
    articles = list(articles)
    foreign = {article.category.translation_key for article in articles if _foreign_category(article, locale_id)}
    if not foreign:
        return
    if categories is None:
        categories = list(NewsCategory.objects.filter(locale_id=locale_id, translation_key__in=foreign))
    by_key = {category.translation_key: category for category in categories}
    for article in articles:
        if _foreign_category(article, locale_id) and article.category.translation_key in by_key:
            article.category = by_key[article.category.translation_key]


def article_category(article: NewsPage) -> NewsCategory | None:
    """The article's category in the article's language (an alias keeps its French source's), if it has one."""
    category = article.category
    if category is None or category.locale_id == article.locale_id:
        return category
    return category.get_translation_or_none(article.locale_id) or category


def _foreign_category(article: NewsPage, locale_id: int) -> bool:
    return article.category is not None and article.category.locale_id != locale_id


def _news_in(locale_id: int):
    return with_content_language(NewsPage.objects.live().filter(locale_id=locale_id))


def latest_news(*, locale_id: int, limit: int = 3, renditions: bool = True) -> list[NewsPage]:
    """The newest live articles in one language (French ones not yet translated included, as the language's
    aliases), members-only ones included (they show their teaser)."""
    queryset = _news_in(locale_id).order_by("-date", "-pk")[:limit]
    return _news_cards(queryset, locale_id=locale_id, renditions=renditions)


def news_listing(*, index: NewsIndexPage, params: Mapping) -> dict:
    """One page of the articles below `index`, filtered by the `category` and `tag` query parameters."""
    news = with_content_language(NewsPage.objects.live().child_of(index)).order_by("-date", "-pk")
    categories = list(NewsCategory.objects.filter(locale_id=index.locale_id))
    category = next((item for item in categories if item.slug == params.get("category")), None)
    # PostgreSQL refuses a NUL byte in a query: no tag has one.
    tag = (params.get("tag") or "").replace("\x00", "").strip()
    if category:
        # An alias (a French article not yet translated) keeps the French category: the same one in every language.
        news = news.filter(category__translation_key=category.translation_key)
    if tag:
        news = news.filter(tags__slug=tag)

    paginator = Paginator(news, NEWS_PER_PAGE)
    page_obj = paginator.get_page(params.get("page"))
    return {
        "news": _news_cards(page_obj.object_list, locale_id=index.locale_id, categories=categories),
        "categories": categories,
        "selected_category": category,
        "selected_tag": tag,
        "page_obj": page_obj,
        "page_range": paginator.get_elided_page_range(page_obj.number),
    }


def feed_news(*, locale: Locale, limit: int = 20) -> list[NewsPage]:
    """The newest live articles of one language for the feeds, French ones not yet translated included (the
    language's aliases), each once; categories in that language."""
    news = list(_news_in(locale.pk).select_related("category", "locale").order_by("-date", "-pk")[:limit])
    localize_categories(news, locale_id=locale.pk)
    return news


def home_page_sections(*, home: HomePage) -> dict:
    """What the home page shows besides its own fields: next events, latest news, featured member companies.

    `cache_seconds` is how long that stays true: until the first of the candidate events ends (it then leaves
    the list), or None when no event can end.
    """
    # Events in the page's language first; their aliases in the other language trees would otherwise show twice.
    candidates = upcoming_events(limit=12)
    events = [event for event in candidates if event.locale_id == home.locale_id][:3] or candidates[:3]

    organisations = list(featured_organisations(limit=6))
    news = latest_news(locale_id=home.locale_id, limit=3, renditions=False)
    attach_renditions(
        [
            (home.hero_image, HERO_RENDITION),
            *((organisation.logo, LOGO_RENDITION) for organisation in organisations),
            *((article.hero_image, NEWS_CARD_RENDITION) for article in news),
        ]
    )

    index_types = ContentType.objects.get_for_models(NewsIndexPage, EventIndexPage)
    news_type, events_type = index_types[NewsIndexPage], index_types[EventIndexPage]
    indexes = {
        page.content_type_id: page
        for page in home.get_children().live().filter(content_type__in=[news_type, events_type])
    }
    return {
        "upcoming_events": events,
        "latest_news": news,
        "news_index": indexes.get(news_type.pk),
        "events_index": indexes.get(events_type.pk),
        "featured_organisations": organisations,
        "cache_seconds": _seconds_until_first_end(candidates),
    }


def _seconds_until_first_end(events) -> int | None:
    ends = [event.end for event in events if event.end]
    if not ends:
        return None
    return max(0, math.ceil((min(ends) - timezone.now()).total_seconds()))


def search_pages(*, query: str, locale: Locale):
    """Live pages of one language matching `query`: news (members-only ones show their teaser), pages, events.

    Other restricted pages stay out of the results, in every language, since a visitor could not read them.
    """
    # PostgreSQL refuses a NUL byte, and the SQLite backend quotes each word without escaping its double quotes.
    query = query.replace("\x00", " ").replace('"', " ").strip()
    if not query:
        return Page.objects.none()
    pages = Page.objects.live().filter(locale=locale).exclude(depth__lte=1)
    if restricted_paths():
        pages = pages.exclude(restrictions.restricted_q() & ~Q(content_type=_news_content_type()))
    return pages.search(query)


def _plain_text(value) -> str:
    return strip_tags(str(value or "")).strip()


def _news_content_type():
    return ContentType.objects.get_for_model(NewsPage)


def specific_results(results) -> list[Page]:
    """Turn a page of search results into specific pages (one query per page type), members-only flags set."""
    pages = list(results)
    ids = [page.pk for page in pages]
    specific = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    pages = [specific[pk] for pk in ids if pk in specific]
    for page in pages:
        page.type_label = page.get_verbose_name()
        page.result_date = getattr(page, "date", None) or getattr(page, "start", None)
        page.result_text = _plain_text(
            getattr(page, "intro", "") or getattr(page, "summary", "") or page.search_description
        )
    return mark_members_only(pages)
