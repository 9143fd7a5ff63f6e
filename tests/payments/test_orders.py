import re

import pytest

from payments import fulfilment
from payments.models import Invoice, Order, Payment, PaymentMethod
from payments.services import PaymentAmountMismatch, order_mark_paid, order_refund
from payments.services.orders import LineSpec
from tests.factories.payments import BuyerOrganisationFactory, dues_line, make_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def fulfilled():
    """A test-only handler standing in for dues (the memberships app registers the real one)."""
    calls = []
    with fulfilment.override(
        "dues",
        on_paid=lambda line: calls.append(("paid", line.pk)),
        on_refunded=lambda line: calls.append(("refunded", line.pk)),
    ):
        yield calls


def pay(order, **kwargs):
    return order_mark_paid(order=order, provider="manual", method=PaymentMethod.CHEQUE, amount=order.total, **kwargs)


def test_transfer_reference_is_readable_and_unambiguous():
    order = make_order()
    assert re.fullmatch(r"MJ-\d{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5}", order.reference)


def test_order_keeps_the_billing_identity_of_the_day():
    organisation = BuyerOrganisationFactory(legal_name="Atlas Logiciels SARL", ice="001122334455682")
    order = make_order(organisation=organisation)
    organisation.legal_name = "Atlas Digital SA"
    organisation.save()
    order.refresh_from_db()
    assert (order.billing_name, order.billing_ice) == ("Atlas Logiciels SARL", "001122334455682")


def test_paying_an_order_runs_the_handlers_of_its_lines(fulfilled):
    order = make_order(lines=[dues_line()])
    pay(order)
    assert fulfilled == [("paid", order.lines.get().pk)]


def test_paying_an_order_issues_its_invoice():
    order = make_order()
    pay(order)
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert order.invoices.get().total == order.total


def test_paying_twice_records_one_payment_and_one_invoice(fulfilled):
    order = make_order(lines=[dues_line()])
    pay(order)
    assert pay(order) is None
    assert Payment.objects.filter(order=order, status=Payment.Status.SUCCEEDED).count() == 1
    assert Invoice.objects.filter(order=order).count() == 1
    assert len(fulfilled) == 1


def test_a_wrong_amount_does_not_pay_the_order():
    order = make_order()
    with pytest.raises(PaymentAmountMismatch):
        order_mark_paid(order=order, provider="manual", method=PaymentMethod.CASH, amount=order.total - 100)
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING


def test_a_failing_handler_leaves_nothing_half_paid():
    def explode(line):
        raise RuntimeError("membership service down")

    order = make_order(lines=[LineSpec(kind="ticket", description="Entrée", unit_amount=10_000)])
    with fulfilment.override("ticket", on_paid=explode), pytest.raises(RuntimeError):
        pay(order)
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING
    assert not Invoice.objects.exists()
    assert not Payment.objects.exists()


def test_a_full_refund_runs_the_refund_handlers(fulfilled):
    order = make_order(lines=[dues_line()])
    pay(order)
    order_refund(order=order, amount=order.total)
    assert fulfilled[-1] == ("refunded", order.lines.get().pk)


def test_confirmation_email_carries_the_invoice_pdf(django_capture_on_commit_callbacks, mailoutbox):
    order = make_order()
    with django_capture_on_commit_callbacks(execute=True):
        pay(order)
    invoice = order.invoices.get()
    (message,) = mailoutbox
    assert message.to == [order.buyer_email]
    assert order.reference in message.subject
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == (f"{invoice.number}.pdf", "application/pdf")
    assert content.startswith(b"%PDF")
