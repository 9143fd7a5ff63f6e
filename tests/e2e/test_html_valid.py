"""The Nu HTML checker (vnu.jar from tests/e2e/package.json, run by Java) finds no error on the demo's main pages,
in French and in Arabic, for a visitor and for a member.

The pages are fetched over HTTP from the live server as the browser receives them (its cookies, no JavaScript run),
kept under test-output/html/ for the CI artefacts, and checked in one run of the checker: the JVM takes seconds to
start, a page a few milliseconds.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db.models import Count
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale, Page

from cms.models import NewsPage
from events.models import EventPage, Registration
from members.models import Organisation, User
from partnerships.models import Post
from tests.e2e.journeys import localised
from tests.e2e.roles import restore_roles_and_workflow
from tests.factories.accounts import PrivacyNoticeFactory

VNU = Path(__file__).resolve().parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGES = Path(__file__).resolve().parent.parent.parent / "test-output" / "html"
LOCALES = {"fr": "fr-FR", "ar": "ar-MA"}
MEMBER = "amina.membre@majlis.example"


def check_html(files: list[Path]) -> dict[Path, list[dict]]:
    """The Nu HTML checker's errors (warnings left out) for each file, in one run of vnu.jar."""
    if not VNU.exists():
        pytest.fail(f"vnu-jar is not installed at {VNU}: npm ci --prefix tests/e2e (or make browser)")
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is not installed (the Nu HTML checker runs on it): apt-get install -y default-jre-headless")
    # The client compiler only (C1) starts the checker three times faster for a run this short; its deeper stack
    # frames need a bigger thread stack than the 512 KB vnu asks for.
    jvm = ["-Xss4m", "-XX:TieredStopAtLevel=1"]
    result = subprocess.run(
        [java, *jvm, "-jar", str(VNU), "--format", "json", "--errors-only", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # Exit status 1 means "errors found"; anything else than JSON on stdout is the checker itself failing.
    try:
        messages = json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"The Nu HTML checker failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")
    by_file = {path.resolve(): [] for path in files}
    for message in messages:
        path = Path(message["url"].removeprefix("file:")).resolve() if "url" in message else None
        # A message without a file (a fatal problem of the run, not of a page) is a failure of every page.
        for target in [path] if path in by_file else list(by_file):
            by_file[target].append(message)
    return by_file


def format_errors(errors: list[dict]) -> str:
    lines = []
    for error in errors:
        where = f"line {error['lastLine']}" if "lastLine" in error else "(no line)"
        lines.append(f"    {where}: {error['message']}")
        extract = re.sub(r"\s+", " ", error.get("extract", "")).strip()
        if extract:
            lines.append(f"      «{extract[:200]}»")
    return "\n".join(lines)


def _event_in(event: EventPage, language: str) -> EventPage:
    """The event's page in `language`: its translation, or else a live alias of the French page (what the synced
    page tree gives every untranslated page)."""
    locale = Locale.objects.get(language_code=language)
    version = EventPage.objects.live().filter(translation_key=event.translation_key, locale=locale).first()
    return version or event.copy_for_translation(locale, copy_parents=True, alias=True)


def seed_demo(tmp_path, settings) -> dict:
    """The demo site in the emptied test database; returns the pages to check, per language and visitor."""
    for code in LOCALES:
        Locale.objects.get_or_create(language_code=code)
    Locale.objects.get_or_create(language_code="en")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.objects.get(language_code="fr")))
    restore_roles_and_workflow()
    PrivacyNoticeFactory(version="2026-01")
    settings.DEMO_LOGINS_FILE = tmp_path / "demo-logins.json"
    call_command("seed_demo", "--no-images", verbosity=0)

    member = User.objects.get(email=MEMBER)
    french = Locale.objects.get(language_code="fr")
    event = EventPage.objects.live().get(slug="digital-now", locale=french)
    registration = Registration.objects.get(event=event, attendee_email=MEMBER)
    # The member's registration form: the upcoming event she is not registered for that asks the most questions.
    unregistered = (
        EventPage.objects.live()
        .filter(locale=french, start__gt=timezone.now(), ticket_types__isnull=False)
        .exclude(registrations__attendee_email=MEMBER)
        .annotate(asked=Count("questions", distinct=True))
        .order_by("-asked", "start", "pk")
        .first()
    )
    assert unregistered is not None, "the demo has no upcoming event the member is not registered for"
    company = Organisation.objects.in_directory().order_by("pk").first()
    post = Post.objects.on_board().public().order_by("pk").first()

    tour = {}
    for language in LOCALES:
        event_page = _event_in(event, language)
        with translation.override(language):
            article = NewsPage.objects.live().filter(locale__language_code=language).order_by("-date", "pk").first()
            tour[language] = {
                "visitor": {
                    "home": localised("/", language),
                    "news-index": article.get_parent().url,
                    "article": article.url,
                    "events-index": event_page.get_parent().url,
                    "event": event_page.url,
                    "register-guest": reverse("events:register", args=[event.pk]),
                    "directory": reverse("members:directory"),
                    "company": reverse("members:organisation_detail", args=[company.slug]),
                    "join": reverse("members:apply"),
                    "search": reverse("cms:search") + "?q=num%C3%A9rique",
                    "login": reverse("account_login"),
                    "signup": reverse("account_signup"),
                },
                "member": {
                    "my-space": reverse("members:dashboard"),
                    "my-registrations": reverse("events:my_registrations"),
                    "registration": reverse("events:registration_detail", args=[registration.code]),
                    "register": reverse("events:register", args=[unregistered.pk]),
                    "event": event_page.url,
                    "board": reverse("partnerships:board"),
                    "board-post": reverse("partnerships:post_detail", args=[post.pk]),
                },
            }
    return {"member": member, "tour": tour}


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


def test_the_checker_reports_each_pages_errors_with_line_and_message(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!doctype html><html lang="fr"><head><title>Cassé</title></head><body><main>'
        '<p><div>bloc dans un paragraphe</div></p><a href="/" href="/x">lien</a></main></body></html>'
    )
    valid = tmp_path / "valid.html"
    valid.write_text(
        '<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>مرحبا</title></head>'
        '<body><main><h1>مرحبا</h1><p lang="fr" dir="ltr">Bonjour</p></main></body></html>'
    )
    errors = check_html([broken, valid])
    assert errors[valid.resolve()] == []
    messages = [error["message"] for error in errors[broken.resolve()]]
    assert any("Duplicate attribute" in message for message in messages), messages
    assert any("No “p” element in scope" in message for message in messages), messages
    assert "line 1:" in format_errors(errors[broken.resolve()])


@pytest.mark.django_db(transaction=True)
def test_the_main_pages_are_valid_html_in_french_and_arabic(browser, live_server, tmp_path, settings):
    demo = seed_demo(tmp_path, settings)
    shutil.rmtree(PAGES, ignore_errors=True)
    PAGES.mkdir(parents=True)
    fetched: dict[Path, str] = {}
    not_served = []

    for language, locale in LOCALES.items():
        context = browser.new_context(base_url=live_server.url, locale=locale)
        for who in ("visitor", "member"):
            if who == "member":
                log_in(context, live_server, demo["member"])
            for name, path in demo["tour"][language][who].items():
                response = context.request.get(path, max_redirects=0)
                if response.status != 200:
                    not_served.append(
                        f"{language} {who} {path}: HTTP {response.status} {response.headers.get('location', '')}"
                    )
                    continue
                assert response.headers["content-type"].startswith("text/html"), path
                file = PAGES / f"{language}-{who}-{name}.html"
                file.write_bytes(response.body())
                fetched[file.resolve()] = f"{language} {who} {path}"
        context.close()

    assert not not_served, "Pages not served:\n" + "\n".join(not_served)
    assert len(fetched) == sum(len(pages) for tour in demo["tour"].values() for pages in tour.values())
    errors = check_html(list(fetched))
    (PAGES / "vnu-errors.json").write_text(
        json.dumps({fetched[file]: found for file, found in errors.items() if found}, ensure_ascii=False, indent=1)
    )
    invalid = [f"{fetched[file]} ({file.name}):\n{format_errors(found)}" for file, found in errors.items() if found]
    assert not invalid, f"Nu HTML checker errors on {len(invalid)} of {len(fetched)} pages:\n" + "\n".join(invalid)
