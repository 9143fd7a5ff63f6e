import re

from tests.factories.cms import NewsIndexPageFactory


def _switcher_links(html: str) -> dict[str, str]:
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return dict(re.findall(r'<a href="([^"]*)" lang="(\w+)"', nav)[i][::-1] for i in range(3))


def test_arabic_home_page_is_right_to_left(client, home_translations):
    html = client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html


def test_french_home_page_is_left_to_right(client, home_translations):
    html = client.get("/").content.decode()
    assert '<html lang="fr" dir="ltr">' in html


def test_language_switcher_links_to_the_home_page_in_each_language(client, home_translations):
    links = _switcher_links(client.get("/").content.decode())
    assert links == {"fr": "/", "en": "/en/", "ar": "/ar/"}


def test_language_switcher_marks_the_current_language(client, home_translations):
    html = client.get("/en/").content.decode()
    assert re.search(r'lang="en"[^>]*aria-current="true"', html)


def test_language_switcher_links_to_the_translation_of_the_page(client, home_translations):
    news_fr = NewsIndexPageFactory(parent=home_translations["fr"], title="Actualités", slug="actualites")
    news_en = news_fr.copy_for_translation(home_translations["en"].locale)
    news_en.slug = "news"
    news_en.save_revision().publish()
    links = _switcher_links(client.get("/actualites/").content.decode())
    assert links["en"] == "/en/news/"


def test_language_switcher_falls_back_to_the_home_page_without_translation(client, home_translations):
    NewsIndexPageFactory(parent=home_translations["fr"], title="Actualités", slug="actualites")
    links = _switcher_links(client.get("/actualites/").content.decode())
    assert links["ar"] == "/ar/"


def test_language_switcher_on_a_non_page_view_keeps_the_address(client, home_translations):
    links = _switcher_links(client.get("/search/?q=cloud").content.decode())
    assert links["ar"] == "/ar/search/?q=cloud"


def test_language_switcher_is_made_of_links_not_a_form(client, home):
    html = client.get("/").content.decode()
    assert "set_language" not in html
    assert "/i18n/setlang/" not in html


def _header_menu(html: str) -> str:
    return re.search(r'<nav class="site-nav site-nav--wide".*?</nav>', html, re.S).group(0)


def test_header_menu_shows_the_title_of_the_translated_page_in_english(client, home_translations):
    from wagtail.models import Site

    from cms.models import NavigationSettings

    about_fr = NewsIndexPageFactory(parent=home_translations["fr"], title="Actualités", slug="actualites")
    about_en = about_fr.copy_for_translation(home_translations["en"].locale)
    about_en.title, about_en.slug = "News", "news"
    about_en.save_revision().publish()
    NavigationSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"header_links": [{"type": "link", "value": {"page": about_fr.pk, "url": "", "label": "Nouvelles"}}]},
    )
    assert '<a href="/en/news/">News</a>' in _header_menu(client.get("/en/").content.decode())
    assert '<a href="/actualites/">Nouvelles</a>' in _header_menu(client.get("/").content.decode())
