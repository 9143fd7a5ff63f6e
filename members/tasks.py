"""Background work for members: the e-mails, rendered in the recipient's language."""

from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from members.models import Role

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


@task()
def purge_expired_applications() -> int:
    """Delete rejected applications more than a year old (members.services.applications_purge_expired)."""
    from members.services import applications_purge_expired

    return applications_purge_expired()


@task()
def send_membership_reminders() -> int:
    """The daily renewal reminders (members.membership_services.membership_send_renewal_reminders)."""
    from members.membership_services import membership_send_renewal_reminders

    return membership_send_renewal_reminders()


@task()
def send_announcement_batch(*, delivery_ids: list[int]) -> int:
    """Send one batch of an announcement's deliveries (members.communications.announcement_deliver_batch)."""
    from members.communications import announcement_deliver_batch

    return announcement_deliver_batch(delivery_ids=delivery_ids)
