"""Shared set-up of the journey tests (browser tests of whole paths through the site).

Transactional browser tests start from an empty database, what the migrations created included: these helpers
create the locales, the root page, the site and its settings, and the main pages.

Stable API (other journey files import it):
- site_with_pages() -> SitePages: the French home page with its news index, one article, its event index,
  the Arabic and English translations of the home page, the Site and its AssociationSettings (with bank details
  for transfers), and a privacy notice in force (sign-up needs one).
- fixture `site_pages`: the same, for tests marked django_db(transaction=True).
- localised(path, language): "/board/" -> "/ar/board/" ("fr" is unprefixed).
- translated(message, language): the catalogue's translation of an English message, as the page shows it.
"""

from dataclasses import dataclass

import pytest
from django.utils import translation
from wagtail.models import Locale, Page, Site

from cms.models import AssociationSettings, HomePage, NewsIndexPage, NewsPage
from events.models import EventIndexPage
from tests.factories.accounts import PrivacyNoticeFactory
from tests.factories.cms import NewsIndexPageFactory, NewsPageFactory
from tests.factories.events import EventIndexPageFactory

ASSOCIATION = "ASTEC"
RIB = "190780212111234567890123"


@dataclass
class SitePages:
    site: Site
    settings: AssociationSettings
    home: HomePage
    news_index: NewsIndexPage
    article: NewsPage
    event_index: EventIndexPage
    locales: dict[str, Locale]


def site_with_pages() -> SitePages:
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("fr", "en", "ar")}
    french = locales["fr"]
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=french))
    Site.objects.all().delete()
    home = root.add_child(
        instance=HomePage(
            title="Accueil",
            slug="accueil",
            locale=french,
            hero_title="Les entreprises du numérique, ensemble",
            hero_text="De la Technopark de Casablanca aux douze régions : conférences, clusters et mises en relation.",
        )
    )
    site = Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name=ASSOCIATION)
    settings = AssociationSettings.for_site(site)
    settings.name = ASSOCIATION
    settings.tagline = "Les entreprises du numérique, ensemble."
    settings.tagline_ar = "مقاولات الرقمي معاً."
    settings.email = "contact@astec.example.ma"
    settings.address = "Technopark, Route de Nouaceur\n20150 Casablanca"
    settings.bank_name = "Banque Populaire"
    settings.bank_account_holder = ASSOCIATION
    settings.rib = RIB
    settings.save()
    PrivacyNoticeFactory(version="2026-01")
    news_index = NewsIndexPageFactory(parent=home, title="Actualités", slug="actualites")
    article = NewsPageFactory(
        parent=news_index,
        title="Digital Now : le rendez-vous du numérique marocain revient en mai",
        intro="Trois jours de conférences et de rencontres B2B au Technopark de Casablanca.",
    )
    event_index = EventIndexPageFactory(parent=home, title="Événements", slug="evenements")
    for code, title, hero in (
        ("ar", "الرئيسية", "مقاولات الرقمي معاً"),
        ("en", "Home", "Digital companies, together"),
    ):
        translation_of_home = home.copy_for_translation(locales[code])
        translation_of_home.title = title
        translation_of_home.hero_title = hero
        translation_of_home.save_revision().publish()
    return SitePages(
        site=site,
        settings=settings,
        home=home,
        news_index=news_index,
        article=article,
        event_index=event_index,
        locales=locales,
    )


@pytest.fixture
def site_pages(transactional_db) -> SitePages:
    return site_with_pages()


def localised(path: str, language: str) -> str:
    return path if language == "fr" else f"/{language}{path}"


def translated(message: str, language: str) -> str:
    with translation.override(language):
        return translation.gettext(message)
