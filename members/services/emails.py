"""The members e-mails: one background task renders them in the recipient's language; services queue it."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from core.branding import association_branding
from core.mail import dates_from_iso, send_templated
from core.site_url import absolute_url
from members.models import Organisation, Role

User = get_user_model()

SUBJECTS = {
    "invitation": _("%(organisation)s invites you to join them on %(site)s"),
    "application_received": _("New membership application: %(organisation)s"),
    "application_approved": _("Your application for %(organisation)s is accepted"),
    "application_rejected": _("Your membership application for %(organisation)s"),
    "last_admin_left": _("%(organisation)s no longer has a company administrator"),
    "renewal_reminder": _("Time to renew the membership of %(organisation)s"),
    "renewal_overdue": _("The membership of %(organisation)s has ended: renew it now"),
    "import_welcome": _("Your account on %(site)s is ready: choose your password"),
}


def site_name_in(language: str | None) -> str:
    """The association's name as a reader of that language reads it (the site settings keep one per language)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return association_branding().name


@task()
def send_members_email(*, kind: str, to: list[str], language: str, context: dict) -> None:
    """Send one of the members e-mails (templates/emails/members/<kind>.txt and .html).

    The context holds only plain strings, so that the task can be queued in the database."""
    context = dates_from_iso(context)

    def in_language() -> dict:
        if context.get("role") in Role.values:
            return {**context, "role": str(Role(context["role"]).label).lower()}
        return context

    send_templated(
        f"emails/members/{kind}",
        to=to,
        language=language,
        subject=SUBJECTS[kind],
        subject_params={"site": site_name_in(language), **context},
        context=in_language,
    )


def absolute_url_in(language: str, name: str, **kwargs) -> str:
    """The absolute address of the URL `name` under `language`'s prefix (/ar/…, none for French)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return settings.SITE_URL + reverse(name, **kwargs)


def queue_email(*, kind: str, to: list[str], language: str, context: dict) -> None:
    """Queue one of the members e-mails (send_members_email) for these addresses, if there are any."""
    # Queued inside the caller's transaction: with the database task backend the job is committed (or rolled back)
    # with the change it announces.
    if to:
        send_members_email.enqueue(kind=kind, to=to, language=language, context=context)


@task()
def send_import_welcome(*, user_id: int, organisation_id: int) -> None:
    """Welcome a person whose account the member-list import created, in their language: a link to choose their
    password (allauth's password reset link, under their language's prefix), then log in.

    Nothing is sent if the account has been used since (a password chosen, a login): it needs no invitation."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or user.has_usable_password() or user.last_login is not None:
        return
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    uid, key = user_pk_to_url_str(user), default_token_generator.make_token(user)

    def context() -> dict:
        # Built in the e-mail's language: reverse() gives its prefix (/ar/…, none for French).
        return {
            "organisation": organisation.display_name if organisation else "",
            "email": user.email,
            "url": absolute_url(reverse("account_reset_password_from_key", kwargs={"uidb36": uid, "key": key})),
            "login_url": absolute_url(reverse("account_login")),
            "preferences_url": absolute_url(reverse("members:email_preferences")),
            "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        }

    send_templated(
        "emails/members/import_welcome",
        to=[user.email],
        language=user.preferred_language,
        subject=SUBJECTS["import_welcome"],
        subject_params={"site": site_name_in(user.preferred_language)},
        context=context,
    )


def queue_import_welcomes(people: list[tuple[int, int]]) -> None:
    """Queue one welcome e-mail per (user id, organisation id), each its own task: one refused address does not
    stop the others."""
    for user_id, organisation_id in people:
        send_import_welcome.enqueue(user_id=user_id, organisation_id=organisation_id)


def secretariat_emails() -> list[str]:
    """Addresses of the people who review applications: superusers and holders of the review permission."""
    reviewers = User.objects.filter(is_active=True).filter(
        Q(is_superuser=True)
        | Q(groups__permissions__codename="change_membershipapplication")
        | Q(user_permissions__codename="change_membershipapplication")
    )
    return sorted(set(reviewers.values_list("email", flat=True)))
