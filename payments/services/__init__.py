"""Every write on orders, payments, refunds and invoices goes through these functions."""

from .errors import (
    OrderNotPayable,
    PaymentAmountMismatch,
    PaymentError,
    ProviderUnavailable,
    ReceiptRejected,
    RefundTooLarge,
    StatementAlreadyApplied,
    StatementUnreadable,
)
from .invoices import credit_note_issue, invoice_issue
from .orders import order_cancel, order_choose_method, order_create, order_mark_failed, order_mark_paid, order_refund
from .receipts import transfer_receipt_upload
from .statements import bank_statement_apply, bank_statement_preview
from .stripe_events import stripe_event_process

__all__ = [
    "OrderNotPayable",
    "PaymentAmountMismatch",
    "PaymentError",
    "ProviderUnavailable",
    "ReceiptRejected",
    "RefundTooLarge",
    "StatementAlreadyApplied",
    "StatementUnreadable",
    "bank_statement_apply",
    "bank_statement_preview",
    "credit_note_issue",
    "invoice_issue",
    "order_cancel",
    "order_choose_method",
    "order_create",
    "order_mark_failed",
    "order_mark_paid",
    "order_refund",
    "stripe_event_process",
    "transfer_receipt_upload",
]
