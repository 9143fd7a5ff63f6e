"""A guest pays an order without an account: the browser session that made it, or the signed link of its e-mail,
opens that order's own pages and nothing else."""

import re
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from payments.links import SALT, OrderLinkExpired, order_from_link, order_link_path, order_link_token, order_link_url
from payments.models import Order, PaymentMethod, TransferReceipt
from payments.services import order_create
from tests.factories.payments import BuyerOrganisationFactory, make_order, other_line
from tests.payments.test_views import png_bytes, upload

pytestmark = pytest.mark.django_db


def in_language(language: str, path_of):
    with translation.override(language):
        return path_of()


def guest_opening(order, *, valid_until=None) -> Client:
    """A fresh browser that followed the order's signed link (French: no language prefix)."""
    browser = Client()
    valid_until = valid_until or timezone.now() + timedelta(days=2)
    response = browser.get(in_language("fr", lambda: order_link_path(order=order, valid_until=valid_until)))
    assert response.status_code == 302
    assert response["Location"] == in_language("fr", lambda: reverse("payments:order_detail", args=[order.public_id]))
    return browser


def test_the_signed_link_opens_the_order_and_the_transfer_page_without_an_account():
    order = make_order(organisation=BuyerOrganisationFactory(legal_name="Atlas Conseil SARL"))
    browser = guest_opening(order)
    page = browser.get(reverse("payments:order_detail", args=[order.public_id])).text
    assert order.reference in page
    assert "5 000,00 MAD" in page.replace("\xa0", " ")
    chosen = browser.post(reverse("payments:order_pay", args=[order.public_id]), {"method": "bank_transfer"})
    assert chosen["Location"] == reverse("payments:bank_transfer", args=[order.public_id])
    transfer = browser.get(chosen["Location"]).text
    assert "190780212111234567890123" in transfer
    assert order.reference in transfer
    assert upload(browser, order, "virement.png", png_bytes()).status_code == 302
    receipt = TransferReceipt.objects.get(order=order)
    assert receipt.uploaded_by is None
    order.refresh_from_db()
    assert order.payment_method == PaymentMethod.BANK_TRANSFER


def test_the_link_gives_no_access_to_the_companys_invoices_nor_to_cancelling():
    company = BuyerOrganisationFactory()
    order = make_order(organisation=company)
    browser = guest_opening(order)
    assert "/accounts/login/" in browser.get(reverse("payments:invoices"))["Location"]
    assert "/accounts/login/" in browser.post(reverse("payments:order_cancel", args=[order.public_id]))["Location"]
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING


def test_a_link_opens_only_its_own_order():
    mine = make_order(organisation=BuyerOrganisationFactory(legal_name="Atlas Conseil SARL"))
    theirs = make_order(organisation=BuyerOrganisationFactory(legal_name="Souss Data SA"))
    browser = guest_opening(mine)
    for name in ("order_detail", "bank_transfer", "proforma"):
        response = browser.get(reverse(f"payments:{name}", args=[theirs.public_id]))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name
    assert "Souss Data SA" not in browser.get(reverse("payments:order_detail", args=[mine.public_id])).text


def test_a_tampered_link_is_refused_with_a_message_and_opens_nothing():
    order = make_order()
    token = order_link_token(order=order, valid_until=timezone.now() + timedelta(days=2))
    payload, _sep, signature = token.rpartition(":")
    tampered = f"{payload}:{signature[:-2]}{'AA' if not signature.endswith('AA') else 'BB'}"
    browser = Client()
    response = browser.get(in_language("en", lambda: reverse("payments:order_link", args=[tampered])))
    assert response.status_code == 404
    assert "This payment link is not valid" in response.text
    assert order.reference not in response.text
    assert "/accounts/login/" in browser.get(reverse("payments:order_detail", args=[order.public_id]))["Location"]


def test_a_token_for_another_order_signed_elsewhere_is_refused():
    # Signed with the project's key but another salt (as another feature would): it opens no order.
    order = make_order()
    forged = signing.TimestampSigner(salt="members.invitation").sign_object(
        {"o": str(order.public_id), "u": int((timezone.now() + timedelta(days=2)).timestamp())}
    )
    assert Client().get(reverse("payments:order_link", args=[forged])).status_code == 404
    garbage = Client().get(reverse("payments:order_link", args=["not-a-token"]))
    assert garbage.status_code == 404


def test_an_expired_link_is_refused_with_a_message():
    order = make_order()
    browser = Client()
    past = timezone.now() - timedelta(minutes=1)
    response = browser.get(in_language("en", lambda: order_link_path(order=order, valid_until=past)))
    assert response.status_code == 403
    assert "This payment link has expired" in response.text
    assert "/accounts/login/" in browser.get(reverse("payments:order_detail", args=[order.public_id]))["Location"]


def test_the_emailed_link_lasts_until_the_deadline_plus_the_margin(settings):
    settings.PAYMENTS_ORDER_LINK_MARGIN_DAYS = 7
    order = make_order()
    deadline = timezone.now() + timedelta(days=2)
    url = in_language("fr", lambda: order_link_url(order=order, payable_until=deadline))
    assert url.startswith("http://testserver/payments/orders/link/")
    token = re.search(r"/link/([^/]+)/$", url).group(1)
    assert order_from_link(token, now=deadline + timedelta(days=6)) == order
    with pytest.raises(OrderLinkExpired):
        order_from_link(token, now=deadline + timedelta(days=8))


def test_a_signature_too_old_is_refused_whatever_the_link_says():
    order = make_order()
    far = int((timezone.now() + timedelta(days=999)).timestamp())
    aged = signing.TimestampSigner(salt=SALT)
    # Signed 200 days ago: beyond payments.links.MAX_AGE, however late the link says it expires.
    aged.timestamp = lambda: signing.b62_encode(int(time.time()) - 200 * 24 * 3600)
    too_old = aged.sign_object({"o": str(order.public_id), "u": far})
    response = Client().get(in_language("en", lambda: reverse("payments:order_link", args=[too_old])))
    assert response.status_code == 403
    assert "This payment link has expired" in response.text


def test_the_guest_is_offered_an_account_but_never_asked_for_one():
    order = make_order()  # its buyer has an account row, as a guest's registration makes one
    browser = guest_opening(order)
    page = browser.get(in_language("en", lambda: reverse("payments:order_detail", args=[order.public_id]))).text
    assert "You do not need one to pay" in page
    with translation.override("en"):
        assert reverse("account_reset_password") in page
    assert "Continue to payment" in page


def test_an_order_without_an_account_offers_the_sign_up_with_the_email_filled_in():
    order = order_create(lines=[other_line()], buyer_email="salma@invite.ma", billing_name="Salma Bennani")
    browser = guest_opening(order)
    page = browser.get(reverse("payments:order_detail", args=[order.public_id])).text
    assert f"{reverse('account_signup')}?email=salma%40invite.ma" in page
    signup = browser.get(f"{reverse('account_signup')}?email=salma%40invite.ma").text
    assert 'value="salma@invite.ma"' in signup
