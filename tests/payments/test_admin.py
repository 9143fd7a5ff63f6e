import re
import time
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from payments.models import Order, PaymentMethod
from payments.services import order_mark_paid
from tests.factories.accounts import StaffUserFactory, add_totp
from tests.factories.payments import make_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    """The treasurer: a superuser whose session went through two-factor authentication."""
    staff = StaffUserFactory()
    add_totp(staff)
    client.force_login(staff)
    session = client.session
    session["account_authentication_methods"] = [{"method": "mfa", "type": "totp", "at": time.time()}]
    session["account_authentication_methods_user"] = str(staff.pk)
    session.save()
    return client


def test_orders_list_filters_by_status(admin_client):
    paid, pending = make_order(), make_order()
    order_mark_paid(order=paid, provider="manual", method=PaymentMethod.CASH, amount=paid.total)
    page = admin_client.get(reverse("payments_orders:index"), {"status": "pending"}).content.decode()
    assert pending.reference in page
    assert paid.reference not in page


def test_orders_are_found_by_reference(admin_client):
    wanted, other = make_order(), make_order()
    page = admin_client.get(reverse("payments_orders:index"), {"q": wanted.reference}).content.decode()
    assert wanted.reference in page
    assert other.reference not in page


def test_orders_export_as_csv(admin_client):
    order = make_order()
    response = admin_client.get(reverse("payments_orders:index"), {"export": "csv"})
    content = b"".join(response.streaming_content).decode()
    assert order.reference in content
    assert "5000,00" in content  # the French decimal comma, which a French Excel reads as a number


def test_invoices_export_as_xlsx(admin_client):
    order = make_order()
    order_mark_paid(order=order, provider="manual", method=PaymentMethod.CASH, amount=order.total)
    response = admin_client.get(reverse("payments_invoices:index"), {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_treasurer_records_a_cheque(admin_client):
    order = make_order()
    response = admin_client.post(
        reverse("payments_orders:edit", args=[order.pk]),
        {"method": "cheque", "received_on": "2026-03-02", "reference": "CHQ 0042117", "note": ""},
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert (order.status, order.payment_method) == (Order.Status.PAID, PaymentMethod.CHEQUE)
    assert order.payments.get().provider_reference == "CHQ 0042117"


def test_treasurer_confirms_a_transfer(admin_client):
    order = make_order()
    admin_client.post(
        reverse("payments_orders:edit", args=[order.pk]),
        {"method": "bank_transfer", "received_on": "2026-03-02", "reference": "", "note": "Vu sur le relevé"},
    )
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert order.invoices.count() == 1


def test_orders_cannot_be_created_or_deleted_in_the_admin(admin_client):
    order = make_order()
    assert admin_client.get(reverse("payments_orders:add")).status_code in (302, 403)
    assert admin_client.post(reverse("payments_orders:delete", args=[order.pk])).status_code in (302, 403)
    assert Order.objects.filter(pk=order.pk).exists()


def test_reconciliation_shows_the_dry_run_then_applies(admin_client):
    order = make_order()
    csv = f"Date;Libellé;Montant\n03/02/2026;VIR {order.reference};5 000,00\n03/02/2026;FRAIS;-45,00\n".encode()
    response = admin_client.post(
        reverse("payments_reconciliation:index"), {"statement": SimpleUploadedFile("releve.csv", csv)}
    )
    preview_url = response["Location"]
    groups = {key: rows for key, _title, rows in admin_client.get(preview_url).context["groups"]}
    assert [row["reference"] for row in groups["matched"]] == [order.reference]
    assert len(groups["unmatched"]) == 1
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING
    admin_client.post(preview_url)
    order.refresh_from_db()
    assert order.status == Order.Status.PAID


def test_members_cannot_open_the_reconciliation(client):
    client.force_login(make_order().buyer_user)
    response = client.get(reverse("payments_reconciliation:index"))
    assert response.status_code in (302, 403)


def test_the_record_payment_screen_shows_the_order_and_its_receipt(admin_client):
    order = make_order()
    order.receipts.create(
        original_name="virement.pdf", content_type="application/pdf", file=SimpleUploadedFile("v.pdf", b"%PDF-1.4")
    )
    response = admin_client.get(reverse("payments_orders:edit", args=[order.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert order.reference in page
    assert "virement.pdf" in page


def test_the_treasurer_opens_an_invoice_pdf(admin_client):
    order = make_order()
    order_mark_paid(order=order, provider="manual", method=PaymentMethod.CASH, amount=order.total)
    response = admin_client.get(reverse("payments_invoices:pdf", args=[order.invoices.get().pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_a_statement_that_is_not_csv_is_refused_with_a_message(admin_client):
    response = admin_client.post(
        reverse("payments_reconciliation:index"), {"statement": SimpleUploadedFile("photo.csv", b"\x89PNG\r\n")}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["statement"]


def test_treasurer_refunds_a_cash_payment_and_a_credit_note_is_issued(admin_client):
    order = make_order()
    order_mark_paid(order=order, provider="manual", method=PaymentMethod.CASH, amount=order.total)
    response = admin_client.post(
        reverse("payments_orders:refund", args=[order.pk]), {"amount": "5000.00", "reason": "Double paiement"}
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == Order.Status.REFUNDED
    assert order.invoices.get(kind="credit_note").total == 500_000


def test_a_partial_refund_is_typed_in_mad_the_french_way(admin_client):
    order = make_order()
    order_mark_paid(order=order, provider="manual", method=PaymentMethod.CASH, amount=order.total)
    form = admin_client.get(reverse("payments_orders:refund", args=[order.pk])).content.decode()
    assert 'value="5\u00a0000,00"' in form  # what can be refunded, in MAD

    response = admin_client.post(
        reverse("payments_orders:refund", args=[order.pk]), {"amount": "1 500,50", "reason": "Geste commercial"}
    )

    assert response.status_code == 302
    assert order.refunds.get().amount == 150_050


def test_a_refund_larger_than_what_was_paid_is_refused(admin_client):
    order = make_order()
    order_mark_paid(order=order, provider="manual", method=PaymentMethod.CASH, amount=order.total)
    response = admin_client.post(
        reverse("payments_orders:refund", args=[order.pk]), {"amount": "6000.00", "reason": "Erreur"}
    )
    assert response.status_code == 400
    assert not order.refunds.exists()


def test_an_orders_history_shows_who_received_the_money_and_the_refund(admin_client):
    from wagtail.models import ModelLogEntry

    from payments.services import order_refund

    order = make_order()
    order_mark_paid(order=order, provider="manual", method=PaymentMethod.CHEQUE, amount=order.total)
    order_refund(order=order, amount=order.total, reason="Annulation")

    actions = list(
        ModelLogEntry.objects.filter(object_id=str(order.pk)).order_by("pk").values_list("action", flat=True)
    )
    assert actions == ["wagtail.create", "payments.order_paid", "payments.order_refund"]
    response = admin_client.get(reverse("payments_orders:history", args=[order.pk]))
    assert response.status_code == 200


def test_the_inspect_views_show_amounts_in_mad_not_centimes(admin_client):
    order = make_order()
    payment = order_mark_paid(order=order, provider="manual", method=PaymentMethod.CASH, amount=order.total)
    pages = [
        admin_client.get(reverse("payments_orders:inspect", args=[order.pk])).content.decode(),
        admin_client.get(reverse("payments_payments:inspect", args=[payment.pk])).content.decode(),
        admin_client.get(reverse("payments_invoices:inspect", args=[order.invoices.get().pk])).content.decode(),
    ]

    for page in pages:
        assert "5\u00a0000,00\xa0MAD" in page
        assert "500000" not in page and "centimes" not in page


def test_the_order_inspect_view_shows_empty_fields_as_nothing_and_the_language_by_name(admin_client):
    order = make_order(language="ar")  # a guest's order: no company, not paid yet, no creator

    page = admin_client.get(reverse("payments_orders:inspect", args=[order.pk])).content.decode()

    assert ">None<" not in page.replace(" ", "").replace("\n", "")
    assert "Arabe" in page


class FormFields(HTMLParser):
    """The values a browser would send for the record-payment form, as the page renders it."""

    def __init__(self):
        super().__init__()
        self.values, self._select, self._first = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") and attrs.get("type") not in {"submit", "button", "file"}:
            self.values[attrs["name"]] = attrs.get("value", "")
        elif tag == "textarea" and attrs.get("name"):
            self.values[attrs["name"]] = ""
        elif tag == "select":
            self._select, self._first = attrs.get("name"), None
        elif tag == "option" and self._select:
            if self._first is None:
                self._first = attrs.get("value", "")
                self.values.setdefault(self._select, self._first)
            if "selected" in attrs:
                self.values[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def test_the_received_on_date_defaults_to_today_and_the_form_saves_as_it_comes(admin_client):
    # A French date ("04/12/2026") inside <input type=date> shows as empty: the first save then failed.
    order = make_order()
    url = reverse("payments_orders:edit", args=[order.pk])
    page = admin_client.get(url).content.decode()
    date_input = re.search(r'<input type="date" name="received_on"[^>]*>', page).group(0)
    assert f'value="{timezone.localdate().isoformat()}"' in date_input
    at = page.index('name="received_on"')
    fields = FormFields()
    fields.feed(page[page.rfind("<form", 0, at) : page.index("</form>", at)])
    assert fields.values["received_on"] == timezone.localdate().isoformat()
    response = admin_client.post(url, fields.values)
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert order.payments.get().received_on == timezone.localdate()
