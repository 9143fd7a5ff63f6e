"""core.mail: every e-mail in the recipient's language, text and HTML, with its attachments and calendar part."""

from datetime import date
from email import message_from_bytes

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.mail import Attachment, Calendar, build_templated, dates_from_iso, send_templated

pytestmark = pytest.mark.django_db

ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"


@pytest.fixture
def templates(tmp_path, settings):
    folder = tmp_path / "emails"
    folder.mkdir()
    (folder / "hello.txt").write_text(
        "{% load i18n %}{% translate 'Payment received' %} {{ name }} — {{ site_name }} {{ branding.name }} "
        "{{ when|date:'F' }}"
    )
    (folder / "hello.html").write_text("{% load i18n %}<p>{% translate 'Payment received' %} {{ name }}</p>")
    engines = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    with override_settings(TEMPLATES=engines):
        yield "emails/hello"


def test_renders_text_and_html_in_the_recipients_language_whatever_is_active(templates):
    with translation.override("en"):
        send_templated(
            templates,
            to=["salma@atlas.ma"],
            language="fr",
            subject=_("Your registration is confirmed: %(event)s"),
            subject_params={"event": "Digital Now"},
            context={"name": "Salma", "when": date(2026, 12, 3)},
        )
        assert translation.get_language() == "en"  # the caller's language is left as it was
    [message] = mail.outbox
    assert message.to == ["salma@atlas.ma"]
    assert message.subject == "Votre inscription est confirmée : Digital Now"
    assert message.body.startswith("Paiement reçu Salma — Majlis")
    assert "décembre" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert html == "<p>Paiement reçu Salma</p>"


def test_context_built_by_a_callable_is_built_in_the_recipients_language(templates):
    seen = []

    def context():
        seen.append(translation.get_language())
        return {"name": "Youssef", "when": date(2026, 1, 5)}

    send_templated(templates, to=["y@atlas.ma"], language="ar", subject="Test", context=context)
    assert seen == ["ar"]
    assert mail.outbox[0].body.startswith("تم تلقي الأداء Youssef")
    assert "يناير" in mail.outbox[0].body


def test_no_language_means_the_sites_default(templates):
    send_templated(templates, to=["a@b.ma"], language="", subject="Test", context={"name": "A"})
    assert mail.outbox[0].body.startswith("Paiement reçu A")


def test_subject_without_parameters_is_sent_as_typed(templates):
    send_templated(templates, to=["a@b.ma"], language="fr", subject="Remise de 20 % aux membres", context={})
    assert mail.outbox[0].subject == "Remise de 20 % aux membres"


def test_attachments_and_calendar_parts(templates):
    send_templated(
        templates,
        to=["a@b.ma"],
        language="fr",
        subject="Test",
        context={"name": "A"},
        attachments=[Attachment("INV-2026-0001.pdf", b"%PDF-1.7 test", "application/pdf")],
        calendar=Calendar(ICS, method="REQUEST", filename="invitation.ics"),
    )
    parsed = message_from_bytes(mail.outbox[0].message().as_bytes())
    parts = {(part.get_content_type(), part.get_filename()): part for part in parsed.walk()}
    assert ("text/plain", None) in parts
    assert ("text/html", None) in parts
    inline, as_file = parts[("text/calendar", None)], parts[("text/calendar", "invitation.ics")]
    assert inline.get_param("method") == "REQUEST"
    assert as_file.get_param("method") == "REQUEST"
    assert "METHOD:REQUEST" in inline.get_payload(decode=True).decode()
    assert parts[("application/pdf", "INV-2026-0001.pdf")].get_payload(decode=True) == b"%PDF-1.7 test"


def test_headers_reply_to_and_branding_given_by_the_caller(templates):
    from core.branding import Branding

    message = build_templated(
        templates,
        to=["a@b.ma"],
        language="fr",
        subject="Test",
        context={"name": "A", "branding": Branding(name="ASTEC", logo_url="", email="contact@astec.ma")},
        reply_to=["contact@astec.ma"],
        headers={"List-Unsubscribe": "<https://example.ma/u>"},
    )
    assert "ASTEC" in message.body
    assert message.reply_to == ["contact@astec.ma"]
    assert message.extra_headers["List-Unsubscribe"] == "<https://example.ma/u>"
    assert not mail.outbox  # built, not sent


def test_dates_from_iso_revives_only_the_dates():
    revived = dates_from_iso({"renew_on": "2027-01-31", "name": "Atlas", "count_on": 3})
    assert revived == {"renew_on": date(2027, 1, 31), "name": "Atlas", "count_on": 3}


def test_a_template_without_an_html_part_is_sent_inside_the_base_as_it_reads_in_text(tmp_path, settings):
    from core.branding import Branding

    folder = tmp_path / "emails"
    folder.mkdir()
    (folder / "plain.txt").write_text("{% autoescape off %}Line one <b>\nhttp://testserver/page/{% endautoescape %}")
    engines = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    branding = Branding(name="ASTEC", logo_url="", email="", address="Technopark, Casablanca")
    with override_settings(TEMPLATES=engines):
        message = build_templated(
            "emails/plain", to=["a@b.ma"], language="ar", subject="Test", context={"branding": branding}
        )

    [(html, _)] = message.alternatives
    assert '<html lang="ar" dir="rtl">' in html and "Technopark, Casablanca" in html
    assert "Line one &lt;b&gt;<br>" in html and '<a href="http://testserver/page/"' in html
    assert message.body.startswith("Line one <b>\nhttp://testserver/page/\n\n-- \nASTEC\nTechnopark, Casablanca\n")
