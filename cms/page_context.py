"""The data the home page and the news index show, read by cms.selectors for the pages' get_context()
(through core.page_context and the `construct_page_context` hook of cms.wagtail_hooks: models do not import
selectors). Everything is lazy: read only when the template's cached fragment is missing."""

from django.utils.functional import SimpleLazyObject

from cms.models import HomePage, NewsIndexPage, NewsPage
from cms.selectors import article_category, home_page_sections, news_listing
from cms.translations import page_language_context

NEWS_LISTING_KEYS = ("news", "categories", "selected_category", "selected_tag", "page_obj", "page_range")


def home_page_context(page: HomePage, request, context: dict) -> None:
    context["sections"] = SimpleLazyObject(lambda: home_page_sections(home=page))


def news_index_context(page: NewsIndexPage, request, context: dict) -> None:
    listing = SimpleLazyObject(lambda: news_listing(index=page, params=request.GET))
    for key in NEWS_LISTING_KEYS:
        context[key] = SimpleLazyObject(lambda key=key: listing[key])


def news_page_context(page: NewsPage, request, context: dict) -> None:
    context["category"] = SimpleLazyObject(lambda: article_category(page))


LOADERS = {HomePage: home_page_context, NewsIndexPage: news_index_context, NewsPage: news_page_context}


def add_page_context(page, request, context: dict) -> None:
    # Every page: the language its content is written in (an alias shows its French source's under /en/ and /ar/).
    context.update(page_language_context(page))
    loader = LOADERS.get(type(page))
    if loader is not None:
        loader(page, request, context)
