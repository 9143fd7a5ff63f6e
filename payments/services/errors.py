from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class PaymentError(DomainError):
    """A payment rule was broken; the message is safe to show to the person who tried."""

    default_message = _("The payment could not be processed.")


class OrderNotPayable(PaymentError):
    default_message = _("This order can no longer be paid.")


class PaymentAmountMismatch(PaymentError):
    default_message = _("The amount received does not match the order total.")


class ProviderUnavailable(PaymentError):
    default_message = _("This payment method is not available.")


class RefundTooLarge(PaymentError):
    default_message = _("A refund cannot exceed what was paid and not yet refunded.")


class ReceiptRejected(PaymentError):
    default_message = _("Upload a PDF, JPG or PNG file of at most 5 MB.")


class StatementUnreadable(PaymentError):
    default_message = _("The bank statement could not be read: expected a CSV file with date, label and amount.")


class StatementAlreadyApplied(PaymentError):
    default_message = _("This bank statement has already been applied.")
