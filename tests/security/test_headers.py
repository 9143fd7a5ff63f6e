"""Security headers: a Content-Security-Policy on the site's pages (none in the admins, which need inline scripts),
no framing, no sniffing, a referrer policy, an opener policy; HSTS in production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from wagtail.models import Page

from tests.factories.cms import NewsPageFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def pages(db):
    home = Page.objects.get(depth=2)
    index = EventIndexPageFactory(parent=home)
    return {
        "home": "/",
        "news": NewsPageFactory(parent=home).url,
        "event": EventPageFactory(parent=index).url,
        "login": "/accounts/login/",
        "board": "/board/",
        "directory": "/members/",
        "english home": "/en/",
        "not found": "/no-such-page/",
    }


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


@pytest.mark.parametrize("name", ["home", "news", "event", "login", "board", "directory", "english home", "not found"])
def test_pages_carry_a_strict_content_security_policy(client, pages, name):
    response = client.get(pages[name])

    assert "Content-Security-Policy" in response.headers, f"{pages[name]} has no Content-Security-Policy"
    policy = directives(response.headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"], "scripts come from the site only, never inline"
    assert policy["style-src"] == ["'self'"], "no inline <style> elements"
    assert policy["font-src"] == ["'self'"]
    assert set(policy["img-src"]) <= {"'self'", "data:"}
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert set(policy["frame-src"]) <= {
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    }


@pytest.mark.parametrize("name", ["home", "event", "login", "not found"])
def test_pages_carry_the_other_security_headers(client, pages, name):
    response = client.get(pages[name])

    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_wagtail_admin_has_no_policy_but_is_not_framable(client):
    """Wagtail's admin relies on inline scripts: the policy stops at /admin/ (behind staff login and 2FA)."""
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain, "the admin sends anonymous visitors to the login page"
    assert client.get("/admin/").headers.get("Content-Security-Policy") is None
    assert client.get("/admin/").headers["X-Frame-Options"] == "DENY"


def test_no_front_end_template_has_an_inline_script_or_style_element():
    """What the policy forbids must not be in the templates (e-mails and the admin's own pages excepted)."""
    offenders = []
    for template in (ROOT / "templates").rglob("*.html"):
        relative = template.relative_to(ROOT / "templates").as_posix()
        if relative.startswith(("emails/", "account/email/")) or "/admin" in relative or relative.startswith("admin"):
            continue
        text = template.read_text()
        for tag in ("<style", "<script>", "<script "):
            for chunk in text.split(tag)[1:]:
                opening = chunk.split(">", 1)[0]
                if tag == "<style" or ("src=" not in opening and 'type="application/json"' not in opening):
                    offenders.append(f"{relative}: {tag}{opening}>")
        if " on" in text and any(f" on{event}=" in text for event in ("click", "load", "submit", "change", "input")):
            offenders.append(f"{relative}: inline event handler")
    assert not offenders, "\n".join(offenders)


def production_setting(*names: str) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(SECRET_KEY="k3y-" + "a1B2c3D4e5" * 6, ALLOWED_HOSTS="majlis.example.ma")
    code = "from config.settings import production as s; " + "; ".join(f"print(repr(s.{n}))" for n in names)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT / "site", env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_production_sends_hsts_and_secure_cookies():
    hsts, subdomains, redirect, session_secure, csrf_secure = production_setting(
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
    )
    assert int(hsts) >= 60 * 60 * 24 * 365
    assert subdomains == redirect == session_secure == csrf_secure == "True"


def test_hsts_header_is_sent_over_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True

    response = client.get("/", secure=True)

    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
