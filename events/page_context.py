"""The data the events calendar and an event page show, read by events.selectors for the pages' get_context()
(through core.page_context and the `construct_page_context` hook of events.wagtail_hooks: models do not import
selectors)."""

from functools import partial

from django.utils.functional import SimpleLazyObject

from events.models import EventIndexPage, EventPage
from events.selectors import event_listing, event_listing_cache_seconds, event_page_details

EVENT_LISTING_KEYS = ("filter_form", "showing_past", "month_options", "events", "page_obj", "page_range")


def event_index_context(page: EventIndexPage, request, context: dict) -> None:
    # Lazy: read only when the template's cached fragment is missing.
    listing = SimpleLazyObject(lambda: event_listing(index=page, params=request.GET))
    for key in EVENT_LISTING_KEYS:
        context[key] = SimpleLazyObject(lambda key=key: listing[key])
    context["listing_cache_seconds"] = partial(event_listing_cache_seconds, index=page)


def event_page_context(page: EventPage, request, context: dict) -> None:
    context.update(event_page_details(event=page, user=request.user))


LOADERS = {EventIndexPage: event_index_context, EventPage: event_page_context}


def add_page_context(page, request, context: dict) -> None:
    loader = LOADERS.get(type(page))
    if loader is not None:
        loader(page, request, context)
