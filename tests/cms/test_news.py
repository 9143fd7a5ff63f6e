import xml.etree.ElementTree as ET

import pytest

from tests.factories.cms import NewsCategoryFactory, NewsPageFactory

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def many_articles(news_index):
    return [NewsPageFactory(parent=news_index, title=f"Article {n:02d}", days_ago=n) for n in range(30)]


def test_news_index_shows_twelve_newest_articles_first(client, news_index, many_articles):
    html = client.get(news_index.url).content.decode()
    assert "Article 00" in html
    assert "Article 11" in html
    assert "Article 12" not in html


def test_news_index_second_page_shows_older_articles(client, news_index, many_articles):
    html = client.get(news_index.url, {"page": 2}).content.decode()
    assert "Article 12" in html
    assert "Article 00" not in html


def test_news_index_filters_by_category(client, news_index):
    press = NewsCategoryFactory(name="Communiqués", slug="communiques")
    NewsPageFactory(parent=news_index, title="Communiqué sur la loi de finances", category=press)
    NewsPageFactory(parent=news_index, title="Portrait d'une start-up")
    html = client.get(news_index.url, {"category": "communiques"}).content.decode()
    assert "Communiqué sur la loi de finances" in html
    assert "Portrait d&#x27;une start-up" not in html


def test_news_index_filters_by_tag(client, news_index):
    tagged = NewsPageFactory(parent=news_index, title="Le cloud souverain")
    tagged.tags.add("cloud")
    tagged.save_revision().publish()
    NewsPageFactory(parent=news_index, title="Les RH du numérique")
    html = client.get(news_index.url, {"tag": "cloud"}).content.decode()
    assert "Le cloud souverain" in html
    assert "Les RH du numérique" not in html


def test_news_index_pagination_keeps_the_category_filter(client, news_index):
    press = NewsCategoryFactory(slug="communiques")
    for n in range(14):
        NewsPageFactory(parent=news_index, category=press, days_ago=n)
    html = client.get(news_index.url, {"category": "communiques"}).content.decode()
    assert "?category=communiques&amp;page=2" in html


def test_news_article_shows_its_body_to_anyone_when_public(client, news_index):
    article = NewsPageFactory(parent=news_index, title="Ouverture du Technopark d'Agadir")
    html = client.get(article.url).content.decode()
    assert "Le texte complet réservé à la lecture" in html


def test_rss_feed_lists_the_articles(client, news_index):
    NewsPageFactory(parent=news_index, title="Digital Now revient en mai")
    response = client.get("/feeds/news/rss/")
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == ["Digital Now revient en mai"]


def test_atom_feed_lists_the_articles(client, news_index):
    article = NewsPageFactory(parent=news_index, title="Digital Now revient en mai")
    response = client.get("/feeds/news/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Digital Now revient en mai"]
    assert entries[0].find(f"{ATOM}link").get("href").endswith(article.url)


def test_pages_link_to_the_feeds_in_their_head(client, home):
    html = client.get("/").content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'type="application/atom+xml"' in html
