"""Background work for the board: its e-mails, rendered in the recipient's language, and the daily job."""

from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

SUBJECTS = {
    "post_submitted": _("A post awaits review on the board: %(title)s"),
    "post_published": _("Your post is on the board: %(title)s"),
    "post_returned": _("Your post needs changes before publication: %(title)s"),
    "post_expiring": _("Your post will soon leave the board: %(title)s"),
    "interest_received": _("%(company)s is interested in your post: %(title)s"),
    "message_received": _("New message from %(company)s: %(title)s"),
    "conversation_accepted": _("%(company)s accepted your interest: %(title)s"),
    "conversation_declined": _("%(company)s declined your interest: %(title)s"),
    "conversation_closed": _("%(company)s closed the conversation: %(title)s"),
    "contact_shared": _("%(company)s shared contact details: %(title)s"),
}


@task()
def send_board_email(*, kind: str, to: list[str], language: str, context: dict) -> None:
    """Send one of the board e-mails (templates/emails/partnerships/<kind>.txt and .html).

    The context holds only plain strings, so that the task can be queued in the database."""
    context = {**context, "site_name": settings.WAGTAIL_SITE_NAME, "site_url": settings.SITE_URL}
    for key, value in context.items():
        if key.endswith("_on") and isinstance(value, str):
            context[key] = date.fromisoformat(value)
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = str(SUBJECTS[kind] % context)
        text = render_to_string(f"emails/partnerships/{kind}.txt", context)
        html = render_to_string(f"emails/partnerships/{kind}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=to)
    message.attach_alternative(html, "text/html")
    message.send()


@task()
def run_board_daily() -> dict:
    """Expire the posts past their date and remind authors of those about to expire (services.board_daily)."""
    from partnerships.services import board_daily

    return board_daily()
