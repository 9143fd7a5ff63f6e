"""The writes about how long a reservation awaiting payment holds its seat (the rules are events.payment_holds):
the longer hold of a bank transfer, and the reminder sent before the hold ends.

A paid ticket is reserved for the event's `payment_deadline_hours` (48 h by default): long enough to pay by card,
short enough that an abandoned reservation frees its seat soon. When the buyer chooses a bank transfer (on the
order page, or by sending a transfer receipt) the hold becomes EVENTS_BANK_TRANSFER_HOLD_WORKING_DAYS working days
(Monday to Friday, 3 by default) from the moment of registering, never beyond the start of the event and never
shorter than it was: counted from the registration, choosing transfer again extends nothing. The bank needs
working days, not hours; a buyer paying by card never keeps a seat that long.

EVENTS_PAYMENT_REMINDER_HOURS (24 by default) before the hold ends the buyer is reminded once, in their
language, with the link back to the order; a hold that was never longer than that gets no reminder (the
reservation e-mail said it all), and neither does an order whose transfer receipt has been sent.
"""

from datetime import datetime

from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from wagtail.log_actions import log

from events.models import Registration
from events.payment_holds import bank_transfer_hold_end, reminder_lead
from events.services.registrations import registration_email
from payments.models import PaymentMethod, TransferReceipt

Status = Registration.Status


def registration_method_chosen_for_line(line, method: str) -> None:
    """Payments handler: the buyer chose how to pay a reservation. A bank transfer extends its hold."""
    registration = line.subject
    if not isinstance(registration, Registration) or method != PaymentMethod.BANK_TRANSFER:
        return
    registration = Registration.objects.select_for_update(of=("self",)).select_related("event").get(pk=registration.pk)
    now = timezone.now()
    if registration.status != Status.RESERVED or registration.expires_at is None or registration.expires_at <= now:
        return
    due = bank_transfer_hold_end(registration)
    if due <= registration.expires_at:
        return
    previous = registration.expires_at
    registration.expires_at = due
    # The reminder belongs to a deadline: a new deadline gets its own.
    registration.payment_reminder_sent_at = None
    registration.save(update_fields=["expires_at", "payment_reminder_sent_at"])
    log(
        instance=registration,
        action="events.registration_hold_extended",
        user=None,
        data={"from": previous.isoformat(), "to": due.isoformat()},
    )


def registration_payable_until(line) -> datetime | None:
    """Payments question: until when can this line be paid? A reservation's deadline."""
    registration = line.subject
    if isinstance(registration, Registration) and registration.status == Status.RESERVED:
        return registration.expires_at
    return None


def registrations_remind(*, now: datetime | None = None) -> int:
    """E-mail, once, the buyers whose reservation ends within EVENTS_PAYMENT_REMINDER_HOURS; record it. Safe to
    run often and concurrently (the expiry job runs it). Returns how many reminders were queued."""
    now = now or timezone.now()
    lead = reminder_lead()
    receipt_sent = TransferReceipt.objects.filter(order_id=OuterRef("order_id"))
    due = (
        Registration.objects.filter(
            status=Status.RESERVED,
            order__isnull=False,
            payment_reminder_sent_at__isnull=True,
            expires_at__gt=now,
            expires_at__lte=now + lead,
        )
        .filter(expires_at__gt=F("created_at") + lead)
        .exclude(Exists(receipt_sent))
        .values_list("pk", flat=True)
    )
    sent = 0
    for pk in list(due[:1000]):
        with transaction.atomic():
            registration = Registration.objects.select_for_update().get(pk=pk)
            if registration.status != Status.RESERVED or registration.payment_reminder_sent_at is not None:
                continue
            registration.payment_reminder_sent_at = now
            registration.save(update_fields=["payment_reminder_sent_at"])
            registration_email("reservation_reminder", registration)
            sent += 1
    return sent
