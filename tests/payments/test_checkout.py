import pytest

from payments.models import Order, Payment
from tests.factories.payments import make_order
from tests.payments.fake_stripe import FakeStripe

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_stripe(settings):
    with FakeStripe() as fake:
        settings.STRIPE_SECRET_KEY = "sk_test_majlis"
        settings.STRIPE_PUBLISHABLE_KEY = "pk_test_majlis"
        settings.STRIPE_API_BASE = fake.url
        yield fake


@pytest.fixture
def buyer_order():
    order = make_order()
    return order


def choose_card(client, order):
    client.force_login(order.buyer_user)
    return client.post(f"/payments/orders/{order.public_id}/pay/", {"method": "card"})


def test_card_payment_sends_the_member_to_stripe_checkout(client, fake_stripe, buyer_order):
    response = choose_card(client, buyer_order)
    assert response.status_code == 302
    assert response["Location"] == "https://checkout.stripe.test/c/pay/cs_test_fake1"


def test_checkout_session_asks_stripe_for_the_order_amount_in_mad(client, fake_stripe, buyer_order):
    choose_card(client, buyer_order)
    (request,) = fake_stripe.requests
    form = request["form"]
    assert request["path"] == "/v1/checkout/sessions"
    assert form["currency"] == "mad"
    assert form["line_items[0][price_data][currency]"] == "mad"
    assert form["line_items[0][price_data][unit_amount]"] == "500000"
    assert form["line_items[0][quantity]"] == "1"
    assert form["mode"] == "payment"
    assert form["customer_email"] == buyer_order.buyer_email


def test_checkout_session_carries_the_order_in_both_metadata(client, fake_stripe, buyer_order):
    choose_card(client, buyer_order)
    form = fake_stripe.requests[0]["form"]
    assert form["metadata[order_id]"] == str(buyer_order.public_id)
    assert form["payment_intent_data[metadata][order_id]"] == str(buyer_order.public_id)
    assert form["payment_intent_data[metadata][reference]"] == buyer_order.reference


def test_checkout_session_returns_to_our_success_and_cancel_pages(client, fake_stripe, buyer_order):
    choose_card(client, buyer_order)
    form = fake_stripe.requests[0]["form"]
    base = f"http://testserver/payments/orders/{buyer_order.public_id}/card"
    assert form["success_url"] == f"{base}/success/?session_id={{CHECKOUT_SESSION_ID}}"
    assert form["cancel_url"] == f"{base}/cancelled/"


def test_checkout_session_request_is_idempotent_per_order_attempt(client, fake_stripe, buyer_order):
    choose_card(client, buyer_order)
    choose_card(client, buyer_order)
    keys = [request["headers"]["Idempotency-Key"] for request in fake_stripe.requests]
    assert keys == [f"majlis-checkout-{buyer_order.public_id}-0"] * 2
    assert Payment.objects.filter(order=buyer_order, status=Payment.Status.PENDING).count() == 1


def test_choosing_card_does_not_mark_the_order_paid(client, fake_stripe, buyer_order):
    choose_card(client, buyer_order)
    buyer_order.refresh_from_db()
    assert buyer_order.status == Order.Status.PENDING


def test_without_stripe_keys_only_bank_transfer_is_offered(client, buyer_order):
    client.force_login(buyer_order.buyer_user)
    response = client.get(f"/payments/orders/{buyer_order.public_id}/")
    assert response.status_code == 200
    assert [choice[0] for choice in response.context["form"].fields["method"].choices] == ["bank_transfer"]
    assert 'value="card"' not in response.content.decode()


def test_without_stripe_keys_a_forged_card_choice_is_refused(client, buyer_order):
    response = choose_card(client, buyer_order)
    assert response.status_code == 400


def test_stripe_unreachable_leaves_the_member_on_the_order_with_a_message(client, settings, buyer_order):
    settings.STRIPE_SECRET_KEY = "sk_test_majlis"
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens on the discard port
    response = choose_card(client, buyer_order)
    assert response.status_code == 302
    assert response["Location"] == f"/payments/orders/{buyer_order.public_id}/"
