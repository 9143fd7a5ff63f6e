"""The demo site in Arabic, as a visitor and as a member, shows no French interface text.

French is allowed only where the page says it is French: content shown in the default language for want of a
translation (marked `lang="fr"`) and what people and companies wrote themselves (marked `dir="auto"` or with
their own `lang`). Everything else a reader meets (menus, footer, buttons, labels, tickets, questions, plans,
regions) must be Arabic: this crawl strips the marked parts and looks for common French interface words (what it
finds is in the failure message)."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page

from cms.models import NewsPage
from demo import content
from events.models import EventPage, RegistrationSettings
from members.models import Organisation, User

pytestmark = pytest.mark.django_db

# Words of the French interface that no Arabic page should show outside the marked parts. Whole words, with
# their accents: a company called "Dar Data" or the Latin "ICE" do not match.
FRENCH_WORDS = (
    "Accueil",
    "Actualités",
    "Adhérer",
    "Adhésion",
    "Annuaire",
    "Association",
    "Avec",
    "Billet",
    "Connexion",
    "Cotisation",
    "Déjeuner",
    "Entreprise",
    "Entreprises",
    "Événement",
    "Événements",
    "Gratuit",
    "Inscription",
    "Inscrire",
    "Membre",
    "Membres",
    "Mon espace",
    "Opportunités",
    "Participation",
    "Rechercher",
    "Région",
    "Réservé",
    "Sans",
    "Souhaitez-vous",
    "Suivre",
    "Tarif",
    "Végétarien",
    "Votre",
    "Vous",
    "Pourquoi",
    "L'association",
    "Rendez-vous",
    "Tanger-Tétouan-Al Hoceïma",
    "Casablanca-Settat",
    "Fès-Meknès",
    "Rabat-Salé-Kénitra",
)
FRENCH = re.compile(r"(?<![\w-])(" + "|".join(re.escape(word) for word in FRENCH_WORDS) + r")(?![\w-])")
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")


@pytest.fixture
def demo(demo_seeded_once, db):
    return demo_seeded_once


def arabic_path(page: Page) -> str:
    with translation.override("ar"):
        return page.get_translation(Locale.objects.get(language_code="ar")).url


def visitor_pages() -> dict[str, str]:
    event = EventPage.objects.get(slug="digital-now", locale=Locale.get_default())
    article = NewsPage.objects.live().filter(locale=Locale.get_default()).order_by("-date").first()
    company = Organisation.objects.in_directory().order_by("pk").first()
    with translation.override("ar"):
        return {
            "home": "/ar/",
            "events index": arabic_path(event.get_parent()),
            "event": arabic_path(event),
            "news index": arabic_path(article.get_parent()),
            "article": arabic_path(article),
            "directory": reverse("members:directory"),
            "company": reverse("members:organisation_detail", args=[company.slug]),
            "join": reverse("members:apply"),
            "registration form": reverse("events:register", args=[event.pk]),
        }


def member_pages() -> dict[str, str]:
    webinar = RegistrationSettings.objects.get(event__slug="webinaire-cybersecurite").event
    with translation.override("ar"):
        return {
            **visitor_pages(),
            "board": reverse("partnerships:board"),
            "my space": reverse("members:dashboard"),
            "my registrations": reverse("events:my_registrations"),
            "registration form": reverse("events:register", args=[webinar.pk]),
        }


def french_words(html: str) -> list[str]:
    """The French interface words of a page, once the parts marked as another language are removed."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(["script", "style", "template"]):
        tag.decompose()
    for tag in soup.select('[dir="auto"], [lang]:not(html)'):
        if tag.get("lang", "ar") != "ar" or tag.get("dir") == "auto":
            tag.decompose()
    found = FRENCH.findall(soup.get_text(" "))
    for tag in soup.find_all(True):
        for attribute in ATTRIBUTES:
            found += FRENCH.findall(tag.get(attribute) or "")
    return found


def crawl(client, pages: dict[str, str]) -> dict[str, list[str]]:
    findings = {}
    for name, path in pages.items():
        response = client.get(path)
        if response.status_code != 200:
            findings[name] = [f"{path} answered {response.status_code}"]
            continue
        words = french_words(response.content.decode())
        if words:
            findings[name] = sorted(set(words))
    return findings


def report(findings: dict[str, list[str]]) -> str:
    return "French interface text in /ar/:\n" + "\n".join(
        f"  {name}: {', '.join(words)}" for name, words in findings.items()
    )


def test_an_arabic_visitor_reads_no_french_interface_text(client, demo):
    findings = crawl(client, visitor_pages())
    assert not findings, report(findings)


def test_an_arabic_member_reads_no_french_interface_text(client, demo):
    client.force_login(User.objects.get(email=content.ACCOUNTS["member"]["email"]))
    findings = crawl(client, member_pages())
    assert not findings, report(findings)


def test_the_crawl_sees_french_outside_the_marked_parts():
    html = (
        '<html lang="ar"><body><p>مرحبا Inscription</p><div lang="fr">Annuaire des membres</div>'
        '<p dir="auto">Dar Data</p><a aria-label="Rechercher">?</a></body></html>'
    )
    assert french_words(html) == ["Inscription", "Rechercher"]
