"""Whole-page cache for anonymous visitors, switched on by PAGE_CACHE_SECONDS (see settings "Page cache").

Django's cache middleware already refuses to store responses that set cookies, and keys pages on the Cookie
header when the response varies on it. These subclasses go one step further: a request that carries a session
cookie (a signed-in member, or anyone mid-way through a form) never reads nor fills the cache, so members always
see their own, fresh pages.

The cache lives in its own alias ("pages") so that clearing it on publish never wipes rate limits, MFA codes
or anything else kept in the default cache.
"""

from django.apps import AppConfig
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.middleware import cache as cache_middleware

PAGE_CACHE_ALIAS = "pages"


def _has_session(request) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES


class UpdateCacheMiddleware(cache_middleware.UpdateCacheMiddleware):
    def _should_update_cache(self, request, response):
        return super()._should_update_cache(request, response) and not _has_session(request)


class FetchFromCacheMiddleware(cache_middleware.FetchFromCacheMiddleware):
    def process_request(self, request):
        if _has_session(request):
            request._cache_update_cache = False
            return None
        return super().process_request(request)


def clear_page_cache(**kwargs) -> None:
    """Forget every cached page: called when a page or a publishable snippet goes live, offline, moves or
    is deleted, and when site settings change. Everything else (the member directory) ages out with the timeout."""
    if PAGE_CACHE_ALIAS not in settings.CACHES:
        return
    cache = caches[PAGE_CACHE_ALIAS]
    if isinstance(cache, RedisCache):
        # RedisCache.clear() is FLUSHDB: it would also drop sessions, rate limits and the other aliases' keys.
        client = cache._cache.get_client(None, write=True)
        pattern = cache.make_key("views.decorators.cache.*")
        keys = list(client.scan_iter(match=pattern, count=1000))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


def _clear_on_settings_save(sender, **kwargs):
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    if issubclass(sender, BaseSiteSetting | BaseGenericSetting):
        clear_page_cache()


def _signals():
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        yield signal, clear_page_cache, {}
    yield post_delete, clear_page_cache, {"sender": Page}
    # Site settings (identity, navigation) show on every page.
    yield post_save, _clear_on_settings_save, {}


def connect_signals() -> None:
    for signal, receiver, kwargs in _signals():
        signal.connect(receiver, dispatch_uid=f"page_cache.{receiver.__name__}", weak=False, **kwargs)


def disconnect_signals() -> None:
    for signal, receiver, kwargs in _signals():
        signal.disconnect(receiver, dispatch_uid=f"page_cache.{receiver.__name__}", **kwargs)


class PageCacheConfig(AppConfig):
    """Connects the invalidation. Installed by the settings only when PAGE_CACHE_SECONDS is above zero."""

    name = "config"
    label = "page_cache"
    verbose_name = "Page cache"

    def ready(self):
        connect_signals()
