from pathlib import Path

from django.db import transaction

from payments import fulfilment
from payments.models import Order, PaymentMethod, TransferReceipt
from payments.services.errors import OrderNotPayable, ReceiptRejected

MAX_RECEIPT_BYTES = 5 * 1024 * 1024

# What the first bytes of each accepted type must be; the extension alone proves nothing.
SIGNATURES = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
}
EXTENSIONS = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def sniff_receipt(uploaded) -> str:
    """The content type of an uploaded receipt, or ReceiptRejected if it is not a real PDF, PNG or JPEG."""
    if uploaded.size > MAX_RECEIPT_BYTES:
        raise ReceiptRejected()
    expected = EXTENSIONS.get(Path(uploaded.name).suffix.lower())
    if expected is None:
        raise ReceiptRejected()
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if not head.startswith(SIGNATURES[expected]):
        raise ReceiptRejected()
    return expected


def transfer_receipt_upload(*, order: Order, uploaded, by=None) -> TransferReceipt:
    """Keep the buyer's proof of transfer for the treasurer, after checking what the file really is."""
    content_type = sniff_receipt(uploaded)
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if not order.is_payable:
            raise OrderNotPayable()
        receipt = TransferReceipt(
            order=order,
            original_name=Path(uploaded.name).name[:255],
            content_type=content_type,
            uploaded_by=by,
        )
        receipt.file.save(uploaded.name, uploaded, save=False)
        receipt.full_clean()
        receipt.save()
        if order.payment_method != PaymentMethod.BANK_TRANSFER:
            order.payment_method = PaymentMethod.BANK_TRANSFER
            order.save(update_fields=["payment_method", "updated_at"])
            fulfilment.run_method_chosen(order, PaymentMethod.BANK_TRANSFER)
    return receipt
