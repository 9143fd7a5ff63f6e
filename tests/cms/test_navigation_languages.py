"""The header menu, the footer and the association's name in the visitor's language: labels typed per language,
French (marked as such) where none was typed, and links to the site's own views under the visitor's prefix."""

import re

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site

from cms.models import AssociationSettings, NavigationSettings
from tests.factories.cms import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def navigation(home_translations):
    join = StandardPageFactory(parent=home_translations["fr"], title="Pourquoi adhérer", slug="adherer")
    link = {"page": None, "url": "", "label": "", "label_en": "", "label_ar": ""}
    NavigationSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={
            "header_links": [
                {
                    "type": "link",
                    "value": {
                        **link,
                        "url": "/members/",
                        "label": "Annuaire des membres",
                        "label_en": "Member directory",
                        "label_ar": "دليل الأعضاء",
                    },
                },
                {"type": "link", "value": {**link, "page": join.pk, "label": "Adhérer", "label_en": "Join"}},
            ],
            "footer_columns": [
                {
                    "type": "column",
                    "value": {
                        "heading": "Suivre",
                        "heading_en": "Follow us",
                        "heading_ar": "",
                        "links": [{**link, "url": "https://www.linkedin.com/company/majlis", "label": "LinkedIn"}],
                    },
                }
            ],
        },
    )
    return join


def menu(html: str) -> list[tuple[str, str, str | None]]:
    """(text, href, lang) of each link of the wide header menu."""
    nav = BeautifulSoup(html, "html.parser").select_one("nav.site-nav--wide")
    return [(a.get_text(), a["href"], a.get("lang")) for a in nav.select("a")]


def footer_column(html: str):
    return BeautifulSoup(html, "html.parser").select_one("nav.site-footer__column")


def test_the_menu_shows_the_labels_typed_for_the_visitors_language(client, navigation):
    assert menu(client.get("/en/").content.decode()) == [
        ("Member directory", "/en/members/", None),
        ("Join", "/adherer/", None),
    ]


def test_a_label_not_typed_in_arabic_shows_the_french_one_marked_as_french(client, navigation):
    links = menu(client.get("/ar/").content.decode())

    assert links[0] == ("دليل الأعضاء", "/ar/members/", None)
    assert links[1][0] == "Adhérer" and links[1][2] == "fr"


def test_the_french_menu_is_unchanged_and_unmarked(client, navigation):
    assert menu(client.get("/").content.decode()) == [
        ("Annuaire des membres", "/members/", None),
        ("Adhérer", "/adherer/", None),
    ]


def test_footer_headings_follow_the_language_and_other_sites_stay_as_typed(client, navigation):
    english = footer_column(client.get("/en/").content.decode())
    arabic = footer_column(client.get("/ar/").content.decode())

    assert english.h2.get_text() == "Follow us" and english.h2.get("lang") is None
    assert arabic.h2.get_text() == "Suivre" and arabic.h2["lang"] == "fr"
    assert arabic.a["href"] == "https://www.linkedin.com/company/majlis"


def test_a_link_to_a_page_alias_shows_the_french_title_marked_as_french(client, navigation, home_translations):
    navigation.copy_for_translation(home_translations["ar"].locale, alias=True)
    settings = NavigationSettings.objects.get()
    settings.header_links = [{"type": "link", "value": {"page": navigation.pk, "url": "", "label": ""}}]
    settings.save()

    assert menu(client.get("/ar/").content.decode()) == [("Pourquoi adhérer", "/ar/adherer/", "fr")]


def test_the_association_is_named_in_the_visitors_language(client, home_translations):
    site = Site.objects.get(is_default_site=True)
    AssociationSettings.objects.update_or_create(
        site=site,
        defaults={
            "name": "Majlis Tech — Association des entreprises du numérique",
            "name_en": "Majlis Tech — Association of digital companies",
            "name_ar": "مجلس تك — جمعية مقاولات الرقمي",
            "tagline": "Les entreprises du numérique, ensemble.",
        },
    )
    arabic = BeautifulSoup(client.get("/ar/").content.decode(), "html.parser")
    english = BeautifulSoup(client.get("/en/").content.decode(), "html.parser")

    assert arabic.select_one(".hero__eyebrow").get_text() == "مجلس تك — جمعية مقاولات الرقمي"
    assert arabic.select_one(".site-footer__name").get_text() == "مجلس تك — جمعية مقاولات الرقمي"
    assert re.search(r"· Majlis Tech — Association of digital companies$", english.title.get_text())
