"""The ids of the news feeds' entries are valid, stable identifiers: tag: URIs (RFC 4151) on the public host."""

import re
import xml.etree.ElementTree as ET

from django.utils import timezone
from wagtail.models import Locale

from tests.factories.cms import NewsPageFactory

ATOM = {"a": "http://www.w3.org/2005/Atom"}
# tag:<authority>,<YYYY-MM-DD>:<specific>, the authority a DNS name (RFC 4151, section 2.1).
TAG_URI = re.compile(r"^tag:[a-z0-9]([a-z0-9.-]*[a-z0-9])?,\d{4}-\d\d-\d\d:news/[0-9a-f-]{36}/(fr|en|ar)$")


def _atom_ids(client, url: str) -> list[str]:
    feed = ET.fromstring(client.get(url).content)
    return [entry.findtext("a:id", namespaces=ATOM) for entry in feed.findall("a:entry", ATOM)]


def test_atom_entry_ids_are_tag_uris_on_the_public_host(client, settings, news_index):
    settings.SITE_URL = "https://www.majlis.example"
    article = NewsPageFactory(parent=news_index)
    [entry_id] = _atom_ids(client, "/feeds/news/atom/")
    assert TAG_URI.match(entry_id), entry_id
    day = timezone.localdate(article.first_published_at).isoformat()
    assert entry_id == f"tag:www.majlis.example,{day}:news/{article.translation_key}/fr"


def test_entry_id_stays_the_same_when_the_article_is_edited(client, news_index):
    article = NewsPageFactory(parent=news_index, title="Avant")
    before = _atom_ids(client, "/feeds/news/atom/")
    article.title, article.date = "Après", article.date.replace(year=article.date.year - 1)
    article.save_revision().publish()
    assert _atom_ids(client, "/feeds/news/atom/") == before


def test_each_language_version_has_its_own_entry_id(client, home_translations, news_index):
    article = NewsPageFactory(parent=news_index)
    article.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True, alias=True)
    [french] = _atom_ids(client, "/feeds/news/atom/")
    [english] = _atom_ids(client, "/en/feeds/news/atom/")
    assert TAG_URI.match(english) and english.endswith("/en") and french.endswith("/fr")
    assert english.removesuffix("/en") == french.removesuffix("/fr")


def test_rss_guids_are_the_same_tag_uris(client, news_index):
    NewsPageFactory(parent=news_index)
    channel = ET.fromstring(client.get("/feeds/news/rss/").content).find("channel")
    guid = channel.find("item/guid")
    assert TAG_URI.match(guid.text) and guid.get("isPermaLink") == "false"
