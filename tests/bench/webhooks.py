"""Stripe webhook processing over HTTP: many card payments confirmed at once, then every event delivered again.

Called by run.py against the gunicorn it started (with STRIPE_WEBHOOK_SECRET set). webhooks_setup.py creates
unpaid orders; each gets the two events Stripe sends for a card payment (checkout.session.completed and
payment_intent.succeeded, recorded payloads from tests/fixtures/stripe/), posted next to each other so that
two clients race on the same order. Then every event is replayed. Each POST is signed when it is sent, as
Stripe does. The check afterwards reads the database: every order paid, one payment and one invoice each.
"""

import http.client
import json
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

from load import Result

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

from tests.payments.stripe_events import recorded_event, signed  # noqa: E402

SETUP = Path(__file__).with_name("webhooks_setup.py")
PATH = "/payments/stripe/webhook/"


@dataclass
class WebhookRun:
    orders: int = 0
    first: Result = field(default_factory=Result)
    replay: Result = field(default_factory=Result)
    check: dict = field(default_factory=dict)
    probe: dict = field(default_factory=dict)

    @property
    def duplicates(self) -> int:
        return self.check.get("duplicate payments", 0) + self.check.get("duplicate invoices", 0)

    @property
    def paid_once(self) -> bool:
        """Every order paid, with exactly one payment and one invoice, and every distinct event stored once."""
        check = self.check
        return (
            check.get("orders") == self.orders
            and check.get("paid") == self.orders
            and check.get("orders with one payment") == self.orders
            and check.get("orders with one invoice") == self.orders
            and check.get("events stored") == 2 * self.orders
            and self.duplicates == 0
        )


def card_payment_events(order: dict, prefix: str) -> list[dict]:
    """The two events of one card payment for `order` ({"id", "reference", "total"}), with ids unique to it."""
    target = SimpleNamespace(public_id=order["id"], reference=order["reference"])
    intent = f"pi_{prefix}"
    return [
        recorded_event(
            "checkout_session_completed",
            order=target,
            event_id=f"evt_{prefix}_cs",
            id=f"cs_{prefix}",
            payment_intent=intent,
            amount_subtotal=order["total"],
            amount_total=order["total"],
            client_reference_id=order["reference"],
        ),
        recorded_event(
            "payment_intent_succeeded",
            order=target,
            event_id=f"evt_{prefix}_pi",
            id=intent,
            amount=order["total"],
            amount_received=order["total"],
            description=order["reference"],
        ),
    ]


def _setup(python: str, env: dict, root: Path, *args: str) -> dict:
    output = subprocess.run(
        [python, str(SETUP), *args], cwd=root, env=env, check=True, timeout=600, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def post_events(base: str, events: list[dict], *, secret: str, clients: int) -> Result:
    """POST each event once, in order, from `clients` keep-alive connections sharing one queue."""
    parts = urlsplit(base)
    if parts.hostname not in {"127.0.0.1", "localhost", "::1"}:
        raise ValueError("The benchmark only talks to the loopback interface.")
    result = Result()
    lock = threading.Lock()
    queue = iter(events)

    def take():
        with lock:
            return next(queue, None)

    def client():
        connection = None
        latencies, statuses = [], {}
        while (event := take()) is not None:
            body, signature = signed(event, secret)
            headers = {"Content-Type": "application/json", "Stripe-Signature": signature}
            began = time.perf_counter()
            try:
                if connection is None:
                    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
                connection.request("POST", PATH, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                status = 0
                if connection is not None:
                    connection.close()
                connection = None
            latencies.append(time.perf_counter() - began)
            statuses[status] = statuses.get(status, 0) + 1
        if connection is not None:
            connection.close()
        with lock:
            result.latencies.extend(latencies)
            for status, count in statuses.items():
                result.statuses[status] = result.statuses.get(status, 0) + count
                if status != 200:
                    result.errors += count

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.elapsed = time.perf_counter() - began
    result.requests = len(result.latencies)
    return result


def run(base: str, *, python: str, env: dict, root: Path, orders: int, clients: int) -> WebhookRun:
    run_id = uuid.uuid4().hex[:8]
    prepared = _setup(python, env, root, "create", str(orders), run_id)
    events = [
        event
        for number, order in enumerate(prepared["orders"])
        for event in card_payment_events(order, f"bench_{run_id}_{number}")
    ]
    secret = env["STRIPE_WEBHOOK_SECRET"]
    outcome = WebhookRun(orders=len(prepared["orders"]), probe=prepared["probe"])
    outcome.first = post_events(base, events, secret=secret, clients=clients)
    outcome.replay = post_events(base, events, secret=secret, clients=clients)
    outcome.check = _setup(python, env, root, "check", run_id)
    return outcome
