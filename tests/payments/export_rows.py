"""The payments app's exporting listings, and how to put a row in each (see tests.spreadsheets)."""

from payments.models import Invoice, Payment, PaymentMethod
from payments.services import order_mark_paid
from tests.factories.payments import make_order
from tests.spreadsheets import Listing


def paid_order():
    order = make_order()
    order_mark_paid(order=order, provider="manual", method=PaymentMethod.CASH, amount=order.total)
    return order


LISTINGS = [
    Listing("payments_orders:index", lambda index: make_order()),
    Listing("payments_payments:index", lambda index: Payment.objects.get(order=paid_order())),
    Listing("payments_invoices:index", lambda index: Invoice.objects.get(order=paid_order())),
]
