from wagtail.models import Page

from cms.models import HomePage, NewsIndexPage, NewsPage, StandardPage
from events.models import EventIndexPage


def test_home_page_accepts_pages_news_index_and_events_index():
    assert set(HomePage.allowed_subpage_models()) == {StandardPage, NewsIndexPage, EventIndexPage}


def test_news_article_can_only_be_created_under_a_news_index(home, news_index):
    assert NewsPage.can_create_at(news_index)
    assert not NewsPage.can_create_at(home)


def test_news_article_has_no_children():
    assert NewsPage.allowed_subpage_models() == []


def test_home_page_sits_at_the_root_of_the_tree(root_page, home):
    assert HomePage.can_create_at(root_page)
    assert not HomePage.can_create_at(home)


def test_only_one_news_index_per_home_page(home, news_index):
    assert not NewsIndexPage.can_create_at(home)


def test_standard_pages_nest_under_standard_pages(home):
    parent = home.add_child(instance=StandardPage(title="À propos", slug="a-propos"))
    assert StandardPage.can_create_at(parent)
    assert not NewsPage.can_create_at(parent)


def test_fresh_install_serves_a_home_page_in_french(home):
    assert isinstance(home, HomePage)
    assert home.locale.language_code == "fr"
    assert Page.objects.type(HomePage).count() == 1
