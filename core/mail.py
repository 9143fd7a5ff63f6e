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

Every e-mail wears the association's branding (core.branding): the .html templates extend `emails/base.html`
(through `emails/members/base.html`) for the logo, the colours and the footer; the text part gets the footer of
`emails/footer.txt`. The footer says why the person receives the e-mail: the first of `<template>_reason.txt`,
`<folder>/reason.txt` and `emails/reason.txt`. A template without an .html sibling is sent inside the base as it
reads in text (`emails/text.html`).

Every template receives `branding`, `site_name` (the association's name), `site_url`, `home_url` (the home page
in the e-mail's language) and `card_payments_enabled` (core.offer) unless the context sets them. Links to the
site's own pages (context values whose key ends in "url") are moved under the e-mail's language prefix, whatever
language the caller built them in: the person lands on the page in the language they read.

The sender is the association: `DEFAULT_FROM_EMAIL`'s address under the association's name, unless
`DEFAULT_FROM_EMAIL` names a sender itself ("ASTEC secretariat <no-reply@astec.ma>").
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from email.headerregistry import Address
from email.utils import parseaddr
from posixpath import dirname
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string, select_template
from django.urls import NoReverseMatch, Resolver404, resolve, reverse, translate_url
from django.utils import translation
from django.utils.functional import Promise

from core.branding import Branding, association_branding
from core.offer import card_payments_enabled


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


def default_sender(branding: Branding | None = None) -> str:
    """`From:` of every e-mail: the association's name and DEFAULT_FROM_EMAIL's address, or DEFAULT_FROM_EMAIL as
    it is when it names a sender itself."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if name or not address:
        return settings.DEFAULT_FROM_EMAIL
    name = (branding or association_branding()).name
    return str(Address(display_name=name, addr_spec=address)) if name else address


def link_in_language(url: str, language: str) -> str:
    """`url`, a page of this site (on SITE_URL), under `language`'s prefix (/ar/…, none for French).

    Addresses elsewhere, outside the language prefix (the admin) or that do not resolve are left as they are, and
    so are Wagtail pages: a page has its own address in each language, which only its caller knows."""
    if not isinstance(url, str) or not url.startswith(settings.SITE_URL + "/"):
        return url
    path = urlsplit(url).path
    path_language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    if path_language == language:
        return url
    with translation.override(path_language):
        try:
            match = resolve(path)
        except Resolver404:
            return url
        if match.url_name == "wagtail_serve":
            return url
        return translate_url(url, language)


def _home_url(language: str) -> str:
    with translation.override(language):
        try:
            return settings.SITE_URL + reverse("wagtail_serve", args=[""])
        except NoReverseMatch:
            return settings.SITE_URL + "/"


def _reason_templates(template: str) -> list[str]:
    return [f"{template}_reason.txt", f"{dirname(template)}/reason.txt", "emails/reason.txt"]


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
    language = language or settings.LANGUAGE_CODE
    with translation.override(language):
        language = translation.get_language()
        values = dict(context() if callable(context) else context or {})
        if "branding" not in values:
            values["branding"] = association_branding()
        branding = values["branding"]
        for key, value in values.items():
            if key.endswith("url") and isinstance(value, str):
                values[key] = link_in_language(value, language)
        values.setdefault("site_name", branding.name)
        values.setdefault("site_url", settings.SITE_URL)
        values.setdefault("home_url", _home_url(language))
        values.setdefault("card_payments_enabled", card_payments_enabled())
        values.setdefault("email_reason_templates", _reason_templates(template))
        title = str(subject) % subject_params if subject_params is not None else str(subject)
        text = render_to_string(f"{template}.txt", values).rstrip()
        footer = render_to_string("emails/footer.txt", values).strip("\n")
        html_template = select_template([f"{template}.html", "emails/text.html"])
        html = html_template.render({**values, "text": text})
    options = {
        "subject": title,
        "body": f"{text}\n\n{footer}\n",
        "from_email": from_email or default_sender(branding),
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
