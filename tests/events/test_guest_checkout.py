"""A guest buys a paid ticket and pays it in one sitting, without an account: the order page right after
registering, the bank transfer with its receipt, and the signed link of the reservation e-mail."""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from events.models import Registration
from payments.models import PaymentMethod, TransferReceipt
from tests.factories.events import EventPageFactory
from tests.factories.registrations import RegistrationSettingsFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver(/(?:[a-z]{2}/)?payments/orders/link/[^/\s\"]+/)")


@pytest.fixture(autouse=True)
def _bank_account(settings):
    settings.PAYMENTS_BANK_NAME = "Banque Populaire"
    settings.PAYMENTS_BANK_RIB = "190780212111234567890123"


@pytest.fixture
def event(events_index):
    event = EventPageFactory(parent=events_index, title="Forum Digital Now", days_from_now=30)
    RegistrationSettingsFactory(event=event, payment_deadline_hours=48)
    return event


@pytest.fixture
def ticket(event):
    return TicketTypeFactory(event=event, name="Pass journée", member_price=0, non_member_price=150_000)


def in_language(language, path_of):
    with translation.override(language):
        return path_of()


def register_as_guest(client, event, ticket, *, language="fr", email="salma@invite.ma"):
    url = in_language(language, lambda: reverse("events:register", args=[event.pk]))
    data = {"ticket": ticket.pk, "attendee_name": "Salma Bennani", "attendee_email": email}
    return client.post(url, data)


def png_receipt() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return SimpleUploadedFile("virement.png", buffer.getvalue(), content_type="image/png")


def test_a_guest_lands_on_the_order_page_and_pays_by_transfer_with_a_receipt(client, event, ticket):
    response = register_as_guest(client, event, ticket, language="en")
    registration = Registration.objects.get()
    order = registration.order
    assert response.status_code == 302
    order_page = client.get(response["Location"])
    assert order_page.status_code == 200
    text = order_page.text.replace("\xa0", " ")
    assert order.reference in text
    assert "1,500.00 MAD" in text or "1 500,00 MAD" in text
    assert "Pay here, no account needed." in text
    assert "Bank transfer" in text

    chosen = client.post(
        in_language("en", lambda: reverse("payments:order_pay", args=[order.public_id])), {"method": "bank_transfer"}
    )
    transfer_page = client.get(chosen["Location"])
    assert "190780212111234567890123" in transfer_page.text
    assert order.reference in transfer_page.text
    sent = client.post(chosen["Location"], {"receipt": png_receipt()}, follow=True)
    assert sent.status_code == 200
    assert "the treasurer will confirm your transfer" in sent.text
    assert "virement.png" in sent.text
    receipt = TransferReceipt.objects.get()
    assert (receipt.order, receipt.uploaded_by) == (order, None)
    order.refresh_from_db()
    assert order.payment_method == PaymentMethod.BANK_TRANSFER
    # Nobody logged in on the way.
    assert "_auth_user_id" not in client.session


def test_the_link_in_the_reservation_email_opens_the_order_in_a_fresh_browser(
    client, event, ticket, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register_as_guest(client, event, ticket)
    registration = Registration.objects.get()
    message = mail.outbox[-1]
    assert message.to == ["salma@invite.ma"]
    path = LINK.search(message.body).group(1)
    assert path in message.alternatives[0][0]  # the HTML part carries the same link

    browser = Client()
    opened = browser.get(path, follow=True)
    assert opened.status_code == 200
    assert registration.order.reference in opened.text
    assert opened.redirect_chain[-1][0] == reverse("payments:order_detail", args=[registration.order.public_id])
    proforma = browser.get(reverse("payments:proforma", args=[registration.order.public_id]))
    assert proforma["Content-Type"] == "application/pdf"


def test_the_reservation_email_offers_only_what_is_on_offer(client, event, ticket, django_capture_on_commit_callbacks):
    # Card payment is off (no Stripe keys in the test settings): the e-mail does not promise it.
    with django_capture_on_commit_callbacks(execute=True):
        register_as_guest(client, event, ticket, language="en")
    body = mail.outbox[-1].body
    assert "by bank transfer, to confirm it" in body
    assert "card" not in body.lower()
    assert "No account needed" in body
    assert "Paying by bank transfer? Choose it on the order page" in body
    assert "/accounts/password/reset/" not in body


def test_an_arabic_guest_gets_the_link_in_arabic(client, event, ticket, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register_as_guest(client, event, ticket, language="ar")
    path = LINK.search(mail.outbox[-1].body).group(1)
    assert path.startswith("/ar/payments/orders/link/")
    opened = Client().get(path, follow=True)
    assert opened.status_code == 200
    assert 'dir="rtl"' in opened.text


def test_another_browser_without_the_link_cannot_open_the_guests_order(client, event, ticket):
    register_as_guest(client, event, ticket)
    order = Registration.objects.get().order
    stranger = Client()
    response = stranger.get(reverse("payments:order_detail", args=[order.public_id]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    upload = stranger.post(reverse("payments:bank_transfer", args=[order.public_id]), {"receipt": png_receipt()})
    assert upload.status_code == 302 and "/accounts/login/" in upload["Location"]
    assert not TransferReceipt.objects.exists()


def test_the_guests_registration_page_leads_to_the_order_to_pay(client, event, ticket):
    register_as_guest(client, event, ticket)
    registration = Registration.objects.get()
    page = client.get(reverse("events:registration_detail", args=[registration.code])).text
    assert reverse("payments:order_detail", args=[registration.order.public_id]) in page
    assert "?next=" not in page


def test_a_guest_who_picks_bank_transfer_keeps_the_seat_longer(client, event, ticket):
    register_as_guest(client, event, ticket)
    registration = Registration.objects.get()
    card_hold = registration.expires_at
    client.post(reverse("payments:order_pay", args=[registration.order.public_id]), {"method": "bank_transfer"})
    registration.refresh_from_db()
    assert registration.expires_at > card_hold
    page = client.get(reverse("payments:bank_transfer", args=[registration.order.public_id])).text
    local = timezone.localtime(registration.expires_at)
    assert local.strftime("%Y") in page and str(local.day) in page
    assert registration.expires_at - registration.created_at >= timedelta(days=3)


def test_the_payment_confirmation_gives_a_guest_a_link_that_opens_the_paid_order(
    client, event, ticket, django_capture_on_commit_callbacks
):
    from payments.services import order_mark_paid

    register_as_guest(client, event, ticket)
    order = Registration.objects.get().order
    with django_capture_on_commit_callbacks(execute=True):
        order_mark_paid(order=order, provider="bank_transfer", method=PaymentMethod.BANK_TRANSFER, amount=order.total)
    confirmation = mail.outbox[-1]
    assert confirmation.attachments  # the invoice
    path = LINK.search(confirmation.body).group(1)
    page = Client().get(path, follow=True)
    assert order.reference in page.text
    assert page.context["order"].status == "paid"
    assert Registration.objects.get().status == Registration.Status.CONFIRMED
