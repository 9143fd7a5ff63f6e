import io
import re

import pytest
from PIL import Image

from payments.models import PaymentMethod, TransferReceipt
from payments.services import order_mark_paid
from tests.factories.payments import make_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def company_b(company):
    from tests.factories.payments import BuyerOrganisationFactory

    return BuyerOrganisationFactory(legal_name="Souss Data SA")


def pay(order):
    order_mark_paid(order=order, provider="manual", method=PaymentMethod.CASH, amount=order.total)
    return order.invoices.get()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def upload(client, order, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(f"/payments/orders/{order.public_id}/transfer/", {"receipt": SimpleUploadedFile(name, content)})


def test_a_colleague_of_the_buying_company_sees_its_order(client, company, member_of):
    order = make_order(organisation=company)
    client.force_login(member_of(company))
    response = client.get(f"/payments/orders/{order.public_id}/")
    assert response.status_code == 200
    assert order.reference in response.content.decode()


def test_a_member_of_another_company_gets_404_for_the_order(client, company, company_b, member_of):
    order = make_order(organisation=company)
    client.force_login(member_of(company_b))
    assert client.get(f"/payments/orders/{order.public_id}/").status_code == 404
    assert client.get(f"/payments/orders/{order.public_id}/transfer/").status_code == 404


def test_a_member_of_another_company_gets_404_for_its_invoice(client, company, company_b, member_of):
    invoice = pay(make_order(organisation=company))
    client.force_login(member_of(company_b))
    assert client.get(f"/payments/invoices/{invoice.number}.pdf").status_code == 404


def test_a_member_downloads_their_company_invoice_as_pdf(client, company, member_of):
    invoice = pay(make_order(organisation=company))
    client.force_login(member_of(company))
    response = client.get(f"/payments/invoices/{invoice.number}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_my_invoices_lists_only_my_companys_invoices(client, company, company_b, member_of):
    mine = pay(make_order(organisation=company))
    theirs = pay(make_order(organisation=company_b))
    client.force_login(member_of(company))
    page = client.get("/payments/invoices/").content.decode()
    assert mine.number in page
    assert theirs.number not in page


def test_anonymous_visitors_are_sent_to_log_in(client, company):
    order = make_order(organisation=company)
    response = client.get(f"/payments/orders/{order.public_id}/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_transfer_page_shows_the_rib_and_the_reference(client):
    order = make_order()
    client.force_login(order.buyer_user)
    client.post(f"/payments/orders/{order.public_id}/pay/", {"method": "bank_transfer"})
    page = client.get(f"/payments/orders/{order.public_id}/transfer/").content.decode()
    assert "190780212111234567890123" in page
    assert order.reference in page
    order.refresh_from_db()
    assert order.payment_method == PaymentMethod.BANK_TRANSFER


def test_choosing_bank_transfer_leads_to_the_instructions(client):
    order = make_order()
    client.force_login(order.buyer_user)
    response = client.post(f"/payments/orders/{order.public_id}/pay/", {"method": "bank_transfer"})
    assert response["Location"] == f"/payments/orders/{order.public_id}/transfer/"


def test_a_real_png_receipt_is_accepted(client):
    order = make_order()
    client.force_login(order.buyer_user)
    response = upload(client, order, "virement.png", png_bytes())
    assert response.status_code == 302
    assert order.receipts.get().content_type == "image/png"


def test_a_fake_pdf_receipt_is_refused(client):
    order = make_order()
    client.force_login(order.buyer_user)
    response = upload(client, order, "virement.pdf", b"MZ\x90\x00 this is an executable, not a PDF")
    assert response.status_code == 400
    assert response.context["form"].errors["receipt"]
    assert not TransferReceipt.objects.exists()


def test_a_receipt_over_5_mb_is_refused(client):
    order = make_order()
    client.force_login(order.buyer_user)
    response = upload(client, order, "scan.pdf", b"%PDF-1.7\n" + b"0" * (5 * 1024 * 1024))
    assert response.status_code == 400
    assert not TransferReceipt.objects.exists()


def test_success_page_says_confirming_until_the_webhook_arrives(client):
    order = make_order()
    client.force_login(order.buyer_user)
    page = client.get(f"/en/payments/orders/{order.public_id}/card/success/?session_id=cs_test_1").content.decode()
    assert "being confirmed" in page
    assert "Reload this page" in page


def test_success_page_confirms_once_the_order_is_paid(client):
    order = make_order()
    pay(order)
    client.force_login(order.buyer_user)
    page = client.get(f"/en/payments/orders/{order.public_id}/card/success/").content.decode()
    assert "payment is confirmed" in page


def test_a_paid_order_offers_no_payment_form(client):
    order = make_order()
    pay(order)
    client.force_login(order.buyer_user)
    response = client.get(f"/payments/orders/{order.public_id}/")
    assert response.context["form"] is None
    assert f"/payments/invoices/{order.invoices.get().number}.pdf" in response.content.decode()


def test_the_order_page_works_in_arabic_right_to_left(client):
    order = make_order()
    client.force_login(order.buyer_user)
    response = client.get(f"/ar/payments/orders/{order.public_id}/")
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


def test_the_buyer_cancels_an_unpaid_order_and_can_no_longer_pay_it(client):
    order = make_order()
    client.force_login(order.buyer_user)
    assert (
        f"/payments/orders/{order.public_id}/cancel/"
        in client.get(f"/payments/orders/{order.public_id}/").content.decode()
    )

    response = client.post(f"/payments/orders/{order.public_id}/cancel/")

    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == "cancelled"
    page = client.get(f"/payments/orders/{order.public_id}/").content.decode()
    assert f"/payments/orders/{order.public_id}/pay/" not in page
    assert f"/payments/orders/{order.public_id}/cancel/" not in page


def test_a_plain_colleague_cannot_cancel_the_companys_order(client, company, member_of):
    order = make_order(organisation=company)
    client.force_login(member_of(company))

    assert client.post(f"/payments/orders/{order.public_id}/cancel/").status_code == 404
    order.refresh_from_db()
    assert order.status == "pending"


def test_the_companys_administrator_cancels_its_order(client, company):
    from members.models import OrganisationMember, Role
    from tests.factories.payments import BuyerFactory

    order = make_order(organisation=company)
    admin = BuyerFactory()
    OrganisationMember.objects.create(organisation=company, user=admin, role=Role.ADMIN)
    client.force_login(admin)

    client.post(f"/payments/orders/{order.public_id}/cancel/")

    order.refresh_from_db()
    assert order.status == "cancelled"


def test_another_company_cannot_cancel_the_order(client, company, company_b, member_of):
    order = make_order(organisation=company)
    client.force_login(member_of(company_b))

    assert client.post(f"/payments/orders/{order.public_id}/cancel/").status_code == 404
    order.refresh_from_db()
    assert order.status == "pending"


def test_a_paid_order_cannot_be_cancelled(client):
    order = make_order()
    pay(order)
    client.force_login(order.buyer_user)

    response = client.post(f"/payments/orders/{order.public_id}/cancel/", follow=True)

    order.refresh_from_db()
    assert order.status == "paid"
    assert response.status_code == 200


def test_the_receipt_field_is_required_and_no_longer_called_optional(client):
    order = make_order()
    client.force_login(order.buyer_user)
    page = client.get(f"/en/payments/orders/{order.public_id}/transfer/").content.decode()
    assert "Optional" not in page
    file_input = re.search(r'<input type="file" name="receipt"[^>]*>', page).group(0)
    assert "required" in file_input
    assert "Your transfer counts even without it" in page
    response = client.post(f"/en/payments/orders/{order.public_id}/transfer/", {})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()


def test_the_total_is_among_the_facts_above_a_two_column_table(client):
    # On a 360 px phone a four-column table pushed the total off the screen (tests/e2e checks the width).
    order = make_order()
    client.force_login(order.buyer_user)
    page = client.get(f"/payments/orders/{order.public_id}/").content.decode()
    total = re.search(r"<dd class=\"order-total\" data-order-total><strong>([^<]+)</strong>", page).group(1)
    assert total.replace("\xa0", " ") == "5 000,00 MAD"
    table = page[page.index('<table class="table payment-lines">') : page.index("</table>")]
    assert table.count('<th scope="col"') == 2


def test_without_stripe_the_order_page_offers_no_card(client, settings):
    settings.STRIPE_SECRET_KEY = ""
    order = make_order()
    client.force_login(order.buyer_user)
    page = client.get(f"/en/payments/orders/{order.public_id}/").content.decode()
    assert "Bank transfer" in page
    assert "Card" not in page


def test_in_arabic_the_order_heading_keeps_the_reference_in_one_piece(client):
    # "MJ-2026-PNZFB" inside an Arabic sentence, not isolated, showed as "-MJ" … "2026-PNZFB".
    order = make_order()
    client.force_login(order.buyer_user)

    page = client.get(f"/ar/payments/orders/{order.public_id}/").content.decode()

    heading = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)
    assert f"<bdi>{order.reference}</bdi>" in heading
