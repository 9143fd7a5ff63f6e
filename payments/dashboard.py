"""Payments' panels on My space (core.dashboard): the orders waiting to be paid, with a button to each, and the
link to the person's invoices. Registered in PaymentsConfig.ready()."""

from core.dashboard import ACTION, ASIDE, Panel, register_panels
from payments.selectors import payable_orders_for


def panels_of(request) -> list[Panel]:
    orders = payable_orders_for(user=request.user)
    panels = [Panel(ASIDE, "payments/components/dashboard_invoices.html", order=30)]
    if orders:
        panels.append(Panel(ACTION, "payments/components/dashboard_orders.html", {"orders": orders}, order=20))
    return panels


def register() -> None:
    register_panels("payments", panels_of)
