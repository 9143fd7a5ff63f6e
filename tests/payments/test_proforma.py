"""The pro-forma invoice of an unpaid order, which companies need before they order a transfer."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from payments.models import PaymentMethod
from payments.services import order_mark_paid
from tests.factories.payments import BuyerOrganisationFactory, make_order

pytestmark = pytest.mark.django_db


def proforma_url(order, language="fr"):
    with translation.override(language):
        return reverse("payments:proforma", args=[order.public_id])


def text_of(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages).replace("\xa0", " ")


@pytest.fixture
def company_order(member_of):
    company = BuyerOrganisationFactory(legal_name="Atlas Logiciels SARL", ice="001122334455682")
    order = make_order(organisation=company, billing_address="Technopark, Casablanca")
    return order, member_of(company)


def test_the_french_pro_forma_says_what_it_is_and_how_to_pay(client, company_order):
    order, colleague = company_order
    client.force_login(colleague)
    text = text_of(client.get(proforma_url(order)))
    for expected in (
        "PRO FORMA — ne vaut pas facture",
        "ASTEC",
        "ICE 001234567000062",
        "Atlas Logiciels SARL",
        "ICE 001122334455682",
        order.reference,
        "Total TTC : 5 000,00 MAD",
        "190780212111234567890123",
        "Banque Populaire",
        "TVA non applicable",
    ):
        assert expected in text, expected
    valid_until = (timezone.localdate() + timedelta(days=30)).strftime("%d/%m/%Y")
    assert f"Valable jusqu'au : {valid_until}" in text


def test_the_english_pro_forma(client, company_order):
    order, colleague = company_order
    client.force_login(colleague)
    text = text_of(client.get(proforma_url(order, "en")))
    assert "PRO FORMA — not an invoice" in text
    assert "Valid until" in text
    assert "Total incl. VAT : 5 000,00 MAD" in text
    assert order.reference in text


def test_the_arabic_pro_forma_is_right_to_left_with_its_numbers_whole(client, company_order):
    order, colleague = company_order
    client.force_login(colleague)
    text = text_of(client.get(proforma_url(order, "ar")))
    assert order.reference in text
    assert "190780212111234567890123" in text
    assert "5 000,00" in text and "000,00 5" not in text
    assert any("\u0600" <= char <= "\u06ff" or "\ufe70" <= char <= "\ufeff" for char in text)


def test_the_order_and_transfer_pages_offer_the_pro_forma_while_unpaid(client, company_order):
    order, colleague = company_order
    client.force_login(colleague)
    url = proforma_url(order)
    assert url in client.get(reverse("payments:order_detail", args=[order.public_id])).text
    assert url in client.get(reverse("payments:bank_transfer", args=[order.public_id])).text
    order_mark_paid(order=order, provider="manual", method=PaymentMethod.CASH, amount=order.total)
    assert url not in client.get(reverse("payments:order_detail", args=[order.public_id])).text
    response = client.get(proforma_url(order, "en"), follow=True)
    assert response.status_code == 200
    assert "there is no pro-forma invoice for it" in response.text


def test_another_company_gets_no_pro_forma(client, company_order, member_of):
    order, _colleague = company_order
    client.force_login(member_of(BuyerOrganisationFactory(legal_name="Souss Data SA")))
    assert client.get(proforma_url(order)).status_code == 404
