"""How long a reservation awaiting payment holds its seat: the event's hours for a card, working days once the
buyer chooses a bank transfer, and one reminder before the hold ends. Time is passed in (`now=`), as the
expiry job's tests do."""

import io
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from wagtail.models import ModelLogEntry

from events.models import Registration
from events.payment_holds import add_working_days, bank_transfer_hold_end
from events.services import registration_create, registrations_expire, registrations_remind
from payments.models import PaymentMethod
from payments.services import order_choose_method, transfer_receipt_upload
from tests.factories.events import EventPageFactory
from tests.factories.registrations import RegistrationSettingsFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db

CASABLANCA = ZoneInfo("Africa/Casablanca")
LINK = re.compile(r"http://testserver(/(?:[a-z]{2}/)?payments/orders/link/[^/\s\"]+/)")


@pytest.fixture
def event(events_index):
    event = EventPageFactory(parent=events_index, days_from_now=30)
    RegistrationSettingsFactory(event=event, payment_deadline_hours=48)
    return event


@pytest.fixture
def ticket(event):
    return TicketTypeFactory(event=event, member_price=0, non_member_price=150_000)


def reserve(ticket, *, language="fr", email="salma@invite.ma") -> Registration:
    return registration_create(
        event=ticket.event,
        ticket_type=ticket,
        attendee_name="Salma Bennani",
        attendee_email=email,
        language=language,
    )


def choose_transfer(registration: Registration) -> Registration:
    order_choose_method(order=registration.order, method=PaymentMethod.BANK_TRANSFER)
    registration.refresh_from_db()
    return registration


# --- Working days ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (datetime(2027, 1, 8, 15, 0), datetime(2027, 1, 13, 15, 0)),  # Friday → Wednesday
        (datetime(2027, 1, 9, 10, 0), datetime(2027, 1, 13, 10, 0)),  # Saturday → Wednesday
        (datetime(2027, 1, 11, 9, 30), datetime(2027, 1, 14, 9, 30)),  # Monday → Thursday
    ],
)
def test_three_working_days_skip_the_weekend(start, end):
    assert add_working_days(start.replace(tzinfo=CASABLANCA), 3) == end.replace(tzinfo=CASABLANCA)


# --- The hold ----------------------------------------------------------------------------------------------------


def test_a_reservation_gets_the_card_hold_then_working_days_once_transfer_is_chosen(ticket):
    registration = reserve(ticket)
    assert abs(registration.expires_at - registration.created_at - timedelta(hours=48)) < timedelta(seconds=1)
    registration = choose_transfer(registration)
    assert registration.expires_at == add_working_days(registration.created_at, 3)
    assert registration.expires_at - registration.created_at >= timedelta(days=3)
    assert ModelLogEntry.objects.filter(action="events.registration_hold_extended").count() == 1


def test_the_working_days_are_a_setting(ticket, settings):
    settings.EVENTS_BANK_TRANSFER_HOLD_WORKING_DAYS = 5
    registration = choose_transfer(reserve(ticket))
    assert registration.expires_at == add_working_days(registration.created_at, 5)
    assert registration.expires_at - registration.created_at >= timedelta(days=7)


def test_choosing_transfer_again_or_card_extends_nothing(ticket):
    registration = choose_transfer(reserve(ticket))
    held = registration.expires_at
    assert choose_transfer(registration).expires_at == held
    order_choose_method(order=registration.order, method=PaymentMethod.CARD)
    registration.refresh_from_db()
    assert registration.expires_at == held


def test_the_transfer_hold_never_passes_the_start_of_the_event(events_index):
    soon = EventPageFactory(parent=events_index, days_from_now=2)
    RegistrationSettingsFactory(event=soon, payment_deadline_hours=10)
    registration = choose_transfer(reserve(TicketTypeFactory(event=soon)))
    assert registration.expires_at == soon.start
    assert bank_transfer_hold_end(registration) == soon.start


def test_sending_a_receipt_counts_as_choosing_transfer(ticket):
    registration = reserve(ticket)
    transfer_receipt_upload(order=registration.order, uploaded=SimpleUploadedFile("v.pdf", b"%PDF-1.4 virement"))
    registration.refresh_from_db()
    assert registration.expires_at == add_working_days(registration.created_at, 3)


def test_a_reservation_past_its_deadline_is_not_revived_by_choosing_transfer(ticket):
    registration = reserve(ticket)
    past = registration.created_at - timedelta(minutes=1)
    Registration.objects.filter(pk=registration.pk).update(expires_at=past)
    assert choose_transfer(registration).expires_at == past


def test_the_extended_hold_is_what_the_expiry_job_respects(ticket):
    registration = choose_transfer(reserve(ticket))
    card_deadline = registration.created_at + timedelta(hours=48, minutes=1)
    assert registrations_expire(now=card_deadline) == 0
    assert registrations_expire(now=registration.expires_at + timedelta(minutes=1)) == 1


# --- The reminder -------------------------------------------------------------------------------------------------


def reminders():
    return [message for message in mail.outbox if "payments/orders/link/" in message.body and "soon" in message.subject]


def test_the_reminder_is_sent_once_before_the_hold_ends_in_the_buyers_language(
    ticket, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = choose_transfer(reserve(ticket, language="ar"))
    ends = registration.expires_at
    sent_before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert registrations_remind(now=ends - timedelta(hours=25)) == 0
        assert registrations_remind(now=ends - timedelta(hours=23)) == 1
        assert registrations_remind(now=ends - timedelta(hours=22)) == 0
        assert registrations_remind(now=ends - timedelta(hours=1)) == 0
    assert len(mail.outbox) == sent_before + 1
    reminder = mail.outbox[-1]
    assert reminder.to == ["salma@invite.ma"]
    assert registration.order.reference in reminder.body
    assert 'lang="ar"' in reminder.alternatives[0][0]
    path = LINK.search(reminder.body).group(1)
    assert path.startswith("/ar/")
    assert registration.order.reference in Client().get(path, follow=True).text
    registration.refresh_from_db()
    assert registration.payment_reminder_sent_at == ends - timedelta(hours=23)


def test_no_reminder_once_the_receipt_is_sent(ticket, django_capture_on_commit_callbacks):
    registration = reserve(ticket)
    transfer_receipt_upload(order=registration.order, uploaded=SimpleUploadedFile("v.pdf", b"%PDF-1.4 virement"))
    registration.refresh_from_db()
    assert registrations_remind(now=registration.expires_at - timedelta(hours=2)) == 0


def test_a_hold_never_longer_than_the_reminder_lead_gets_no_reminder(events_index):
    event = EventPageFactory(parent=events_index, days_from_now=30)
    RegistrationSettingsFactory(event=event, payment_deadline_hours=12)
    registration = reserve(TicketTypeFactory(event=event))
    assert registrations_remind(now=registration.expires_at - timedelta(hours=6)) == 0


def test_a_new_deadline_gets_its_own_reminder(ticket):
    registration = reserve(ticket)
    assert registrations_remind(now=registration.expires_at - timedelta(hours=20)) == 1
    registration = choose_transfer(registration)
    assert registration.payment_reminder_sent_at is None
    assert registrations_remind(now=registration.expires_at - timedelta(hours=20)) == 1


def test_a_paid_reservation_is_not_reminded(ticket):
    from payments.services import order_mark_paid

    registration = reserve(ticket)
    order_mark_paid(order=registration.order, provider="manual", method=PaymentMethod.CASH, amount=150_000)
    assert registrations_remind(now=registration.created_at + timedelta(hours=30)) == 0


def test_the_expiry_command_sends_the_reminders(ticket):
    reserve(ticket)
    out = io.StringIO()
    call_command("expire_reservations", stdout=out)
    # Just registered: nothing is due yet.
    assert "Payment reminders sent: 0" in out.getvalue()
