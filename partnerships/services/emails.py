"""Who hears about what on the board, each in their own language, with a link in that language."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from core.mail import dates_from_iso, send_templated
from members.models import OrganisationMember, Role
from partnerships.models import Message

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
}


@task()
def send_board_email(*, kind: str, to: list[str], language: str, context: dict) -> None:
    """Send one of the board e-mails (templates/emails/partnerships/<kind>.txt and .html).

    The context holds only plain strings, so that the task can be queued in the database."""
    context = dates_from_iso(context)
    send_templated(
        f"emails/partnerships/{kind}",
        to=to,
        language=language,
        subject=SUBJECTS[kind],
        subject_params=context,
        context=context,
    )


def _url(name: str, args, language: str) -> str:
    with translation.override(language or settings.LANGUAGE_CODE):
        return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def send(kind: str, users, *, context: dict, url_name: str, url_args) -> None:
    """Queue one e-mail per person (inside the caller's transaction: it is sent only if the change is kept)."""
    for user in users:
        language = user.preferred_language or settings.LANGUAGE_CODE
        send_board_email.enqueue(
            kind=kind,
            to=[user.email],
            language=language,
            context={**context, "url": _url(url_name, url_args, language)},
        )


def _still_in(users, organisation_id: int) -> list:
    ids = {user.pk for user in users if user is not None}
    return list(
        User.objects.filter(
            pk__in=ids, is_active=True, organisation_memberships__organisation_id=organisation_id
        ).order_by("pk")
    )


def _admins_of(organisation_id: int) -> list:
    return [
        person.user
        for person in OrganisationMember.objects.filter(
            organisation_id=organisation_id, role=Role.ADMIN, user__is_active=True
        ).select_related("user")
    ]


def post_people(post) -> list:
    """Who hears about a post: its author, or the company's administrators once the author has left."""
    return _still_in([post.author], post.organisation_id) or _admins_of(post.organisation_id)


def side_people(conversation, organisation_id: int) -> list:
    """Who hears about a conversation on one side: those of that company who took part in it (the post's
    author, the person who wrote first, anyone who replied), else the company's administrators."""
    writers = User.objects.filter(
        pk__in=Message.objects.filter(conversation=conversation, organisation_id=organisation_id).values("sender")
    )
    starter = conversation.post.author if organisation_id == conversation.post.organisation_id else None
    starter = starter or (conversation.started_by if organisation_id == conversation.organisation_id else None)
    return _still_in([starter, *writers], organisation_id) or _admins_of(organisation_id)


def reviewers() -> list:
    """The secretariat: superusers and the holders of the permission to review board posts."""
    return list(
        User.objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(
                groups__permissions__codename="change_post", groups__permissions__content_type__app_label="partnerships"
            )
            | Q(user_permissions__codename="change_post", user_permissions__content_type__app_label="partnerships")
        )
        .distinct()
        .order_by("pk")
    )
