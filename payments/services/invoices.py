from django.db import transaction
from django.utils import timezone

from payments import conf
from payments.amounts import net_of
from payments.models import DocumentKind, Invoice, InvoiceCounter, Order, Refund
from payments.seller import seller_details


def _next_sequence(*, kind: str, year: int) -> int:
    # The counter row is locked until the transaction ends: concurrent payments queue here, so each
    # takes the next number and a rolled-back payment gives its number back.
    counter, _ = InvoiceCounter.objects.select_for_update().get_or_create(year=year, kind=kind)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def _buyer_snapshot(order: Order) -> dict:
    return {
        "name": order.billing_name,
        "address": order.billing_address,
        "ice": order.billing_ice,
        "email": order.buyer_email,
    }


def _vat_mention(vat_total: int) -> str:
    return "" if vat_total else conf.vat_exemption_mention()


def _issue(*, order: Order, kind: str, lines: list[dict], corrects=None, refund=None) -> Invoice:
    issued_at = timezone.now()
    year = timezone.localtime(issued_at).year
    sequence = _next_sequence(kind=kind, year=year)
    subtotal = sum(line["net"] for line in lines)
    vat_total = sum(line["vat"] for line in lines)
    invoice = Invoice(
        kind=kind,
        year=year,
        sequence=sequence,
        number=Invoice.format_number(kind, year, sequence),
        order=order,
        corrects=corrects,
        refund=refund,
        issued_at=issued_at,
        language=order.language,
        seller=seller_details(),
        buyer=_buyer_snapshot(order),
        lines=lines,
        currency=order.currency,
        subtotal=subtotal,
        vat_total=vat_total,
        total=subtotal + vat_total,
        vat_mention=_vat_mention(vat_total),
        payment_method=order.payment_method,
    )
    invoice.full_clean()
    invoice.save()
    return invoice


def invoice_issue(*, order: Order) -> Invoice:
    """Issue the invoice of a paid order (once: a second call returns the existing invoice)."""
    with transaction.atomic():
        existing = order.invoices.filter(kind=DocumentKind.INVOICE).first()
        if existing:
            return existing
        lines = [
            {
                "kind": line.kind,
                "description": line.description,
                "quantity": line.quantity,
                "unit_amount": line.unit_amount,
                "vat_rate": str(line.vat_rate),
                "net": line.net_amount,
                "vat": line.vat_amount,
                "gross": line.gross_amount,
            }
            for line in order.lines.all()
        ]
        return _issue(order=order, kind=DocumentKind.INVOICE, lines=lines)


def credit_note_issue(*, refund: Refund) -> Invoice:
    """Issue the credit note of a refund, against the order's invoice."""
    with transaction.atomic():
        order = refund.order
        invoice = order.invoices.filter(kind=DocumentKind.INVOICE).first()
        if refund.amount == order.total and invoice:
            lines = invoice.lines
        else:
            rates = {line.vat_rate for line in order.lines.all()}
            rate = rates.pop() if len(rates) == 1 else conf.vat_rate()
            net = net_of(refund.amount, rate)
            description = f"Remboursement partiel — facture {invoice.number}" if invoice else "Remboursement partiel"
            lines = [
                {
                    "kind": "other",
                    "description": description,
                    "quantity": 1,
                    "unit_amount": net,
                    "vat_rate": str(rate),
                    "net": net,
                    "vat": refund.amount - net,
                    "gross": refund.amount,
                }
            ]
        return _issue(order=order, kind=DocumentKind.CREDIT_NOTE, lines=lines, corrects=invoice, refund=refund)
