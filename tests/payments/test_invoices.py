import io
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone
from pypdf import PdfReader

from payments.invoices_pdf import render_invoice_pdf
from payments.models import Invoice, IssuedDocumentError, PaymentMethod
from payments.services import order_mark_paid, order_refund
from tests.factories.payments import BuyerOrganisationFactory, make_order

pytestmark = pytest.mark.django_db


def pay(order):
    order_mark_paid(order=order, provider="manual", method=PaymentMethod.CHEQUE, amount=order.total)
    return order.invoices.get()


def pdf_text(invoice) -> str:
    reader = PdfReader(io.BytesIO(render_invoice_pdf(invoice)))
    # What a reader sees: no-break spaces look like spaces.
    return "\n".join(page.extract_text() for page in reader.pages).replace("\xa0", " ")


def test_invoices_are_numbered_in_sequence_within_the_year():
    numbers = [pay(make_order()).number for _ in range(3)]
    year = timezone.localdate().year
    assert numbers == [f"F-{year}-00001", f"F-{year}-00002", f"F-{year}-00003"]


def test_numbering_starts_again_each_year():
    first = pay(make_order())
    # Pretend the counter of a new year: it starts at one, the past year's is untouched.
    from payments.services.invoices import _next_sequence

    assert _next_sequence(kind="invoice", year=first.year + 1) == 1
    assert _next_sequence(kind="invoice", year=first.year) == 2


def test_credit_notes_have_their_own_sequence():
    order = make_order()
    pay(order)
    order_refund(order=order, amount=order.total)
    credit_note = order.invoices.get(kind="credit_note")
    assert credit_note.number == f"AV-{credit_note.year}-00001"


def test_a_partial_refund_credits_only_the_refunded_amount():
    order = make_order()
    pay(order)
    order_refund(order=order, amount=100_000)
    order.refresh_from_db()
    assert order.status == "paid"
    assert order.invoices.get(kind="credit_note").total == 100_000


def test_an_issued_invoice_cannot_be_changed():
    invoice = pay(make_order())
    invoice.total = 1
    with pytest.raises(IssuedDocumentError):
        invoice.save()


def test_the_invoice_pdf_carries_the_legal_mentions():
    organisation = BuyerOrganisationFactory(legal_name="Atlas Logiciels SARL", ice="001122334455682")
    invoice = pay(make_order(organisation=organisation, billing_address="Technopark, Casablanca"))
    text = pdf_text(invoice)
    for mention in (
        invoice.number,
        "ASTEC",
        "ICE 001234567000062",
        "IF 40123456",
        "RC Casablanca 123456",
        "Atlas Logiciels SARL",
        "ICE 001122334455682",
        "Total TTC",
        "TVA non applicable",
    ):
        assert mention in text, mention


def test_the_invoice_pdf_shows_vat_when_charged(settings):
    settings.PAYMENTS_VAT_RATE = "20"
    invoice = pay(make_order())
    text = pdf_text(invoice)
    assert "TVA : 1 000,00 MAD" in text
    assert "Total TTC : 6 000,00 MAD" in text
    assert "TVA non applicable" not in text


def test_an_arabic_speaking_buyer_gets_an_arabic_invoice(settings):
    invoice = pay(make_order(language="ar"))
    text = pdf_text(invoice)
    assert invoice.number in text
    assert "ICE 001234567000062" in text
    assert any("\u0600" <= char <= "\u06ff" or "\ufe70" <= char <= "\ufeff" for char in text)


def test_amounts_in_an_arabic_invoice_keep_their_digit_groups_together(settings):
    # Set right to left with ordinary spaces, 5 000,00 MAD came out as "MAD 000,00 5".
    text = pdf_text(pay(make_order(language="ar")))
    assert "000,00 5" not in text
    assert "5 000,00" in text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_payments_get_gapless_numbers():
    if connection.vendor != "postgresql":
        pytest.skip("Row locks only serialise on PostgreSQL.")
    orders = [make_order() for _ in range(20)]
    barrier = threading.Barrier(len(orders))
    errors = []

    def pay_in_thread(order):
        try:
            barrier.wait()
            order_mark_paid(order=order, provider="manual", method=PaymentMethod.CASH, amount=order.total)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=pay_in_thread, args=(order,)) for order in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(Invoice.objects.values_list("sequence", flat=True)) == list(range(1, 21))
