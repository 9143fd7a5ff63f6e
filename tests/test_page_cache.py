"""PAGE_CACHE_SECONDS: whole pages stored for anonymous visitors, never for members, cleared on publish."""

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from config import page_cache
from config.settings.base import with_page_cache

CACHE_SETTINGS = {
    "CACHES": {
        **settings.CACHES,
        page_cache.PAGE_CACHE_ALIAS: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "majlis-test-pages",
        },
    },
    "CACHE_MIDDLEWARE_ALIAS": page_cache.PAGE_CACHE_ALIAS,
    "CACHE_MIDDLEWARE_SECONDS": 300,
    "CACHE_MIDDLEWARE_KEY_PREFIX": "",
    "MIDDLEWARE": with_page_cache(settings.MIDDLEWARE),
}


@pytest.fixture(autouse=True)
def page_cache_on(db):
    with override_settings(**CACHE_SETTINGS):
        page_cache.connect_signals()
        page_cache.clear_page_cache()
        yield
        page_cache.clear_page_cache()
        page_cache.disconnect_signals()


@pytest.fixture
def home():
    return Site.objects.get(is_default_site=True).root_page.specific


def queries_for(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def test_second_anonymous_visit_is_served_from_the_page_cache(client, home):
    first_queries, first_page = queries_for(client, "/")
    second_queries, second_page = queries_for(client, "/")
    assert first_queries > 0
    assert second_queries == 0
    assert second_page == first_page


def test_signed_in_member_never_gets_a_stored_page(client, home, django_user_model):
    client.force_login(django_user_model.objects.create_user(email="membre@example.ma", password="x" * 12))
    queries_for(client, "/")
    second_queries, _page = queries_for(client, "/")
    assert second_queries > 0


def test_publishing_a_page_clears_the_page_cache(client, home):
    queries_for(client, "/")
    home.hero_title = "Assemblée générale : les résultats"
    home.save_revision().publish()
    queries, page = queries_for(client, "/")
    assert queries > 0
    assert "Assemblée générale : les résultats" in page


def test_a_page_from_the_cache_keeps_its_security_headers(client, home):
    first = client.get("/")
    second = client.get("/")
    for header in ("X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy", "Content-Language"):
        assert second.headers.get(header) == first.headers.get(header)
        assert second.headers.get(header)
