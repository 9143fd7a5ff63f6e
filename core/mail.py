"""Every e-mail Majlis sends: rendered in the recipient's language from a .txt and an .html template, with its
attachments and, for invitations, a calendar part that mail programs turn into "add to calendar".

    send_templated(
        "emails/members/invitation",            # renders invitation.txt and invitation.html
        to=["salma@atlas.ma"],
        language="ar",                          # the recipient's, or the site's default
        subject=SUBJECTS["invitation"],         # translated and %-formatted in that language
        subject_params={"organisation": "Atlas"},
        context={...},                          # or a callable, to build it (URLs, dates) in that language
        attachments=[Attachment("INV-2026-0001.pdf", pdf, "application/pdf")],
        calendar=Calendar(ics_text, method="REQUEST", filename="invitation.ics"),
    )

Every template receives `site_name`, `site_url` and `branding` (core.branding) unless the context sets them.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise

from core.branding import association_branding


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes | str
    mimetype: str


@dataclass(frozen=True)
class Calendar:
    """An iCalendar (iTIP) object: sent as a text/calendar alternative (Outlook's invitation buttons) and as a file
    (every other client), as Google does."""

    ics: str
    method: str
    filename: str = "invitation.ics"


class CalendarMessage(EmailMultiAlternatives):
    """An e-mail whose text/calendar parts carry the iTIP method (`text/calendar; method=REQUEST`).

    Mail clients show "add to calendar" or update the entry only when the method is in the MIME type."""

    def __init__(self, *args, method: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.calendar_method = method

    def _create_mime_attachment(self, content, mimetype):
        part = super()._create_mime_attachment(content, mimetype)
        if mimetype == "text/calendar":
            part.set_param("method", self.calendar_method)
        return part


def dates_from_iso(context: Mapping[str, Any]) -> dict[str, Any]:
    """Queued e-mail contexts hold only plain strings; the dates among them (keys ending in "_on", ISO strings)
    become dates again so that templates show them in the recipient's language."""
    return {
        key: date.fromisoformat(value) if key.endswith("_on") and isinstance(value, str) else value
        for key, value in context.items()
    }


def build_templated(
    template: str,
    *,
    to: Iterable[str],
    language: str | None,
    subject: str | Promise,
    subject_params: Mapping[str, Any] | None = None,
    context: Mapping[str, Any] | Callable[[], Mapping[str, Any]] | None = None,
    attachments: Iterable[Attachment] = (),
    calendar: Calendar | None = None,
    from_email: str | None = None,
    reply_to: list[str] | None = None,
    headers: Mapping[str, str] | None = None,
    connection=None,
) -> EmailMultiAlternatives:
    """The message `send_templated` sends, for callers that send many over one connection."""
    with translation.override(language or settings.LANGUAGE_CODE):
        values = dict(context() if callable(context) else context or {})
        if "branding" not in values:
            values["branding"] = association_branding()
        values.setdefault("site_name", settings.WAGTAIL_SITE_NAME)
        values.setdefault("site_url", settings.SITE_URL)
        title = str(subject) % subject_params if subject_params is not None else str(subject)
        text = render_to_string(f"{template}.txt", values)
        html = render_to_string(f"{template}.html", values)
    options = {
        "subject": title,
        "body": text,
        "from_email": from_email or settings.DEFAULT_FROM_EMAIL,
        "to": list(to),
        "reply_to": reply_to,
        "headers": dict(headers or {}),
        "connection": connection,
    }
    if calendar is None:
        message = EmailMultiAlternatives(**options)
    else:
        message = CalendarMessage(**options, method=calendar.method)
    message.attach_alternative(html, "text/html")
    if calendar is not None:
        message.attach_alternative(calendar.ics, "text/calendar")
        message.attach(calendar.filename, calendar.ics, "text/calendar")
    for attachment in attachments:
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    return message


def send_templated(template: str, **kwargs) -> None:
    """Render `template`.txt and `template`.html in the recipient's language and send them (see the module)."""
    build_templated(template, **kwargs).send()
