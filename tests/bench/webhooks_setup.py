"""Prepare (or check) the unpaid orders that the benchmark's Stripe webhooks pay, in the bench database.

python tests/bench/webhooks_setup.py create <count> <run id>  → {"orders": [{"id", "reference", "total"}…], "probe": …}
python tests/bench/webhooks_setup.py check <run id>           → what the database holds for that run's orders

`create` also counts, in-process, the SQL queries of one webhook (a checkout.session.completed for an extra
order) and of its replay. Needs STRIPE_WEBHOOK_SECRET, as the server does.
"""

import json
import sys

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from webhooks import PATH, card_payment_events  # noqa: E402

from payments.models import DocumentKind, Order, OrderLine, Payment, WebhookEvent  # noqa: E402
from payments.services.orders import LineSpec, order_create  # noqa: E402
from tests.payments.stripe_events import signed  # noqa: E402


def _order(email: str, number: int | str) -> dict:
    order = order_create(
        lines=[LineSpec(kind=OrderLine.Kind.OTHER, description=f"Benchmark — commande {number}", unit_amount=50_000)],
        buyer_email=email,
        billing_name="Benchmark SARL",
        language="fr",
    )
    return {"id": str(order.public_id), "reference": order.reference, "total": order.total}


def _probe(run_id: str) -> dict:
    """SQL queries of one webhook and of its replay, through Django's test client (warm: after a first event)."""
    client = Client(raise_request_exception=False)
    counts = {}
    for name in ("warm-up", "probe"):
        with transaction.atomic():
            order = _order(f"webhook-probe-{run_id}-{name}@bench.example.ma", name)
        event = card_payment_events(order, f"bench_{run_id}_{name}")[0]
        for label in ("queries", "replay queries"):
            body, header = signed(event, settings.STRIPE_WEBHOOK_SECRET)
            with CaptureQueriesContext(connection) as captured:
                response = client.post(PATH, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header)
            counts[label] = len(captured.captured_queries)
            counts["status"] = max(counts.get("status", 0), response.status_code)
    return counts


def create(count: int, run_id: str) -> dict:
    with transaction.atomic():
        orders = [_order(f"webhook-{run_id}-{number}@bench.example.ma", number) for number in range(count)]
    return {"orders": orders, "probe": _probe(run_id)}


def check(run_id: str) -> dict:
    orders = Order.objects.filter(buyer_email__startswith=f"webhook-{run_id}-")
    counted = orders.annotate(
        payments_made=Count("payments", filter=Q(payments__status=Payment.Status.SUCCEEDED), distinct=True),
        invoices_issued=Count("invoices", filter=Q(invoices__kind=DocumentKind.INVOICE), distinct=True),
    ).values_list("status", "payments_made", "invoices_issued")
    rows = list(counted)
    return {
        "orders": len(rows),
        "paid": sum(1 for status, _, _ in rows if status == Order.Status.PAID),
        "orders with one payment": sum(1 for _, made, _ in rows if made == 1),
        "orders with one invoice": sum(1 for _, _, issued in rows if issued == 1),
        "duplicate payments": sum(max(0, made - 1) for _, made, _ in rows),
        "duplicate invoices": sum(max(0, issued - 1) for _, _, issued in rows),
        "events stored": WebhookEvent.objects.filter(event_id__regex=rf"^evt_bench_{run_id}_[0-9]+_(cs|pi)$").count(),
    }


if __name__ == "__main__":
    action = sys.argv[1]
    print(json.dumps(create(int(sys.argv[2]), sys.argv[3]) if action == "create" else check(sys.argv[2])))
