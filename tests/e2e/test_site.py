"""The public site in a real browser: home page, a news article, the Arabic version."""

import pytest
from wagtail.models import Locale, Page, Site

from cms.models import AssociationSettings, HomePage, NavigationSettings
from tests.factories.cms import NewsCategoryFactory, NewsIndexPageFactory, NewsPageFactory, StandardPageFactory


def _build_site() -> dict:
    # The live server shares the database only through transactional_db, which empties it between tests:
    # build everything, including what the migrations would have created.
    for code in ("fr", "en", "ar"):
        Locale.objects.get_or_create(language_code=code)
    french, arabic = Locale.objects.get(language_code="fr"), Locale.objects.get(language_code="ar")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=french))
    Site.objects.all().delete()
    HomePage.objects.all().delete()
    home = root.add_child(
        instance=HomePage(
            title="Accueil",
            slug="accueil",
            locale=french,
            hero_title="Les entreprises du numérique, ensemble",
            hero_text="De la Technopark de Casablanca aux douze régions : conférences, clusters et mises en relation.",
        )
    )
    site = Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="Majlis Tech")
    AssociationSettings.objects.create(
        site=site,
        name="Majlis Tech",
        tagline="Les entreprises du numérique, ensemble.",
        tagline_ar="مقاولات الرقمي معاً.",
        address="Technopark, Route de Nouaceur\n20150 Casablanca",
        email="contact@majlis.example",
        phone="+212 522 00 00 00",
        ice="001234567000062",
        rc="Casablanca 123456",
        linkedin_url="https://www.linkedin.com/company/majlis",
    )
    about = StandardPageFactory(parent=home, title="L'association", slug="association")
    news = NewsIndexPageFactory(parent=home, title="Actualités", slug="actualites")
    NavigationSettings.objects.create(
        site=site,
        header_links=[
            {"type": "link", "value": {"page": about.pk, "url": "", "label": ""}},
            {"type": "link", "value": {"page": news.pk, "url": "", "label": ""}},
        ],
        footer_columns=[
            {
                "type": "column",
                "value": {
                    "heading": "L'association",
                    "links": [{"page": about.pk, "url": "", "label": ""}, {"page": news.pk, "url": "", "label": ""}],
                },
            }
        ],
    )
    press = NewsCategoryFactory(name="Communiqués", slug="communiques", locale=french)
    article = NewsPageFactory(
        parent=news,
        title="Digital Now : le rendez-vous du numérique marocain revient en mai",
        intro="Trois jours de conférences et de rencontres B2B au Technopark de Casablanca.",
        category=press,
    )
    for n in range(1, 4):
        NewsPageFactory(parent=news, title=f"Le cluster solaire signe un partenariat régional {n}", days_ago=n * 3)
    home_ar = home.copy_for_translation(arabic)
    home_ar.title = "الرئيسية"
    home_ar.hero_title = "مقاولات الرقمي معاً"
    home_ar.hero_text = "من تكنوبارك الدار البيضاء إلى الجهات الاثنتي عشرة."
    home_ar.save_revision().publish()
    return {"home": home, "article": article}


@pytest.mark.django_db(transaction=True)
def test_visitor_reads_news_and_switches_to_arabic(page, live_server, screenshot):
    built = _build_site()

    page.goto("/")
    assert page.locator("h1").inner_text() == "Les entreprises du numérique, ensemble"
    screenshot(page, "home")

    page.get_by_role("link", name=built["article"].title).first.click()
    page.wait_for_url(f"**{built['article'].url}")
    assert page.locator("h1").inner_text() == built["article"].title
    screenshot(page, "article")

    page.goto("/")
    page.locator('.language-switcher a[lang="ar"]').click()
    page.wait_for_url("**/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("h1").inner_text() == "مقاولات الرقمي معاً"
    screenshot(page, "home-ar")


@pytest.mark.django_db(transaction=True)
def test_phone_menu_opens_without_javascript(browser, live_server, screenshot):
    _build_site()
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    tab = context.new_page()
    tab.goto("/")
    tab.locator(".site-nav--narrow summary").click()
    assert tab.locator(".site-nav--narrow nav").get_by_role("link", name="Actualités").is_visible()
    screenshot(tab, "phone-menu")
    context.close()
