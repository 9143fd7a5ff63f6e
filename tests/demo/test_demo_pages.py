"""What the demo's pages promise is what the demo offers: event pages that mention registration or prices have
registration open with tickets; the home page's hero has one call to join; the plans have their benefits in the
three languages for the join page."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.models import Locale, Page

from cms.models import AssociationSettings
from events.models import EventPage, Question, RegistrationSettings, TicketType
from members.models import MembershipPlan

pytestmark = pytest.mark.django_db

MENTIONS_REGISTRATION = re.compile(r"inscri|tarif|prix|\bMAD\b|regist|price|تسجيل|تعريفة", re.IGNORECASE)


@pytest.fixture
def seeded(demo_seeded_once, db):
    return demo_seeded_once


def page_text(event: EventPage) -> str:
    return " ".join([event.summary, strip_tags(str(event.description))])


def test_every_event_page_that_mentions_registration_or_prices_offers_them(seeded):
    mentioning = []
    for event in EventPage.objects.live().specific():
        text = page_text(event)
        if not MENTIONS_REGISTRATION.search(text):
            continue
        mentioning.append(event.slug)
        settings = RegistrationSettings.objects.filter(event__translation_key=event.translation_key).first()
        assert settings is not None and settings.is_open, f"{event.slug}: says registration, has none open"
        tickets = list(TicketType.objects.active().filter(event=settings.event))
        assert tickets, f"{event.slug}: says registration, has no ticket type"
        if "tarif membre" in text:
            assert any(
                ticket.member_price is not None
                and (ticket.non_member_price is None or ticket.member_price < ticket.non_member_price)
                for ticket in tickets
            ), f"{event.slug}: promises a member price no ticket gives"
        if "gratuit" in text:
            assert all(ticket.member_price in (0, None) and ticket.non_member_price in (0, None) for ticket in tickets)
        if "réservée aux entreprises membres" in text:
            assert all(ticket.non_member_price is None for ticket in tickets), f"{event.slug}: open to non-members"
    # The check checks something: the fair's business meetings, the conference, the webinar…
    assert {"digital-now", "midest-rendez-vous-b2b", "webinaire-cybersecurite"} <= set(mentioning)


def test_the_fair_and_its_side_meetings_say_nothing_they_do_not_offer(seeded, client):
    fair = EventPage.objects.get(slug="midest-maroc", locale__language_code="fr")
    assert not RegistrationSettings.objects.filter(event=fair).exists()
    assert not MENTIONS_REGISTRATION.search(page_text(fair))
    b2b = EventPage.objects.get(slug="midest-rendez-vous-b2b", locale__language_code="fr")
    page = BeautifulSoup(client.get(b2b.url).text, "html.parser")
    summary = page.select_one(".event-summary")
    assert summary.select_one(f'a[href="{reverse("events:register", args=[b2b.pk])}"]') is not None


def test_the_home_page_hero_has_one_call_to_join(seeded, client):
    apply = reverse("members:apply")
    why_join = "/adherer/"
    for language in ("fr", "en", "ar"):
        with translation.override(language):
            response = client.get("/" if language == "fr" else f"/{language}/")
        hero = BeautifulSoup(response.text, "html.parser").select_one(".hero")
        links = [link["href"] for link in hero.select("a")]
        joins = [href for href in links if href.endswith(apply) or href.endswith(why_join)]
        assert len(joins) == 1, (language, links)
        assert len(links) == 2, (language, links)  # and the calendar


def test_every_plan_lists_its_benefits_in_three_languages(seeded):
    plans = list(MembershipPlan.objects.active())
    assert plans
    for plan in plans:
        for language in ("fr", "en", "ar"):
            assert plan.benefit_lines(language), (plan.name, language)
        assert plan.benefits_ar != plan.benefits and plan.benefits_en != plan.benefits


def test_every_ticket_and_question_reads_in_english_and_arabic(seeded):
    tickets = list(TicketType.objects.all())
    questions = list(Question.objects.all())
    assert tickets and questions
    for ticket in tickets:
        assert ticket.name_en and ticket.name_ar, ticket.name
    for question in questions:
        assert question.label_en and question.label_ar, question.label
        if question.kind == Question.Kind.CHOICE:
            question.full_clean()  # as many choices in each language, in the same order
            for language in ("en", "ar"):
                labels = [label for _value, label in question.choice_pairs(language)]
                assert labels != question.choice_list, (question.label, language)


def test_the_menu_the_footer_and_the_association_read_in_english_and_arabic(seeded, client):
    association = AssociationSettings.objects.get()
    assert association.name_en and association.name_ar
    for language in ("en", "ar"):
        # The synced page tree (cms.translations.sync_page_trees once the seed runs it; a no-op then): a page without
        # a translation has a live alias in each language, which the menu links to.
        locale = Locale.objects.get(language_code=language)
        for source in Page.objects.live().filter(locale=Locale.get_default(), depth__gt=1).order_by("path"):
            if not source.has_translation(locale):
                source.copy_for_translation(locale, copy_parents=True, alias=True)
        page = BeautifulSoup(client.get(f"/{language}/").content.decode(), "html.parser")
        links = page.select("nav.site-nav--wide a, nav.site-footer__column a, nav.site-footer__column h2")
        assert links
        french = [link.get_text() for link in links if link.get("lang") == "fr"]
        assert not french, (language, french)
        for link in page.select("nav.site-nav--wide a"):
            assert link["href"].startswith(f"/{language}/"), (language, link["href"])
