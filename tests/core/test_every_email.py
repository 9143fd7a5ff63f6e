"""Every e-mail the site can send, in French and Arabic: the association's base and footer in both parts, its name
as the sender, links that open this site in the reader's language, and only the payment methods on offer.

Each .txt/.html pair under templates/emails/ and templates/account/email/ is rendered through core.mail with the
representative context of CONTEXTS; a new e-mail template fails `test_every_email_template_has_a_context` until it
gets one. URLs in the contexts are built in French, as a caller on a French page would: core.mail moves them under
the reader's language prefix.
"""

import io
import re
from datetime import date, datetime
from email.utils import parseaddr
from html import unescape
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Site

from cms.models import AssociationSettings
from core.mail import build_templated
from tests.factories.accounts import AccountUserFactory

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
FOLDERS = ["emails", "account/email"]
# Pieces that other templates include or extend: not e-mails of their own.
PARTIALS = {
    "emails/events/details",
    "emails/partnerships/meeting_slot",
    "emails/contact_address_notice",
    "account/email/base_message",
}
NAME = "ASTEC"
ADDRESS = "Technopark, Route de Nouaceur, 20150 Casablanca"
SENDER = "no-reply@astec.ma"
CASABLANCA = ZoneInfo("Africa/Casablanca")
# Addresses of the site outside the language prefix.
UNPREFIXED = ("/admin/", "/django-admin/", "/media/", "/static/", "/documents/")


def email_templates() -> list[str]:
    found = []
    for folder in FOLDERS:
        for text in sorted((TEMPLATES / folder).rglob("*.txt")):
            name = str(text.relative_to(TEMPLATES).with_suffix(""))
            if text.with_suffix(".html").exists() and name not in PARTIALS:
                found.append(name)
    return found


def fr_url(name: str, *args, **kwargs) -> str:
    """An address as a caller on a French page builds it."""
    with translation.override("fr"):
        return settings.SITE_URL + reverse(name, args=args or None, kwargs=kwargs or None)


def page_url(language: str, path: str) -> str:
    """A Wagtail page's address in the e-mail's language (its caller builds it, since each language has its own)."""
    prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
    return f"{settings.SITE_URL}{prefix}{path}"


EVENT = SimpleNamespace(
    title="Digital Now 2026",
    local_start=datetime(2026, 12, 3, 9, 0, tzinfo=CASABLANCA),
    local_end=datetime(2026, 12, 3, 17, 30, tzinfo=CASABLANCA),
)
REGISTRATION = SimpleNamespace(price=150000, code="K7PX-3MRT", status="confirmed")
ORDER = SimpleNamespace(billing_name="Atlas Digital SARL", reference="MJ-2026-0042", total=150000, language="fr")
INVOICE = SimpleNamespace(number="F-2026-0042")
ORDER_ID = "0b0d5c1e-2f5d-4c8e-9a51-6f0d7f4a9c11"
BOARD = {"company": "Atlas Digital", "title": "Partenaire cloud souverain", "body": "Bonjour, parlons-en."}
MEETING = {
    "who": "Karim Tazi (Atlas Digital)",
    "event": "Digital Now 2026",
    "time_zone": "Africa/Casablanca",
    "starts_at": datetime(2026, 12, 3, 10, 0, tzinfo=CASABLANCA),
    "ends_at": datetime(2026, 12, 3, 10, 20, tzinfo=CASABLANCA),
    "table": "12",
}


def event_context(language: str, **extra) -> dict:
    return {
        "event": EVENT,
        "registration": REGISTRATION,
        "attendee_name": "Salma Bennani",
        "ticket_name": "Pass entreprise",
        "location": "Technopark, Casablanca",
        "time_zone": "Africa/Casablanca",
        "event_url": page_url(language, "/evenements/digital-now-2026/"),
        "my_registrations_url": fr_url("events:my_registrations"),
        "badge_url": fr_url("events:registration_badge", "K7PX-3MRT"),
        "with_calendar": True,
        **extra,
    }


def meeting_context(language: str) -> dict:
    return {
        **MEETING,
        "message": "Au plaisir d'échanger.",
        "deadline": datetime(2026, 11, 30, 18, 0, tzinfo=CASABLANCA),
        "request_url": fr_url("partnerships:meeting_request", 7),
        "agenda_url": fr_url("partnerships:meeting_agenda", 3),
        "participants_url": fr_url("partnerships:meeting_participants", 3),
    }


def board_context(language: str, **extra) -> dict:
    return {**BOARD, "url": fr_url("partnerships:conversation", 5), **extra}


def dues_context(language: str) -> dict:
    return {
        "organisation": "Atlas Digital",
        "plan": "TPE/PME",
        "period_end_on": date(2026, 12, 31),
        "grace_end_on": date(2027, 1, 30),
        "next_start_on": date(2027, 1, 1),
        "next_end_on": date(2027, 12, 31),
        "amount": 500000,
        "url": fr_url("payments:order_detail", public_id=ORDER_ID),
    }


CONTEXTS = {
    "account/email/account_already_exists_message": lambda language: {
        "email": "salma@atlas.ma",
        "password_reset_url": fr_url("account_reset_password"),
    },
    "account/email/email_confirmation_message": lambda language: {"code": "K7PX-3MRT"},
    "account/email/email_confirmation_signup_message": lambda language: {"code": "K7PX-3MRT"},
    "account/email/login_code_message": lambda language: {"code": "K7PX-3MRT"},
    "account/email/password_reset_key_message": lambda language: {
        "password_reset_url": fr_url("account_reset_password_from_key", uidb36="4", key="cv8a-0f1e2d"),
    },
    "account/email/unknown_account_message": lambda language: {
        "email": "salma@atlas.ma",
        "signup_url": fr_url("account_signup"),
    },
    "emails/announcements/announcement": lambda language: {
        "subject": "Assemblée générale",
        "body": "L'assemblée générale se tient le 3 décembre.",
        "topic": "Événements",
        "is_general": False,
        "unsubscribe_url": fr_url("members:unsubscribe", "tok3n"),
        "preferences_url": fr_url("members:email_preferences"),
    },
    "emails/events/attendee_message": lambda language: event_context(
        language, body="Rendez-vous porte B.", reason="registered"
    ),
    "emails/events/event_updated": event_context,
    "emails/events/registration_cancelled": event_context,
    "emails/events/registration_confirmed": event_context,
    "emails/events/registration_transferred": event_context,
    "emails/events/reservation_expired": event_context,
    "emails/events/reservation_received": lambda language: event_context(
        language,
        expires_at=datetime(2026, 11, 30, 18, 0, tzinfo=CASABLANCA),
        pay_url=fr_url("payments:order_detail", public_id=ORDER_ID),
        set_password_url=fr_url("account_reset_password"),
    ),
    "emails/events/reservation_reminder": lambda language: event_context(
        language,
        expires_at=datetime(2026, 12, 3, 18, 0, tzinfo=CASABLANCA),
        pay_url=fr_url("payments:order_detail", public_id=ORDER_ID),
    ),
    "emails/events/waitlist_joined": lambda language: event_context(
        language, leave_url=fr_url("events:waitlist", "w41t")
    ),
    "emails/events/waitlist_offer": lambda language: event_context(
        language,
        offer_expires_at=datetime(2026, 11, 30, 18, 0, tzinfo=CASABLANCA),
        claim_url=fr_url("events:waitlist_claim", "w41t"),
        leave_url=fr_url("events:waitlist", "w41t"),
    ),
    "emails/members/application_approved": lambda language: {
        **dues_context(language),
        "message": "Bienvenue !",
        "active": False,
    },
    "emails/members/application_received": lambda language: {
        "organisation": "Atlas Digital",
        "applicant": "Salma Bennani <salma@atlas.ma>",
        "motivation": "Rejoindre l'écosystème.",
        "url": settings.SITE_URL + reverse("members_applications:edit", args=[1]),
    },
    "emails/members/application_rejected": lambda language: {
        "organisation": "Atlas Digital",
        "message": "Le dossier est incomplet.",
    },
    "emails/members/import_welcome": lambda language: {
        "organisation": "Atlas Digital",
        "email": "salma@atlas.ma",
        "url": fr_url("account_reset_password_from_key", uidb36="4", key="cv8a-0f1e2d"),
        "login_url": fr_url("account_login"),
        "preferences_url": fr_url("members:email_preferences"),
        "valid_days": 3,
    },
    "emails/members/invitation": lambda language: {
        "organisation": "Atlas Digital",
        "inviter": "Salma Bennani",
        "role": "membre",
        "url": fr_url("members:invitation_accept", token="t0k3n"),
        "expires_at": "2026-12-10 18:00",
    },
    "emails/members/last_admin_left": lambda language: {
        "organisation": "Atlas Digital",
        "url": settings.SITE_URL + reverse("members_organisations:edit", args=[1]),
    },
    "emails/members/renewal_overdue": dues_context,
    "emails/members/renewal_reminder": dues_context,
    "emails/partnerships/contact_shared": lambda language: board_context(
        language, name="Karim Tazi", email="karim@atlas.ma"
    ),
    "emails/partnerships/conversation_accepted": board_context,
    "emails/partnerships/conversation_closed": board_context,
    "emails/partnerships/conversation_declined": board_context,
    "emails/partnerships/interest_received": board_context,
    "emails/partnerships/meeting_accepted": meeting_context,
    "emails/partnerships/meeting_declined": meeting_context,
    "emails/partnerships/meeting_moved": meeting_context,
    "emails/partnerships/meeting_requested": meeting_context,
    "emails/partnerships/meeting_scheduled": meeting_context,
    "emails/partnerships/message_received": board_context,
    "emails/partnerships/post_expiring": lambda language: board_context(
        language, expires_on=date(2026, 12, 31), url=fr_url("partnerships:post_detail", 9)
    ),
    "emails/partnerships/post_published": lambda language: board_context(
        language, expires_on=date(2026, 12, 31), message="", url=fr_url("partnerships:post_detail", 9)
    ),
    "emails/partnerships/post_returned": lambda language: board_context(
        language, message="Précisez le budget.", url=fr_url("partnerships:post_detail", 9)
    ),
    "emails/partnerships/company_unreachable": lambda language: {
        "recipient": "Kasbah Games",
        "title": "Sous-traitance d'un module de paiement",
        "reason": "no_contact",
        "url": settings.SITE_URL + reverse("members_organisations:edit", args=[7]),
    },
    "emails/partnerships/post_submitted": lambda language: board_context(
        language, url=settings.SITE_URL + reverse("partnerships_review:edit", args=[9])
    ),
    "emails/payments/payment_confirmation": lambda language: {
        "order": ORDER,
        "invoice": INVOICE,
        "order_url": fr_url("payments:order_detail", public_id=ORDER_ID),
        "invoices_url": fr_url("payments:invoices"),
    },
}


@pytest.fixture(autouse=True)
def association(db, settings):
    settings.DEFAULT_FROM_EMAIL = SENDER
    settings.STRIPE_SECRET_KEY = ""  # no card payments
    site = Site.objects.get(is_default_site=True)
    AssociationSettings.objects.update_or_create(
        site=site, defaults={"name": NAME, "address": ADDRESS, "email": "contact@astec.ma"}
    )
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def render(template: str, language: str):
    message = build_templated(
        template, to=["salma@atlas.ma"], language=language, subject="Objet", context=CONTEXTS[template](language)
    )
    [(html, mimetype)] = [part for part in message.alternatives if part[1] == "text/html"]
    return message, message.body, html


def links(text: str, html: str) -> list[str]:
    found = re.findall(r'(?:href|src)="([^"]+)"', html) + re.findall(r"https?://[^\s<>\"')]+", text)
    return [link for link in found if not link.startswith("mailto:")]


def test_every_email_template_has_a_context():
    # A new e-mail needs a representative context here, so that the checks below cover it.
    assert sorted(CONTEXTS) == sorted(email_templates())


def test_every_text_template_under_emails_has_its_html_pair():
    includes = {"emails/footer", "emails/events/when"}
    lonely = [
        str(text.relative_to(TEMPLATES))
        for text in (TEMPLATES / "emails").rglob("*.txt")
        if not text.with_suffix(".html").exists()
        and not text.stem.endswith("reason")
        and str(text.relative_to(TEMPLATES).with_suffix("")) not in includes
    ]
    assert lonely == []


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize("template", email_templates())
def test_the_email_wears_the_association_base_in_both_parts(template, language):
    message, text, html = render(template, language)

    # The base: the association's name and postal address, and why the person receives it, in both parts.
    assert NAME in html and ADDRESS in html
    assert "border-top: 6px solid #0f4c5c" in html  # the header band in the association's colour
    name, address, home, blank, reason, *_ = text.rpartition("\n-- \n")[2].splitlines()
    assert (name, address, home, blank) == (NAME, ADDRESS, page_url(language, "/"), "")
    assert len(reason) > 30 and reason[:30] in " ".join(unescape(html).split())
    assert "Majlis" not in text and "Majlis" not in html
    if language == "ar":
        assert '<html lang="ar" dir="rtl">' in html and 'lang="ar" dir="rtl"' in html.split("<body", 1)[1]
        assert f"<bdi>{NAME}</bdi>" in html
    else:
        assert '<html lang="fr" dir="ltr">' in html
    assert parseaddr(message.from_email) == (NAME, SENDER)


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize("template", email_templates())
def test_every_link_is_absolute_on_the_site_and_in_the_readers_language(template, language):
    _, text, html = render(template, language)

    found = links(text, html)
    assert found, "the e-mail links to the site (at least its home page in the footer)"
    for link in found:
        assert link.startswith(settings.SITE_URL + "/"), link
        path = link.removeprefix(settings.SITE_URL)
        if language == "ar" and not path.startswith(UNPREFIXED):
            assert path.startswith("/ar/"), link
        if language == "fr":
            assert not path.startswith(("/ar/", "/en/")), link


@pytest.mark.parametrize("template", email_templates())
def test_no_email_promises_card_payment_while_it_is_off(template):
    _, english_text, english_html = render(template, "en")
    _, french_text, french_html = render(template, "fr")

    assert "by card" not in english_text and "by card" not in english_html
    assert "par carte" not in french_text and "par carte" not in french_html


def test_with_card_payment_on_the_renewal_reminder_offers_both(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_configured"

    _, text, html = render("emails/members/renewal_reminder", "en")

    assert "by card or bank transfer" in text and "by card or bank transfer" in html


def test_latin_names_and_dates_in_an_arabic_sentence_keep_their_own_direction():
    _, _, html = render("emails/members/invitation", "ar")

    assert "<bdi>Salma Bennani</bdi>" in html and "<strong><bdi>Atlas Digital</bdi></strong>" in html
    assert "<bdi>2026-12-10 18:00</bdi>" in html


def test_an_explicit_sender_name_in_the_settings_is_kept(settings):
    settings.DEFAULT_FROM_EMAIL = "Secrétariat ASTEC <secretariat@astec.ma>"

    message, _, _ = render("emails/members/invitation", "fr")

    assert message.from_email == "Secrétariat ASTEC <secretariat@astec.ma>"


def test_the_association_colours_from_the_site_settings_are_used():
    AssociationSettings.objects.filter(site__is_default_site=True).update(
        primary_colour="#7a1f3d", accent_colour="#2a9d8f"
    )

    _, _, html = render("emails/members/invitation", "fr")

    assert "border-top: 6px solid #7a1f3d" in html and "border-top: 3px solid #2a9d8f" in html


# Wagtail never closes the SpooledTemporaryFile it renders a new rendition into: the garbage collector's
# ResourceWarning is Wagtail's, not this test's.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_the_logo_from_the_site_settings_heads_the_email_at_an_absolute_address():
    picture = io.BytesIO()
    PILImage.new("RGB", (480, 160), "#0f4c5c").save(picture, "PNG")
    logo = Image.objects.create(title="Logo ASTEC", file=SimpleUploadedFile("astec.png", picture.getvalue()))
    AssociationSettings.objects.filter(site__is_default_site=True).update(logo=logo)

    _, _, html = render("emails/members/invitation", "ar")

    [src] = re.findall(r'<img src="([^"]+)" alt="ASTEC"', html)
    assert src.startswith(settings.SITE_URL + settings.MEDIA_URL) and src.endswith(".png")


# --- allauth's e-mails, sent through the site -------------------------------------------------------------


def sent_parts():
    message = mail.outbox[-1]
    [html] = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    return message, message.body, html


def assert_branded(message, text, html, language):
    assert parseaddr(message.from_email) == (NAME, SENDER)
    assert NAME in html and ADDRESS in html and f"\n-- \n{NAME}\n{ADDRESS}\n" in text
    assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in html
    assert "Majlis" not in text and "Majlis" not in html


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_login_code_asked_for_on_the_site_comes_in_the_association_design(client, language):
    AccountUserFactory(email="karim@cluster.example.ma", preferred_language=language)

    with translation.override(language):
        url = reverse("account_request_login_code")
    client.post(url, {"email": "karim@cluster.example.ma"})

    message, text, html = sent_parts()
    assert_branded(message, text, html, language)
    assert re.search(r"^[A-Z0-9]{4}-[A-Z0-9]{4}$", text, re.MULTILINE)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_password_reset_asked_for_on_a_french_page_links_to_the_readers_language(client, language):
    AccountUserFactory(email="karim@cluster.example.ma", preferred_language=language)

    client.post(reverse("account_reset_password"), {"email": "karim@cluster.example.ma"})

    message, text, html = sent_parts()
    assert_branded(message, text, html, language)
    [link] = re.findall(r"http://testserver\S*/password/reset/key/\S+", text)
    prefix = "/ar/" if language == "ar" else "/accounts/"
    assert link.startswith(settings.SITE_URL + prefix)
    assert f'href="{link}"' in html
    assert client.get(link.removeprefix(settings.SITE_URL), follow=True).status_code == 200
