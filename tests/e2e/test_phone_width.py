"""The demo on a 360 px phone, in French and in Arabic: no main page is wider than the screen, and an event page
shows its register button before the programme.

One browser, one context per language; the pages a visitor reads first, then the member's pages (logged in by
session cookie). The B2B meetings pages are left out: they are for logged-in participants of a session, and the
demo has none.
"""

import json
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page

from cms.models import NewsPage
from demo.pages import translate
from events.models import EventPage, Question, Registration, TicketType
from events.services import registration_create
from members.models import Organisation, User
from partnerships.models import Post
from tests.e2e.journeys import localised
from tests.e2e.roles import restore_roles_and_workflow
from tests.factories.accounts import PrivacyNoticeFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 740}
# The register button of an event page must be on the first screens, not after the programme.
REGISTER_WITHIN = 900
LOCALES = {"fr": "fr-FR", "ar": "ar-MA"}
# Every page's measured width, kept for the CI artefacts (and a closing note's table).
MEASUREMENTS = Path(__file__).resolve().parent.parent.parent / "test-output" / "phone-widths.json"

# The document's width, and when it is wider than the screen, the widest elements that stick out of it and are not
# clipped by a scrolling box (an absolutely positioned element escapes every scroller inside its containing block).
MEASURE = """() => {
  const screen = document.documentElement.clientWidth;
  const width = document.documentElement.scrollWidth;
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (el.classList.length ? "." + [...el.classList].join(".") : "");
  const clipped = (el) => {
    let position = getComputedStyle(el).position;
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      if (position === "fixed") return true;
      const style = getComputedStyle(box);
      if (position === "absolute" && style.position === "static") continue;
      if (style.overflowX !== "visible") return true;
      position = ["absolute", "fixed"].includes(style.position) ? style.position : "static";
    }
    return false;
  };
  const outside = [];
  if (width > screen) {
    for (const el of document.body.querySelectorAll("*")) {
      const box = el.getBoundingClientRect();
      if ((box.right > screen + 0.5 || box.left < -0.5) && !clipped(el)) {
        const text = (el.innerText || el.textContent || "").replace(/\\s+/g, " ").trim().slice(0, 60);
        outside.push({element: describe(el), width: Math.round(box.width), text});
      }
    }
    outside.sort((a, b) => b.width - a.width);
  }
  return {width, widest: outside.slice(0, 3)};
}"""
# The order's total, seen without scrolling anything sideways: the total among the order's facts and the lines'
# table both inside the screen.
TOTAL_IN_VIEW = """() => {
  const total = document.querySelector("main [data-order-total]").getBoundingClientRect();
  const lines = document.querySelector("main .payment-lines").getBoundingClientRect();
  const screen = document.documentElement.clientWidth;
  return total.left >= 0 && total.right <= screen && lines.left >= 0 && lines.right <= screen;
}"""


def seed_demo(tmp_path, settings) -> dict:
    """The demo site in the emptied test database, plus what it lacks for a full tour: an Arabic event page and
    an unpaid order of the demo member. Returns the paths to visit."""
    for code in ("fr", "en", "ar"):
        Locale.objects.get_or_create(language_code=code)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.objects.get(language_code="fr")))
    restore_roles_and_workflow()
    PrivacyNoticeFactory(version="2026-01")
    settings.DEMO_LOGINS_FILE = tmp_path / "demo-logins.json"
    call_command("seed_demo", "--no-images", verbosity=0)

    event = EventPage.objects.get(slug="digital-now", locale__language_code="fr")
    # The seed leaves it an alias in Arabic (French content): translate it, as the admin does.
    translate(event, "ar", title="ديجيتال ناو 2026")

    member = User.objects.get(email="amina.membre@majlis.example")
    answers = {
        question.pk: "Avec déjeuner" if question.kind == Question.Kind.CHOICE else "Cheffe de projet"
        for question in Question.objects.filter(event=event, required=True)
    }
    # The demo registers her under her company (a free member ticket); here she is registered as a private person
    # instead, paying the non-member price: an order to pay.
    Registration.objects.filter(event=event, attendee_email=member.email).delete()
    registration = registration_create(
        event=event,
        ticket_type=TicketType.objects.get(event=event, name="Pass conférence"),
        attendee_name="Amina Benali",
        attendee_email=member.email,
        user=member,
        answers=answers,
    )
    assert registration.order is not None

    def paths(language: str) -> dict[str, list[str]]:
        with translation.override(language):
            article = NewsPage.objects.live().filter(locale__language_code=language).first()
            company = Organisation.objects.in_directory().order_by("pk").first()
            post = Post.objects.on_board().public().order_by("pk").first()
            event_page = EventPage.objects.live().get(slug="digital-now", locale__language_code=language)
            public = [
                localised("/", language),
                article.get_parent().url,
                article.url,
                event_page.get_parent().url,
                event_page.url,
                reverse("members:directory"),
                reverse("members:organisation_detail", args=[company.slug]),
                reverse("members:apply"),
                reverse("account_login"),
                reverse("account_signup"),
                reverse("cms:search") + "?q=num%C3%A9rique",
                reverse("partnerships:board"),
                reverse("partnerships:post_detail", args=[post.pk]),
            ]
            members = [
                reverse("members:dashboard"),
                reverse("events:my_registrations"),
                reverse("payments:order_detail", args=[registration.order.public_id]),
                reverse("partnerships:board"),
                event_page.url,
            ]
        return {"public": public, "member": members, "event": event_page.url, "order": members[2]}

    return {"member": member, "fr": paths("fr"), "ar": paths("ar")}


def log_in(context, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_no_main_page_is_wider_than_a_phone_in_french_and_arabic(browser, live_server, tmp_path, settings):
    tour = seed_demo(tmp_path, settings)
    too_wide, register_tops, totals_in_view, measured = [], {}, {}, []

    for language, locale in LOCALES.items():
        context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale=locale)
        tab = context.new_page()
        tab.set_default_timeout(15_000)

        def visit(path, who, language=language, tab=tab):
            response = tab.goto(path)
            assert response.status == 200, f"{who} {path} ({language}): HTTP {response.status}"
            assert tab.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") == "absolute", (
                f"{path}: the site's CSS did not load"
            )
            result = tab.evaluate(MEASURE)
            measured.append((language, who, path, result["width"]))
            if result["width"] > PHONE["width"]:
                widest = "; ".join(f"{e['element']} {e['width']} px «{e['text']}»" for e in result["widest"])
                too_wide.append(f"{language} {who} {path}: {result['width']} px wide — {widest}")
            if path == tour[language]["order"]:
                totals_in_view[language] = tab.evaluate(TOTAL_IN_VIEW)
            if path == tour[language]["event"]:
                # The visitor's register button; the member (registered, not paid yet) the link to her registration.
                action = tab.locator(".event-summary__action a").first
                box = action.bounding_box() if action.is_visible() else None
                register_tops[(language, who)] = (box["y"] if box else None, action.get_attribute("href"))

        for path in tour[language]["public"]:
            visit(path, "visitor")
        log_in(context, live_server, tour["member"])
        for path in tour[language]["member"]:
            visit(path, "member")
        context.close()

    MEASUREMENTS.parent.mkdir(parents=True, exist_ok=True)
    MEASUREMENTS.write_text(
        json.dumps(
            [{"language": lang, "who": who, "path": path, "width": width} for lang, who, path, width in measured],
            ensure_ascii=False,
            indent=1,
        )
    )
    assert len(measured) == 2 * (len(tour["fr"]["public"]) + len(tour["fr"]["member"]))
    assert not too_wide, "Pages wider than a 360 px phone:\n" + "\n".join(too_wide)
    late = {key: top for key, (top, _href) in register_tops.items() if top is None or top > REGISTER_WITHIN}
    assert len(register_tops) == 4 and not late, f"register button not within {REGISTER_WITHIN} px: {late}"
    event = EventPage.objects.get(slug="digital-now", locale__language_code="fr")
    for language in LOCALES:
        with translation.override(language):
            assert register_tops[(language, "visitor")][1] == reverse("events:register", args=[event.pk])
            assert register_tops[(language, "member")][1].startswith(localised("/registrations/", language))
    assert totals_in_view == {"fr": True, "ar": True}, (
        f"order total hidden beyond the table's sideways scroll: {totals_in_view}"
    )
