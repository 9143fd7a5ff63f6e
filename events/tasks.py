"""Background work for registrations: the e-mails about reservations and the waitlist, and the job that expires
unpaid reservations and unclaimed offers. (The confirmation and cancellation e-mails, which carry calendar
invitations, are in events.emails.)"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from events.models import Registration, WaitlistEntry

SUBJECTS = {
    "reservation_received": _("Your place is reserved, awaiting payment: %(event)s"),
    "reservation_expired": _("Your reservation has expired: %(event)s"),
    "waitlist_joined": _("You are on the waitlist: %(event)s"),
    "waitlist_offer": _("A seat is free for you: %(event)s"),
}


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _send(*, kind: str, to: str, language: str, context: dict) -> None:
    from events.calendars import event_url

    event = context["event"]
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {
            **context,
            "site_name": settings.WAGTAIL_SITE_NAME,
            "site_url": settings.SITE_URL,
            "event_url": event_url(event),
            "my_registrations_url": _absolute(reverse("events:my_registrations")),
        }
        subject = str(SUBJECTS[kind] % {"event": event.title})
        text = render_to_string(f"emails/events/{kind}.txt", context)
        html = render_to_string(f"emails/events/{kind}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()


@task()
def send_registration_email(*, kind: str, registration_id: int) -> None:
    """E-mail the attendee about their reservation: `reservation_received` (with the link to pay and the
    deadline) or `reservation_expired`. Does nothing if the registration has since moved on."""
    expected = {
        "reservation_received": Registration.Status.RESERVED,
        "reservation_expired": Registration.Status.EXPIRED,
    }
    registration = (
        Registration.objects.select_related("event", "ticket_type", "order__buyer_user", "user")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or registration.status != expected[kind]:
        return
    language = registration.language
    context = {
        "registration": registration,
        "event": registration.event,
        "attendee_name": registration.attendee_name,
        "ticket_name": registration.ticket_type.name_for(language),
        "expires_at": timezone.localtime(registration.expires_at) if registration.expires_at else None,
        "pay_url": "",
        "set_password_url": "",
    }
    if registration.order_id and kind == "reservation_received":
        context["pay_url"] = _absolute(reverse("payments:order_detail", args=[registration.order.public_id]))
        payer = registration.order.buyer_user
        if payer is not None and not payer.has_usable_password():
            context["set_password_url"] = _absolute(reverse("account_reset_password"))
    # The person who pays (a company administrator registering a colleague), else the attendee.
    buyer = registration.order.buyer_user if registration.order_id else None
    to = buyer.email if buyer is not None else registration.attendee_email
    if buyer is not None and buyer.pk != registration.user_id:
        language = (buyer.preferred_language or language)[:2]
    _send(kind=kind, to=to, language=language, context=context)


@task()
def send_waitlist_email(*, kind: str, entry_id: int) -> None:
    """E-mail a person on the waitlist: `waitlist_joined` (with the link to leave) or `waitlist_offer` (with the
    links to take the seat or leave, and until when the offer holds)."""
    expected = {"waitlist_joined": WaitlistEntry.Status.WAITING, "waitlist_offer": WaitlistEntry.Status.OFFERED}
    entry = WaitlistEntry.objects.select_related("event", "ticket_type").filter(pk=entry_id).first()
    if entry is None or entry.status != expected[kind]:
        return
    context = {
        "entry": entry,
        "event": entry.event,
        "attendee_name": entry.name,
        "ticket_name": entry.ticket_type.name_for(entry.language) if entry.ticket_type else "",
        "offer_expires_at": timezone.localtime(entry.offer_expires_at) if entry.offer_expires_at else None,
        "claim_url": _absolute(reverse("events:waitlist_claim", args=[entry.token])),
        "leave_url": _absolute(reverse("events:waitlist", args=[entry.token])),
    }
    _send(kind=kind, to=entry.email, language=entry.language, context=context)


@task()
def expire_reservations() -> dict:
    """Expire unpaid reservations and unclaimed waitlist offers past their time, and offer the freed seats
    (run every few minutes; `manage.py expire_reservations` does the same)."""
    from events.services import registrations_expire, waitlist_expire_offers, waitlist_offer_all

    return {
        "reservations": registrations_expire(),
        "offers": waitlist_expire_offers(),
        "new_offers": waitlist_offer_all(),
    }
