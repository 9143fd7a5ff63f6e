"""End to end against localstripe, a fake but stateful Stripe server, delivering real signed webhooks.

localstripe runs on 127.0.0.1 only (not its default of every interface) and without writing its store to
/tmp/localstripe.pickle. It has no Checkout Sessions, so the payment is made as Checkout does underneath:
a PaymentIntent carrying the order in its metadata, confirmed with the test card pm_card_visa.
"""

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import stripe
from django.db import OperationalError

from payments.models import Order
from tests.factories.payments import make_order
from tests.payments.conftest import WEBHOOK_SECRET

SERVER = """
import logging
import sys
from aiohttp import web
logger = logging.getLogger("aiohttp.access")
logger.setLevel(logging.DEBUG)
logger.addHandler(logging.StreamHandler())
import localstripe.resources as resources
resources.Store.dump_to_disk = lambda self: None
from localstripe.server import app
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("localstripe did not start")


class LocalStripe:
    def __init__(self, url: str, log: Path):
        self.url = url
        self.log = log

    def wait_for_delivery(self, event_type: str, timeout: float = 20) -> str:
        """localstripe logs each webhook it posts; wait until this one got its answer from our endpoint."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.log.read_text().splitlines():
                if f'webhook "{event_type}"' in line:
                    return line
            time.sleep(0.2)
        return f"no {event_type} webhook delivered in {timeout}s; localstripe said:\n{self.log.read_text()}"


@pytest.fixture(scope="session")
def localstripe(tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("localstripe") / "server.log"
    with log.open("w") as log_file:
        process = subprocess.Popen([sys.executable, "-c", SERVER, str(port)], stdout=log_file, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port)
        yield LocalStripe(f"http://127.0.0.1:{port}", log)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def stripe_client(localstripe, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_majlis_localstripe"
    settings.STRIPE_API_BASE = localstripe.url
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, base_addresses={"api": localstripe.url})


def register_webhook(localstripe_url: str, url: str) -> None:
    import urllib.parse
    import urllib.request

    data = urllib.parse.urlencode({"url": url, "secret": WEBHOOK_SECRET}).encode()
    with urllib.request.urlopen(f"{localstripe_url}/_config/webhooks/majlis", data=data, timeout=10) as response:
        assert response.status == 200


def read_after_webhooks(order: Order) -> Order:
    # The live server shares the test's in-memory SQLite database; a webhook still being handled (localstripe
    # also sends events we ignore) can hold a table lock for a moment.
    for _attempt in range(50):
        try:
            order.refresh_from_db()
            return order
        except OperationalError:
            time.sleep(0.1)
    raise AssertionError("the database stayed locked")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_card_payment_confirmed_by_localstripe_marks_the_order_paid(live_server, localstripe, stripe_client):
    order = make_order()
    register_webhook(localstripe.url, f"{live_server.url}/payments/stripe/webhook/")
    intent = stripe_client.v1.payment_intents.create(
        params={
            "amount": order.total,
            "currency": "mad",
            "payment_method": "pm_card_visa",
            "metadata": {"order_id": str(order.public_id), "reference": order.reference},
        }
    )
    stripe_client.v1.payment_intents.confirm(intent.id)
    assert "successfully delivered" in localstripe.wait_for_delivery("payment_intent.succeeded")
    assert read_after_webhooks(order).status == Order.Status.PAID
    assert order.payments.get(status="succeeded").provider_reference == intent.id
    assert order.invoices.count() == 1
