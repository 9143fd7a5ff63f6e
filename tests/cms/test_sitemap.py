"""The sitemap as a crawler parses it: every live page in every language with its language versions, the public
company profiles, absolute addresses on the public host, modification dates, and nothing a visitor cannot read."""

import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from tests.factories.cms import NewsPageFactory, StandardPageFactory
from tests.factories.members import OrganisationFactory

PUBLIC = "https://www.majlis.example"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(autouse=True)
def public_host(settings):
    settings.SITE_URL = PUBLIC
    cache.clear()


def _sitemap(client) -> dict[str, dict]:
    """Each <url> of the sitemap by its address: its lastmod and its alternates by hreflang."""
    response = client.get("/sitemap.xml", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    urls = {}
    for url in ET.fromstring(response.content).findall("s:url", NS):
        location = url.find("s:loc", NS).text
        assert location not in urls, f"{location} listed twice"
        urls[location] = {
            "lastmod": url.findtext("s:lastmod", namespaces=NS),
            "alternates": {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)},
        }
    return urls


def _locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)


@pytest.fixture
def about(home_translations):
    """A page translated into English, an alias of it in Arabic (as the synced page tree makes)."""
    about = StandardPageFactory(parent=home_translations["fr"], title="À propos", slug="a-propos")
    about_en = about.copy_for_translation(_locale("en"))
    about_en.title, about_en.slug = "About us", "about"
    about_en.save_revision().publish()
    about.copy_for_translation(_locale("ar"), alias=True)
    return about


def test_every_live_page_is_listed_in_every_language(client, about):
    urls = _sitemap(client)
    pages = {url for url in urls if "/members/" not in url}
    assert pages == {
        f"{PUBLIC}/",
        f"{PUBLIC}/en/",
        f"{PUBLIC}/ar/",
        f"{PUBLIC}/a-propos/",
        f"{PUBLIC}/en/about/",
        f"{PUBLIC}/ar/a-propos/",
    }


def test_each_address_names_its_language_versions_and_the_french_as_default(client, about):
    expected = {
        "fr": f"{PUBLIC}/a-propos/",
        "en": f"{PUBLIC}/en/about/",
        "ar": f"{PUBLIC}/ar/a-propos/",
        "x-default": f"{PUBLIC}/a-propos/",
    }
    urls = _sitemap(client)
    for language in ("fr", "en", "ar"):
        assert urls[expected[language]]["alternates"] == expected


def test_a_page_without_other_versions_names_only_itself(client, home):
    StandardPageFactory(parent=home, slug="statuts")
    assert _sitemap(client)[f"{PUBLIC}/statuts/"]["alternates"] == {
        "fr": f"{PUBLIC}/statuts/",
        "x-default": f"{PUBLIC}/statuts/",
    }


def test_addresses_are_on_the_public_host_not_the_one_asked(client, about):
    OrganisationFactory(directory_opt_in=True)
    urls = _sitemap(client)
    addresses = [*urls, *(href for url in urls.values() for href in url["alternates"].values())]
    assert addresses and all(address.startswith(f"{PUBLIC}/") for address in addresses)
    assert "localhost" not in client.get("/sitemap.xml", HTTP_HOST="localhost").content.decode()


def test_each_page_has_its_last_modification_date(client, home):
    page = StandardPageFactory(parent=home, slug="statuts")
    page.save_revision().publish()
    page.refresh_from_db()
    assert _sitemap(client)[f"{PUBLIC}/statuts/"]["lastmod"] == timezone.localdate(page.last_published_at).isoformat()


def test_unpublished_pages_are_left_out(client, home):
    draft = StandardPageFactory(parent=home, slug="brouillon")
    draft.unpublish()
    assert f"{PUBLIC}/brouillon/" not in _sitemap(client)


def test_restricted_pages_are_left_out_in_every_language(client, about, members_group):
    reserved = StandardPageFactory(parent=about, slug="reserve")
    StandardPageFactory(parent=reserved, slug="dessous")
    reserved.copy_for_translation(_locale("en"), alias=True)
    # The restriction is set on the English alias: it holds for the French page (and below it) too.
    alias = reserved.aliases.get()
    restriction = PageViewRestriction.objects.create(page=alias, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(members_group)
    urls = _sitemap(client)
    assert not [url for url in urls if "reserve" in url]
    assert f"{PUBLIC}/a-propos/" in urls


def test_password_protected_pages_are_left_out(client, home):
    secret = StandardPageFactory(parent=home, slug="secret")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.PASSWORD, password="x" * 12)
    assert f"{PUBLIC}/secret/" not in _sitemap(client)


def test_members_only_articles_are_listed_for_their_public_teaser(client, members_only_article):
    assert f"{PUBLIC}{members_only_article.url}" in _sitemap(client)


def test_public_company_profiles_are_listed_in_each_language(client, home):
    listed = OrganisationFactory(slug="atlas-cloud", directory_opt_in=True)
    OrganisationFactory(slug="discrete", directory_opt_in=False)
    urls = _sitemap(client)
    expected = {
        "fr": f"{PUBLIC}/members/atlas-cloud/",
        "en": f"{PUBLIC}/en/members/atlas-cloud/",
        "ar": f"{PUBLIC}/ar/members/atlas-cloud/",
        "x-default": f"{PUBLIC}/members/atlas-cloud/",
    }
    for language in ("fr", "en", "ar"):
        assert urls[expected[language]]["alternates"] == expected
        assert urls[expected[language]]["lastmod"] == timezone.localdate(listed.updated_at).isoformat()
    assert not [url for url in urls if "discrete" in url]


def test_robots_txt_names_the_sitemap_on_the_public_host(client, home):
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in client.get("/robots.txt").content.decode()


def _sitemap_queries(client) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/sitemap.xml").status_code == 200
    return len(queries.captured_queries)


def test_sitemap_queries_do_not_grow_with_pages_or_companies(
    client, home_translations, news_index, members_only_article
):
    _sitemap_queries(client)
    few = _sitemap_queries(client)
    for n in range(6):
        article = NewsPageFactory(parent=news_index, days_ago=n)
        article.copy_for_translation(_locale("en"), copy_parents=True, alias=True)
        OrganisationFactory(directory_opt_in=True)
    assert _sitemap_queries(client) == few
    # Then it comes from the cache until something changes.
    with CaptureQueriesContext(connection) as queries:
        client.get("/sitemap.xml")
    assert len(queries.captured_queries) == 0
