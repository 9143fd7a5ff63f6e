"""The home page, the news index and an article cost the same number of queries whatever the amount of content."""

import pytest
from django.core.cache import cache
from wagtail.models import Site

from cms.models import AssociationSettings, NavigationSettings
from tests.factories.cms import NewsCategoryFactory, NewsPageFactory, StandardPageFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.members import OrganisationFactory

MAX_QUERIES = 15

# Wagtail never closes the SpooledTemporaryFile it renders a new rendition into; the ResourceWarning the garbage
# collector raises for it is Wagtail's, not the CMS's.
pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


@pytest.fixture
def full_site(home, news_index, members_only_article):
    from wagtail_factories import ImageFactory

    site = Site.objects.get(is_default_site=True)
    home.hero_image = ImageFactory()
    home.save_revision().publish()
    AssociationSettings.objects.update_or_create(site=site, defaults={"name": "Majlis Tech", "ice": "001234567000062"})
    pages = [StandardPageFactory(parent=home, title=f"Rubrique {n}") for n in range(4)]
    NavigationSettings.objects.update_or_create(
        site=site,
        defaults={
            "header_links": [{"type": "link", "value": {"page": p.pk, "url": "", "label": ""}} for p in pages],
            "footer_columns": [
                {
                    "type": "column",
                    "value": {
                        "heading": "L'association",
                        "links": [{"page": p.pk, "url": "", "label": ""} for p in pages],
                    },
                }
            ],
        },
    )
    categories = [NewsCategoryFactory() for _ in range(3)]
    for n in range(32):
        article = NewsPageFactory(
            parent=news_index, days_ago=n, category=categories[n % 3], hero_image=ImageFactory() if n < 14 else None
        )
        article.tags.add("cloud", "export")
        article.save_revision().publish()
    events = EventIndexPageFactory(parent=home)
    for n in range(4):
        EventPageFactory(parent=events, days_from_now=n + 1, hero_image=ImageFactory())
    for _ in range(6):
        OrganisationFactory(is_featured=True, logo=ImageFactory())
    return news_index


def _warm(client, url):
    cache.clear()
    assert client.get(url).status_code == 200


def test_home_page_queries_stay_bounded(client, full_site, django_assert_max_num_queries):
    _warm(client, "/")
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get("/").status_code == 200


def test_news_index_queries_stay_bounded(client, full_site, django_assert_max_num_queries):
    _warm(client, full_site.url)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(full_site.url).status_code == 200


def test_filtered_news_index_page_two_queries_stay_bounded(client, full_site, django_assert_max_num_queries):
    url = f"{full_site.url}?tag=cloud&page=2"
    _warm(client, url)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url).status_code == 200


def test_news_article_queries_stay_bounded(client, full_site, django_assert_max_num_queries):
    article = full_site.get_children().live().last().specific
    _warm(client, article.url)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(article.url).status_code == 200


def test_members_only_teaser_queries_stay_bounded(
    client, full_site, members_only_article, django_assert_max_num_queries
):
    _warm(client, members_only_article.url)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(members_only_article.url).status_code == 200
