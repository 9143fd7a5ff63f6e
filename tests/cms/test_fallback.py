"""Fallback, not 404: a French page without an English or Arabic version is shown under /en/ and /ar/ (an alias of
the synced page tree), with the interface in the visitor's language, a notice and its content marked as French."""

import re
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.utils import translation
from wagtail.models import Locale, Page, Site

from cms.models import NewsCategory, NewsPage
from cms.translations import content_locale, sync_page_trees
from events.models import EventPage
from tests.factories.cms import NewsCategoryFactory, NewsIndexPageFactory, NewsPageFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.registrations import RegistrationSettingsFactory, TicketTypeFactory

UPCOMING = ("Forum inter-clusters université-entreprise", "Digital Now 2026", "Petit-déjeuner des nouveaux membres")
NOTICE = {
    "en": "This page is not yet available in English: here is the French version.",
    "ar": "هذه الصفحة غير متوفرة بعد بالعربية: إليكم النسخة الفرنسية.",
}


@dataclass
class Site3:
    home: dict
    news_index: dict
    events_index: dict
    events: list = field(default_factory=list)
    articles: list = field(default_factory=list)
    categories: dict = field(default_factory=dict)


def translate(page, code: str, title: str, **fields):
    """A real translation, as the admin's "Translate" makes it, rewritten and published."""
    copy = page.copy_for_translation(Locale.objects.get(language_code=code))
    copy.title = title
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy


def _cards(html: str, kind: str) -> list[str]:
    """The titles of the cards of a listing, in order."""
    pattern = rf'<article class="card {kind}-card">.*?<h[23] class="card__title"[^>]*><a href="[^"]*">(.*?)</a>'
    return [title.replace("&#x27;", "'") for title in re.findall(pattern, html, re.S)]


def _switcher(html: str) -> dict[str, str]:
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return {code: url for url, code in re.findall(r'<a href="([^"]*)" lang="(\w+)"', nav)}


def _build() -> dict:
    """The demo's shape: home, news and events indexes translated; twelve articles, two translated; three upcoming
    events and a past one, none translated; then the page trees synced. Returns the primary keys."""
    home = Site.objects.get(is_default_site=True).root_page.specific
    news = NewsIndexPageFactory(parent=home)
    events = EventIndexPageFactory(parent=home)
    ids = {
        "home": {"fr": home.pk, **{code: translate(home, code, title).pk for code, title in HOMES.items()}},
        "news_index": {"fr": news.pk, **{code: translate(news, code, title).pk for code, title in NEWS.items()}},
        "events_index": {"fr": events.pk, **{code: translate(events, code, t).pk for code, t in EVENTS.items()}},
    }
    category = NewsCategoryFactory(name="Vie associative", slug="vie-associative")
    categories = {"fr": category}
    for code, name in CATEGORIES.items():
        copy = category.copy_for_translation(Locale.objects.get(language_code=code))
        copy.name = name
        copy.save()
        categories[code] = copy
    ids["categories"] = {code: item.pk for code, item in categories.items()}
    articles = [
        NewsPageFactory(parent=news, title=f"Article {n:02d} du réseau", days_ago=n, category=category)
        for n in range(12)
    ]
    for article in articles[:2]:
        for code in ("en", "ar"):
            translate(article, code, f"{article.title} ({code})", category=categories[code])
    ids["articles"] = [article.pk for article in articles]
    ids["events"] = [
        EventPageFactory(parent=events, title=title, days_from_now=days).pk
        for days, title in zip((5, 12, 20), UPCOMING, strict=True)
    ]
    EventPageFactory(parent=events, title="Digital Now 2025", days_from_now=-300)
    sync_page_trees()
    return ids


HOMES = {"en": "Home", "ar": "الرئيسية"}
NEWS = {"en": "News", "ar": "الأخبار"}
EVENTS = {"en": "Events", "ar": "الفعاليات"}
CATEGORIES = {"en": "Association life", "ar": "حياة الجمعية"}


@pytest.fixture(scope="module")
def site3_once(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction rolled back when it ends: each test (in its own savepoint)
    starts from the same three-language site, and nothing leaks into other modules."""
    with django_db_blocker.unblock(), transaction.atomic():
        translation.activate(settings.LANGUAGE_CODE)
        ids = _build()
        yield ids
        transaction.set_rollback(True)


@pytest.fixture
def site3(site3_once, db) -> Site3:
    # Fragments and routes cached by an earlier test may describe pages its savepoint rolled back.
    cache.clear()
    keys = ("home", "news_index", "events_index")
    pages = Page.objects.in_bulk([pk for key in keys for pk in site3_once[key].values()])
    return Site3(
        home={code: pages[pk].specific for code, pk in site3_once["home"].items()},
        news_index={code: pages[pk].specific for code, pk in site3_once["news_index"].items()},
        events_index={code: pages[pk].specific for code, pk in site3_once["events_index"].items()},
        events=[EventPage.objects.get(pk=pk) for pk in site3_once["events"]],
        articles=[NewsPage.objects.get(pk=pk) for pk in site3_once["articles"]],
        categories={code: NewsCategory.objects.get(pk=pk) for code, pk in site3_once["categories"].items()},
    )


# The page trees


def test_every_french_page_has_one_version_in_each_language(site3):
    for code in ("en", "ar"):
        french = Page.objects.filter(locale__language_code="fr", depth__gt=1).values_list("translation_key", flat=True)
        other = list(Page.objects.filter(locale__language_code=code).values_list("translation_key", flat=True))
        assert sorted(other) == sorted(french)


def test_sync_keeps_translations_and_makes_aliases_of_the_rest(site3):
    english = NewsPage.objects.filter(locale__language_code="en")
    assert english.filter(alias_of__isnull=True).count() == 2
    assert english.filter(alias_of__isnull=False).count() == 10


def test_sync_is_idempotent(site3):
    assert sync_page_trees() == 0
    assert (
        Page.objects.filter(locale__language_code="en").count()
        == Page.objects.filter(locale__language_code="fr", depth__gt=1).count()
    )


def test_alias_of_an_event_sits_under_the_translated_events_index(site3):
    alias = EventPage.objects.get(alias_of=site3.events[0], locale__language_code="ar")
    assert alias.get_parent().pk == site3.events_index["ar"].pk
    assert alias.live


def test_content_locale_of_an_alias_is_its_sources(site3):
    alias = EventPage.objects.get(alias_of=site3.events[0], locale__language_code="en")
    assert content_locale(alias).language_code == "fr"
    assert content_locale(site3.news_index["en"]).language_code == "en"


# Listings in every language


@pytest.mark.parametrize("code", ["en", "ar"])
def test_home_page_lists_the_upcoming_french_events(client, site3, code):
    html = client.get(f"/{code}/").content.decode()
    assert _cards(html, "event") == list(UPCOMING)


@pytest.mark.parametrize("code", ["en", "ar"])
def test_events_index_lists_the_upcoming_french_events_once(client, site3, code):
    html = client.get(site3.events_index[code].url).content.decode()
    assert _cards(html, "event") == list(UPCOMING)


@pytest.mark.parametrize("code", ["en", "ar"])
def test_event_cards_mark_french_titles_as_french(client, site3, code):
    html = client.get(site3.events_index[code].url).content.decode()
    assert html.count('<h3 class="card__title" lang="fr" dir="ltr">') == 3


@pytest.mark.parametrize("code", ["en", "ar"])
def test_news_index_lists_twelve_of_twelve_articles(client, site3, code):
    html = client.get(site3.news_index[code].url).content.decode()
    titles = _cards(html, "news")
    assert len(titles) == 12
    assert titles[0] == f"Article 00 du réseau ({code})"
    assert len(set(titles)) == 12


def test_home_page_shows_the_latest_news_with_translations_first_in_place(client, site3):
    html = client.get("/en/").content.decode()
    assert _cards(html, "news") == ["Article 00 du réseau (en)", "Article 01 du réseau (en)", "Article 02 du réseau"]


def test_category_filter_keeps_the_french_articles(client, site3):
    html = client.get(site3.news_index["en"].url, {"category": "vie-associative"}).content.decode()
    assert len(_cards(html, "news")) == 12


def test_french_articles_show_their_category_in_the_visitors_language(client, site3):
    html = client.get(site3.news_index["en"].url).content.decode()
    assert html.count('<span class="badge badge--muted">Association life</span>') == 12
    assert "Vie associative</span>" not in html


def test_french_article_page_links_its_category_in_the_visitors_language(client, site3):
    alias = NewsPage.objects.get(alias_of=site3.articles[5], locale__language_code="en")
    html = client.get(alias.url).content.decode()
    assert f'href="{site3.news_index["en"].url}?category=vie-associative">Association life</a>' in html


@pytest.mark.parametrize("code", ["en", "ar"])
def test_news_feed_lists_every_article_once(client, site3, code):
    xml = client.get(f"/{code}/feeds/news/atom/").content.decode()
    titles = re.findall(r"<entry><title>(.*?)</title>", xml)
    assert len(titles) == 12
    assert len(set(titles)) == 12


def test_public_calendar_in_english_lists_each_upcoming_event_once(client, site3):
    ics = client.get("/en/calendar/events.ics").content.decode().replace("\r\n ", "")
    summaries = re.findall(r"^SUMMARY:(.*?)\r?$", ics, re.M)
    assert sorted(summaries) == sorted(UPCOMING)


@pytest.mark.parametrize("code", ["en", "ar"])
def test_search_finds_french_pages_under_the_visitors_language(client, site3, code):
    call_command("update_index", verbosity=0)
    html = client.get(f"/{code}/search/", {"q": "Petit-déjeuner"}).content.decode()
    alias = EventPage.objects.get(alias_of=site3.events[2], locale__language_code=code)
    assert html.count(f'href="{alias.url}"') == 1


# A French page under /en/ and /ar/


@pytest.mark.parametrize(("code", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_untranslated_event_is_shown_with_the_notice_and_its_language(client, site3, code, direction):
    alias = EventPage.objects.get(alias_of=site3.events[1], locale__language_code=code)
    assert alias.url == f"/{code}/evenements/{site3.events[1].slug}/"
    response = client.get(alias.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{code}" dir="{direction}">' in html
    assert f'<p class="notice notice--info fallback-notice" role="note">{NOTICE[code]}</p>' in html
    assert '<h1 lang="fr" dir="ltr">Digital Now 2026</h1>' in html
    assert '<p class="lead" lang="fr" dir="ltr">' in html


def test_untranslated_standard_page_and_article_carry_the_notice(client, site3):
    alias = NewsPage.objects.get(alias_of=site3.articles[3], locale__language_code="ar")
    html = client.get(alias.url).content.decode()
    assert NOTICE["ar"] in html
    assert '<div class="prose stack" lang="fr" dir="ltr">' in html


def test_translated_page_shows_no_notice(client, site3):
    translation = NewsPage.objects.get(translation_key=site3.articles[0].translation_key, locale__language_code="en")
    html = client.get(translation.url).content.decode()
    assert "fallback-notice" not in html
    assert 'lang="fr"' not in html.split("<main", 1)[1].split("</main>")[0]


def test_french_page_in_french_shows_no_notice(client, site3):
    html = client.get(site3.events[1].url).content.decode()
    assert "fallback-notice" not in html
    assert "<h1>Digital Now 2026</h1>" in html


def test_translating_an_alias_replaces_it_everywhere(client, site3):
    event = site3.events[0]
    alias = EventPage.objects.get(alias_of=event, locale__language_code="en")
    from demo.pages import translate as demo_translate

    translation = demo_translate(event, "en", title="University-industry cluster forum", summary="A day together.")
    assert translation.pk == alias.pk
    assert translation.alias_of_id is None
    html = client.get(translation.url).content.decode()
    assert "fallback-notice" not in html
    assert "<h1>University-industry cluster forum</h1>" in html
    listing = _cards(client.get(site3.events_index["en"].url).content.decode(), "event")
    assert listing == ["University-industry cluster forum", *UPCOMING[1:]]
    # The French page and the Arabic alias stay as they were.
    assert EventPage.objects.get(alias_of=event, locale__language_code="ar").title == UPCOMING[0]


def test_republishing_the_french_page_updates_its_aliases(client, site3):
    event = site3.events[1]
    event.summary = "Le rendez-vous annuel du numérique."
    event.save_revision().publish()
    alias = EventPage.objects.get(alias_of=event, locale__language_code="ar")
    assert "Le rendez-vous annuel du numérique." in client.get(alias.url).content.decode()


# The language switch


def test_switch_on_an_untranslated_french_event_stays_on_the_event(client, site3):
    slug = site3.events[1].slug
    links = _switcher(client.get(site3.events[1].url).content.decode())
    assert links == {"fr": f"/evenements/{slug}/", "en": f"/en/evenements/{slug}/", "ar": f"/ar/evenements/{slug}/"}


def test_switch_on_the_alias_leads_back_to_the_french_page_and_the_other_alias(client, site3):
    slug = site3.events[1].slug
    links = _switcher(client.get(f"/ar/evenements/{slug}/").content.decode())
    assert links == {"fr": f"/evenements/{slug}/", "en": f"/en/evenements/{slug}/", "ar": f"/ar/evenements/{slug}/"}


def test_switch_on_a_translated_article_leads_to_each_version(client, site3):
    versions = {
        page.locale.language_code: page.url
        for page in NewsPage.objects.filter(translation_key=site3.articles[0].translation_key).select_related("locale")
    }
    assert _switcher(client.get(versions["en"]).content.decode()) == versions


def test_alias_event_takes_registrations_in_the_visitors_language(client, site3):
    event = site3.events[1]
    RegistrationSettingsFactory(event=event)
    TicketTypeFactory(event=event, name="Pass journée", name_en="Day pass")
    alias = EventPage.objects.get(alias_of=event, locale__language_code="en")
    response = client.get(f"/en/registrations/event/{alias.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Day pass" in html
    links = _switcher(html)
    assert links["ar"] == f"/ar/registrations/event/{alias.pk}/"
    assert links["fr"] == f"/registrations/event/{alias.pk}/"


# Moving and deleting in the admin carries the aliases along


@pytest.fixture
def secretariat_client(db):
    from django.contrib.auth.models import Group

    from tests.factories.members import MemberUserFactory
    from tests.security.conftest import staff_client

    user = MemberUserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Secrétariat"))
    return staff_client(user)


def test_deleting_a_french_page_in_the_admin_deletes_its_aliases(site3, secretariat_client):
    event = site3.events[2]
    aliases = list(EventPage.objects.filter(alias_of=event).values_list("pk", flat=True))
    assert len(aliases) == 2
    response = secretariat_client.post(f"/admin/pages/{event.pk}/delete/", {"confirm_site_name": ""})
    assert response.status_code == 302
    assert not EventPage.objects.filter(pk__in=[event.pk, *aliases]).exists()


def test_moving_a_french_page_in_the_admin_moves_its_aliases(site3, secretariat_client):
    article = site3.articles[6]
    archive = NewsIndexPageFactory(parent=site3.home["fr"], title="Archives", slug="archives")
    sync_page_trees()
    response = secretariat_client.post(f"/admin/pages/{article.pk}/move/{archive.pk}/confirm/")
    assert response.status_code == 302
    for code in ("en", "ar"):
        alias = NewsPage.objects.get(alias_of=article, locale__language_code=code)
        assert alias.url == f"/{code}/archives/{article.slug}/"
