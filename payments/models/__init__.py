from .invoices import DocumentKind, Invoice, InvoiceCounter, IssuedDocumentError
from .orders import REFERENCE_ALPHABET, Order, OrderLine, OrderQuerySet, PaymentMethod, new_transfer_reference
from .statements import BankStatementImport
from .transactions import Payment, Refund, TransferReceipt, WebhookEvent

__all__ = [
    "REFERENCE_ALPHABET",
    "BankStatementImport",
    "DocumentKind",
    "Invoice",
    "InvoiceCounter",
    "IssuedDocumentError",
    "Order",
    "OrderLine",
    "OrderQuerySet",
    "Payment",
    "PaymentMethod",
    "Refund",
    "TransferReceipt",
    "WebhookEvent",
    "new_transfer_reference",
]
