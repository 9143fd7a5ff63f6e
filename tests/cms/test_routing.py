"""Pages are found again from the route cache in one query, and every change to the tree is seen at once."""

import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction, Site

from tests.factories.cms import NewsPageFactory, StandardPageFactory


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def article(news_index):
    return NewsPageFactory(parent=news_index, title="Le Technopark accueille dix nouvelles start-up")


def test_later_visits_find_the_page_in_one_query(client, article, django_assert_max_num_queries):
    # The first visit creates the site settings (which changes the layout version); the second is remembered.
    for _ in range(2):
        assert client.get(article.url).status_code == 200
    with django_assert_max_num_queries(1):
        response = client.get(article.url)
    assert response.status_code == 200
    assert "Le Technopark accueille dix nouvelles start-up" in response.content.decode()


def test_unpublished_page_is_gone_on_the_next_visit(client, article):
    url = article.url
    assert client.get(url).status_code == 200
    article.unpublish()
    assert client.get(url).status_code == 404


def test_moved_page_answers_at_its_new_address(client, home, news_index, article):
    old_url = article.url
    assert client.get(old_url).status_code == 200
    section = StandardPageFactory(parent=home, title="Archives", slug="archives")
    article.move(section, pos="last-child")
    article.refresh_from_db()
    # Wagtail leaves a redirect behind: the old address leads to the new one, not to the remembered page.
    old = client.get(old_url)
    assert old.status_code in (301, 302)
    assert old["Location"].endswith(article.url)
    response = client.get(article.url)
    assert response.status_code == 200
    assert "/archives/" in article.url


def test_renamed_slug_is_followed(client, article):
    old_url = article.url
    assert client.get(old_url).status_code == 200
    article.slug = "dix-start-up"
    article.save_revision().publish()
    assert client.get(old_url).status_code == 404
    assert client.get(f"{article.get_parent().url}dix-start-up/").status_code == 200


def test_restriction_added_after_a_visit_applies_at_once(client, article, members_group):
    body_marker = 'class="members-gate'
    assert body_marker not in client.get(article.url).content.decode()
    restriction = PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(members_group)
    html = client.get(article.url).content.decode()
    assert body_marker in html


def test_login_restriction_on_a_section_applies_to_a_remembered_page(client, home):
    section = StandardPageFactory(parent=home, title="Espace adhérents", slug="espace")
    page = StandardPageFactory(parent=section, title="Compte rendu du conseil", slug="compte-rendu")
    assert client.get(page.url).status_code == 200
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_site_moved_to_another_root_is_seen_at_once(client, home, article):
    assert client.get("/").status_code == 200
    other_root = StandardPageFactory(parent=home, title="Nouveau site", slug="nouveau")
    site = Site.objects.get(is_default_site=True)
    site.root_page = other_root
    site.save()
    response = client.get("/")
    assert response.status_code == 200
    assert "Nouveau site" in response.content.decode()


def test_members_only_article_remembered_for_a_member_still_gates_visitors(client, member, members_only_article):
    client.force_login(member)
    assert 'class="members-gate' not in client.get(members_only_article.url).content.decode()
    client.logout()
    html = client.get(members_only_article.url).content.decode()
    assert 'class="members-gate' in html
