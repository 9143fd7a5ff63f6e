"""Who hears about what on the board, each in their own language, with a link in that language.

A company's side is found by partnerships.selectors (members.recipients): the people concerned, else its
administrators, else anyone there, else its contact address (the e-mail then says so). When nobody can be written
to, a message someone wrote to it is kept on the site and the secretariat is told (`tell_secretariat`), without
what was written: messages stay private to the two companies.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from core.branding import association_branding
from core.mail import dates_from_iso, send_templated
from members.recipients import Recipient, Recipients
from partnerships import selectors

User = get_user_model()
EXCERPT_LENGTH = 600

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
    "company_unreachable": _("A board message cannot reach %(recipient)s: %(title)s"),
}
# What someone wrote to a company: when the company cannot be reached, the secretariat hears of it.
MESSAGES = ("interest_received", "message_received")


@task()
def send_board_email(*, kind: str, to: list[str], language: str, context: dict) -> None:
    """Send one of the board e-mails (templates/emails/partnerships/<kind>.txt and .html).

    The context holds only plain strings, so that the task can be queued in the database. An e-mail to a company's
    contact address (`contact_of` in the context) says so, and replies go to the association."""
    context = dates_from_iso(context)
    branding = association_branding()
    send_templated(
        f"emails/partnerships/{kind}",
        to=to,
        language=language,
        subject=SUBJECTS[kind],
        subject_params=context,
        context=context,
        reply_to=[branding.email] if context.get("contact_of") and branding.email else None,
    )


def _url(name: str, args, language: str) -> str:
    with translation.override(language or settings.LANGUAGE_CODE):
        return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def _as_recipients(to: Recipients | list) -> tuple[tuple[Recipient, ...], dict]:
    if isinstance(to, Recipients):
        marked = (
            {"contact_of": to.organisation, "nobody_has_account": to.nobody_has_account}
            if to.via_contact_address
            else {}
        )
        return to.to, marked
    people = tuple(
        Recipient(email=user.email, language=user.preferred_language or settings.LANGUAGE_CODE, user_id=user.pk)
        for user in to
    )
    return people, {}


def send(kind: str, to: Recipients | list, *, context: dict, url_name: str, url_args) -> None:
    """Queue one e-mail per recipient (inside the caller's transaction: it is sent only if the change is kept).

    `to` is a company's side (a members.recipients.Recipients) or a list of accounts (the secretariat)."""
    recipients, marked = _as_recipients(to)
    for recipient in recipients:
        language = recipient.language or settings.LANGUAGE_CODE
        send_board_email.enqueue(
            kind=kind,
            to=[recipient.email],
            language=language,
            context={**context, **marked, "url": _url(url_name, url_args, language)},
        )


def post_people(post) -> Recipients:
    """Who hears about a post: its author, else its company's administrators, else anyone there, else its contact
    address."""
    return selectors.post_recipients(post)


def side_people(conversation, organisation) -> Recipients:
    """Who hears about a conversation on one side: those of that company who took part in it, else as for a post."""
    return selectors.conversation_recipients(conversation, organisation)


def secretariat() -> list:
    """Who can give a company a way to be reached (a contact address, an account): superusers and the holders of
    the permission to change companies."""
    return _holders("members", "change_organisation")


def tell_secretariat(*, organisation, post, recipients: Recipients) -> None:
    """A member wrote on the board to a company nobody can be written to at: the secretariat hears which company,
    why, and about which post (never what was written), with a link to the company in the admin."""
    send(
        "company_unreachable",
        secretariat(),
        context={
            "recipient": organisation.display_name,
            "title": post.title,
            "reason": recipients.reason,
        },
        url_name="members_organisations:edit",
        url_args=[organisation.pk],
    )


def _holders(app_label: str, codename: str) -> list:
    """Active superusers and the holders (through a group or their own) of one permission."""
    return list(
        User.objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename=codename, groups__permissions__content_type__app_label=app_label)
            | Q(user_permissions__codename=codename, user_permissions__content_type__app_label=app_label)
        )
        .distinct()
        .order_by("pk")
    )


def reviewers() -> list:
    """The secretariat: superusers and the holders of the permission to review board posts."""
    return _holders("partnerships", "change_post")
