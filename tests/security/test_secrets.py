"""Secrets never reach a page, an e-mail or a log line: pages and e-mails rendered, a payment webhook, a failed
login and a server error, with recognisable secret values set."""

import logging
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.template import engines
from django.test import Client, RequestFactory
from wagtail.models import Page

from members.services.invitations import invitation_create
from tests.factories.accounts import PASSWORD, AccountUserFactory
from tests.factories.cms import NewsPageFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.members import AdminFactory
from tests.factories.payments import make_order
from tests.payments.stripe_events import post_event, recorded_event

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
CANARIES = {
    "SECRET_KEY": "canary-secret-key-7f3a9c1e5b2d8f4a6c0e9b7d5f3a1c8e2b4d6f8a0c",
    "STRIPE_SECRET_KEY": "sk_test_canaryStripeSecret51Hx",
    "STRIPE_WEBHOOK_SECRET": "whsec_canaryWebhookSecret9Qz",
    "EMAIL_HOST_PASSWORD": "canary-mail-password-4Kp",
}


@pytest.fixture(autouse=True)
def secrets(settings):
    for name, value in CANARIES.items():
        setattr(settings, name, value)


@pytest.fixture
def log_text(caplog):
    caplog.set_level(logging.DEBUG)

    def text() -> str:
        lines = []
        for record in caplog.records:
            lines.append(record.getMessage())
            if record.exc_info:
                lines.append(logging.Formatter().formatException(record.exc_info))
            lines.append(repr(record.__dict__))
        return "\n".join(lines)

    return text


def leaked(text: str) -> list[str]:
    return [name for name, value in CANARIES.items() if value in text]


@pytest.fixture
def site_pages(db):
    home = Page.objects.get(depth=2)
    index = EventIndexPageFactory(parent=home)
    return ["/", "/en/", NewsPageFactory(parent=home).url, EventPageFactory(parent=index).url, "/board/", "/members/"]


def test_pages_show_no_secret(client, site_pages):
    admin = AdminFactory()
    order = make_order(organisation=admin.organisation, buyer_user=admin.user)
    pages = [*site_pages, "/accounts/login/", "/join/", "/search/?q=test", "/no-such-page/"]
    for url in pages:
        assert not leaked(client.get(url).content.decode()), url
    client.force_login(admin.user)
    for url in [
        "/my-space/",
        f"/payments/orders/{order.public_id}/",
        f"/my-space/companies/{admin.organisation.slug}/",
    ]:
        assert not leaked(client.get(url).content.decode()), url


def test_e_mails_show_no_secret(client):
    admin = AdminFactory()
    mail.outbox = []
    invitation_create(organisation=admin.organisation, email="karim@atlas.example.ma", by=admin.user)
    client.post("/accounts/password/reset/", {"email": admin.user.email})

    assert len(mail.outbox) >= 2
    for message in mail.outbox:
        bodies = [message.subject, message.body, *(content for content, _ in getattr(message, "alternatives", []))]
        assert not leaked("\n".join(bodies)), message.subject


def test_a_payment_webhook_logs_no_secret(client, log_text):
    order = make_order()

    paid = post_event(
        client, recorded_event("checkout_session_completed", order=order), CANARIES["STRIPE_WEBHOOK_SECRET"]
    )
    forged = post_event(client, recorded_event("checkout_session_completed", order=order), "whsec_forged")

    assert paid.status_code == 200 and forged.status_code == 400
    assert log_text(), "the webhook logs what it does"
    assert not leaked(log_text() + paid.content.decode() + forged.content.decode())


def test_a_failed_login_logs_no_secret(client, log_text):
    user = AccountUserFactory()

    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD + "-wrong"})

    assert response.status_code == 200
    assert not leaked(log_text() + response.content.decode())


def test_a_server_error_shows_and_logs_no_secret(log_text):
    """Wagtail's /admin/failwhale/ raises on purpose: the 500 page and the error log stay free of secrets."""
    import time

    from tests.factories.accounts import StaffUserFactory, add_totp

    user = StaffUserFactory()
    add_totp(user)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    session = client.session
    session["account_authentication_methods"] = [{"method": "mfa", "type": "totp", "at": time.time()}]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()

    response = client.get("/admin/failwhale/")

    assert response.status_code == 500
    assert "Internal Server Error" in log_text()
    assert not leaked(log_text() + response.content.decode())


def test_no_context_processor_exposes_the_django_settings():
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    engine = engines["django"].engine
    for processor in engine.template_context_processors:
        context = processor(request)
        for key, value in context.items():
            assert value is not django_settings, f"{processor.__module__}.{processor.__name__} exposes {key!r}"
            assert not leaked(repr(value)), key


def test_templates_read_no_django_setting():
    """`settings` in templates is Wagtail's site settings (settings.cms.…); a Django setting (capitals) never."""
    offenders = []
    for template in (ROOT / "templates").rglob("*"):
        if template.is_file():
            for match in re.finditer(
                r"settings\.[A-Z_]{2,}|SECRET_KEY|STRIPE_SECRET|WEBHOOK_SECRET|PASSWORD\b", template.read_text()
            ):
                offenders.append(f"{template.relative_to(ROOT)}: {match[0]}")
    assert not offenders, "\n".join(offenders)
