"""The synced page tree on its own: the command for existing sites, the notices, what the listings cost."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from cms.models import StandardPage
from cms.translations import FALLBACK_NOTICES, sync_page_trees
from tests.factories.cms import NewsCategoryFactory, NewsIndexPageFactory, NewsPageFactory, StandardPageFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory


def translate(page, code: str, title: str):
    copy = page.copy_for_translation(Locale.objects.get(language_code=code))
    copy.title = title
    copy.save_revision().publish()
    return copy


def test_the_command_reports_what_it_created(home_translations):
    NewsIndexPageFactory(parent=home_translations["fr"])
    for expected in ("Aliases created: 2.", "Aliases created: 0."):
        out = io.StringIO()
        call_command("sync_page_trees", stdout=out)
        assert out.getvalue().strip() == expected


def test_sync_copies_the_missing_parents_first(home_translations):
    parent = StandardPageFactory(parent=home_translations["fr"], title="L'association", slug="association")
    child = StandardPageFactory(parent=parent, title="Le bureau", slug="bureau")
    assert sync_page_trees() == 4
    alias = StandardPage.objects.get(alias_of=child, locale__language_code="ar")
    assert alias.url == "/ar/association/bureau/"
    assert alias.get_parent().specific.alias_of_id == parent.pk


def test_sync_leaves_drafts_out(home_translations):
    draft = StandardPageFactory(parent=home_translations["fr"], title="Brouillon")
    draft.unpublish()
    assert sync_page_trees() == 0


def test_every_pair_of_languages_has_its_notice(settings):
    codes = [code for code, _name in settings.LANGUAGES]
    assert {(a, b) for a in codes for b in codes if a != b} == set(FALLBACK_NOTICES)


def test_demo_translation_of_an_alias_converts_it_in_place(home_translations):
    from demo.pages import translate as demo_translate

    parent = StandardPageFactory(parent=home_translations["fr"], title="Missions", slug="missions")
    child = StandardPageFactory(parent=parent, title="Le numérique pour tous", slug="numerique")
    sync_page_trees()
    alias = StandardPage.objects.get(alias_of=parent, locale__language_code="en")
    translation = demo_translate(parent, "en", title="Our missions", intro="What we do.")
    assert (translation.pk, translation.alias_of_id, translation.live) == (alias.pk, None, True)
    assert StandardPage.objects.get(pk=alias.pk).title == "Our missions"
    # The aliases below it stay where they were.
    assert StandardPage.objects.get(alias_of=child, locale__language_code="en").get_parent().pk == alias.pk
    assert demo_translate(parent, "en", title="Our missions").pk == alias.pk


def _cold_queries(client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("code", ["en", "ar"])
def test_listings_cost_the_same_with_one_or_five_fallback_pages(client, home_translations, code):
    home = home_translations["fr"]
    news, events = NewsIndexPageFactory(parent=home), EventIndexPageFactory(parent=home)
    indexes = {"news": translate(news, code, "News"), "events": translate(events, code, "Events")}
    category = NewsCategoryFactory()
    NewsPageFactory(parent=news, category=category)
    EventPageFactory(parent=events, days_from_now=3)
    sync_page_trees()
    urls = [f"/{code}/", indexes["news"].url, indexes["events"].url, f"/{code}/feeds/news/atom/"]
    for url in urls:  # the first request of the process fills its own caches (content types, locales)
        _cold_queries(client, url)
    one = [_cold_queries(client, url) for url in urls]
    for n in range(4):
        NewsPageFactory(parent=news, category=category, days_ago=n + 1)
        EventPageFactory(parent=events, days_from_now=n + 4)
    assert sync_page_trees() == 16  # four articles and four events, in English and Arabic
    five = [_cold_queries(client, url) for url in urls]
    assert five == one
    assert max(five) <= 40
