"""The demo in English and in Arabic never looks dead: the visitor sees the demo's upcoming events on the home page
and in the events calendar, opens an event that has no translation (shown in French under their language, with a
notice and its content marked as French), registers for it as a guest in their language, and switches languages
without leaving the event. Screenshots of the home and event pages at 1280 and 360 px."""

import re

import pytest
from django.core.management import call_command
from django.utils import translation
from wagtail.models import Locale, Page

from events.models import EventIndexPage, EventPage, Registration
from events.selectors import upcoming_events
from tests.e2e.journeys import translated
from tests.e2e.roles import restore_roles_and_workflow
from tests.factories.accounts import PrivacyNoticeFactory

pytestmark = pytest.mark.django_db(transaction=True)

# The demo's webinar: open to everyone, one free ticket, no question, French only.
EVENT_SLUG = "webinaire-cybersecurite"
SCREENS = {1280: {"width": 1280, "height": 900}, 360: {"width": 360, "height": 780}}
BROWSER_LOCALES = {"en": "en-GB", "ar": "ar-MA"}
NOTICES = {
    "en": "This page is not yet available in English: here is the French version.",
    "ar": "This page is not yet available in Arabic: here is the French version.",
}


def seed(tmp_path, settings) -> None:
    for code in ("fr", "en", "ar"):
        Locale.objects.get_or_create(language_code=code)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.objects.get(language_code="fr")))
    restore_roles_and_workflow()
    PrivacyNoticeFactory(version="2026-01")
    settings.DEMO_LOGINS_FILE = tmp_path / "demo-logins.json"
    call_command("seed_demo", "--no-images", verbosity=0)


def _card_titles(scope) -> list[str]:
    return [title.strip() for title in scope.locator(".event-card .card__title").all_inner_texts()]


def test_english_and_arabic_visitors_find_register_for_and_switch_on_a_french_event(
    browser, live_server, screenshot, tmp_path, settings
):
    seed(tmp_path, settings)
    with translation.override("fr"):
        french_upcoming = [event.title for event in upcoming_events()]
    assert len(french_upcoming) >= 3
    french_event = EventPage.objects.get(slug=EVENT_SLUG, locale__language_code="fr")

    for language, browser_locale in BROWSER_LOCALES.items():
        direction = "rtl" if language == "ar" else "ltr"
        context = browser.new_context(base_url=live_server.url, locale=browser_locale, viewport=SCREENS[1280])
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        try:
            # The home page lists the next events (French ones included), in the visitor's interface.
            tab.goto(f"/{language}/")
            assert tab.locator("html").get_attribute("lang") == language
            assert tab.locator("html").get_attribute("dir") == direction
            home_events = _card_titles(tab.locator("#home-events").locator("xpath=ancestor::section"))
            assert home_events == french_upcoming[:3], home_events
            for width, viewport in SCREENS.items():
                tab.set_viewport_size(viewport)
                screenshot(tab, f"{language}-home-{width}")
            tab.set_viewport_size(SCREENS[1280])

            # The events calendar lists every upcoming event once.
            index = EventIndexPage.objects.live().get(locale__language_code=language)
            tab.goto(index.url)
            assert _card_titles(tab.locator("main")) == french_upcoming

            # The webinar has no translation: shown in French under /en/ or /ar/, with the notice.
            tab.locator(".event-card .card__title a", has_text=french_event.title).click()
            tab.wait_for_url(f"**/{language}/evenements/{EVENT_SLUG}/")
            notice = tab.locator(".fallback-notice")
            assert notice.inner_text().strip() == translated(NOTICES[language], language)
            heading = tab.locator("main h1")
            assert heading.inner_text().strip() == french_event.title
            assert heading.get_attribute("lang") == "fr"
            assert heading.get_attribute("dir") == "ltr"
            assert tab.locator("html").get_attribute("lang") == language
            for width, viewport in SCREENS.items():
                tab.set_viewport_size(viewport)
                screenshot(tab, f"{language}-event-{width}")
            tab.set_viewport_size(SCREENS[1280])
            event_url = tab.url

            # The language switch keeps the visitor on the event, in each language.
            for other in ("fr", "en", "ar"):
                tab.goto(event_url)
                tab.locator(f".language-switcher a[lang={other}]").first.click()
                prefix = "" if other == "fr" else f"/{other}"
                tab.wait_for_url(f"**{prefix}/evenements/{EVENT_SLUG}/")
                assert tab.locator("html").get_attribute("lang") == other
                assert tab.locator("main h1").inner_text().strip() == french_event.title

            # Register as a guest: the form and the confirmation in the visitor's language.
            tab.goto(event_url)
            tab.locator("main a[href*='/registrations/event/']:visible").first.click()
            tab.wait_for_url(re.compile(rf"/{language}/registrations/event/\d+/"))
            assert tab.locator("html").get_attribute("lang") == language
            email = f"visiteur.{language}@invite.example"
            tab.locator("#id_attendee_name").fill("Salma Bennani")
            tab.locator("#id_attendee_email").fill(email)
            tab.locator("main form button[type=submit]").first.click()
            tab.wait_for_url(re.compile(rf"/{language}/registrations/[^/]+/$"))
            confirmed = translated("Your registration is confirmed. A confirmation e-mail is on its way.", language)
            assert confirmed in tab.locator("body").inner_text()
            registration = Registration.objects.get(attendee_email=email)
            # The registration belongs to the French event, which holds the tickets.
            assert registration.event_id == french_event.pk
            assert registration.status == Registration.Status.CONFIRMED
        finally:
            context.close()
