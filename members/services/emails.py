"""The members e-mails: one background task renders them in the recipient's language; services queue it."""

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from members.models import Role

User = get_user_model()

SUBJECTS = {
    "invitation": _("%(organisation)s invites you to join them on %(site)s"),
    "application_received": _("New membership application: %(organisation)s"),
    "application_approved": _("Your application for %(organisation)s is accepted"),
    "application_rejected": _("Your membership application for %(organisation)s"),
    "last_admin_left": _("%(organisation)s no longer has a company administrator"),
    "renewal_reminder": _("Time to renew the membership of %(organisation)s"),
    "renewal_overdue": _("The membership of %(organisation)s has ended: renew it now"),
}


@task()
def send_members_email(*, kind: str, to: list[str], language: str, context: dict) -> None:
    """Send one of the members e-mails (templates/emails/members/<kind>.txt and .html).

    The context holds only plain strings, so that the task can be queued in the database."""
    context = {**context, "site_name": settings.WAGTAIL_SITE_NAME, "site_url": settings.SITE_URL}
    # Dates travel as ISO strings (keys ending in "_on") and are shown in the recipient's language.
    for key, value in context.items():
        if key.endswith("_on") and isinstance(value, str):
            context[key] = date.fromisoformat(value)
    with translation.override(language or settings.LANGUAGE_CODE):
        if context.get("role") in Role.values:
            context["role"] = str(Role(context["role"]).label).lower()
        subject = str(SUBJECTS[kind] % {"site": context["site_name"], **context})
        text = render_to_string(f"emails/members/{kind}.txt", context)
        html = render_to_string(f"emails/members/{kind}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=to)
    message.attach_alternative(html, "text/html")
    message.send()


def absolute_url(path: str) -> str:
    return settings.SITE_URL + path


def queue_email(*, kind: str, to: list[str], language: str, context: dict) -> None:
    """Queue one of the members e-mails (send_members_email) for these addresses, if there are any."""
    # Queued inside the caller's transaction: with the database task backend the job is committed (or rolled back)
    # with the change it announces.
    if to:
        send_members_email.enqueue(kind=kind, to=to, language=language, context=context)


def secretariat_emails() -> list[str]:
    """Addresses of the people who review applications: superusers and holders of the review permission."""
    reviewers = User.objects.filter(is_active=True).filter(
        Q(is_superuser=True)
        | Q(groups__permissions__codename="change_membershipapplication")
        | Q(user_permissions__codename="change_membershipapplication")
    )
    return sorted(set(reviewers.values_list("email", flat=True)))
