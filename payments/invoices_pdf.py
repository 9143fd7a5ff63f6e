"""Invoices and credit notes as PDF (fpdf2): French, or Arabic right to left when the buyer reads Arabic; and
the pro-forma invoice of an unpaid order, in French, English or Arabic (what companies need to order a transfer).

The labels are written out here rather than taken from the translation catalogues: they are legal
mentions, and a missing catalogue entry must not change what an issued invoice says.
"""

from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from core.money import format_money
from core.pdf import MajlisPDF
from payments import conf
from payments.models import Invoice, Order
from payments.seller import seller_details

LABELS = {
    "fr": {
        "invoice": "Facture",
        "credit_note": "Avoir",
        "number": "N°",
        "date": "Date",
        "seller": "Vendeur",
        "buyer": "Client",
        "ice": "ICE",
        "if": "IF",
        "rc": "RC",
        "order": "Commande",
        "corrects": "Avoir sur la facture",
        "description": "Désignation",
        "quantity": "Qté",
        "unit": "P.U. HT",
        "vat_rate": "TVA %",
        "total_line": "Total HT",
        "subtotal": "Total HT",
        "vat": "TVA",
        "total": "Total TTC",
        "method": "Mode de paiement",
        "paid": "Payée",
        "methods": {"card": "Carte bancaire", "bank_transfer": "Virement", "cheque": "Chèque", "cash": "Espèces"},
    },
    "ar": {
        "invoice": "فاتورة",
        "credit_note": "إشعار دائن",
        "number": "رقم",
        "date": "التاريخ",
        "seller": "البائع",
        "buyer": "الزبون",
        "ice": "ICE",
        "if": "IF",
        "rc": "RC",
        "order": "الطلب",
        "corrects": "إشعار دائن عن الفاتورة",
        "description": "البيان",
        "quantity": "الكمية",
        "unit": "ثمن الوحدة دون احتساب الرسوم",
        "vat_rate": "نسبة الضريبة",
        "total_line": "المجموع دون احتساب الرسوم",
        "subtotal": "المجموع دون احتساب الرسوم",
        "vat": "الضريبة على القيمة المضافة",
        "total": "المجموع مع احتساب الرسوم",
        "method": "طريقة الأداء",
        "paid": "مؤداة",
        "methods": {"card": "بطاقة بنكية", "bank_transfer": "تحويل بنكي", "cheque": "شيك", "cash": "نقدا"},
    },
}


class _InvoicePDF(MajlisPDF):
    def __init__(self, rtl: bool):
        super().__init__(rtl=rtl, format="A4")
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(15, 15, 15)


def _seller_block(pdf: _InvoicePDF, seller: dict, labels: dict) -> None:
    pdf.line_of_text(seller.get("name", ""), size=14, bold=True, height=7)
    if seller.get("address"):
        pdf.line_of_text(seller["address"])
    identifiers = " · ".join(
        f"{labels[key]} {seller[field]}"
        for key, field in (("ice", "ice"), ("if", "if_number"), ("rc", "rc"))
        if seller.get(field)
    )
    if identifiers:
        pdf.line_of_text(identifiers)
    pdf.ln(6)


def _buyer_block(pdf: _InvoicePDF, buyer: dict, labels: dict) -> None:
    pdf.line_of_text(labels["buyer"], bold=True)
    pdf.line_of_text(buyer.get("name", ""))
    if buyer.get("address"):
        pdf.line_of_text(buyer["address"])
    if buyer.get("ice"):
        pdf.line_of_text(f"{labels['ice']} {buyer['ice']}")
    pdf.ln(6)


def _lines_and_totals(pdf: _InvoicePDF, labels: dict, lines: list[dict], totals: tuple[int, int, int], currency: str):
    """`lines`: description, quantity, unit_amount, vat_rate, net (centimes) each; `totals`: net, VAT, gross."""
    headings = [labels["description"], labels["quantity"], labels["unit"], labels["vat_rate"], labels["total_line"]]
    widths = [80, 15, 32, 20, 33]
    rows = [
        [
            line["description"],
            str(line["quantity"]),
            format_money(line["unit_amount"], currency, no_break=True),
            f"{Decimal(line['vat_rate']).normalize():f}",
            format_money(line["net"], currency, no_break=True),
        ]
        for line in lines
    ]
    if pdf.rtl:
        headings, widths, rows = headings[::-1], widths[::-1], [row[::-1] for row in rows]
    pdf.plex(9)
    with pdf.table(col_widths=widths, text_align=pdf.start, line_height=6) as table:
        table.row(headings)
        for row in rows:
            table.row(row)
    pdf.ln(4)
    subtotal, vat_total, total = totals
    for label, amount, bold in (
        (labels["subtotal"], subtotal, False),
        (labels["vat"], vat_total, False),
        (labels["total"], total, True),
    ):
        pdf.plex(10, bold=bold)
        pdf.cell(
            0,
            6,
            f"{label} : {format_money(amount, currency, no_break=True)}",
            align=pdf.end,
            new_x="LMARGIN",
            new_y="NEXT",
        )


def render_invoice_pdf(invoice: Invoice) -> bytes:
    """The PDF of an issued invoice or credit note, built from its own copy of every detail."""
    language = "ar" if invoice.language == "ar" else "fr"
    labels = LABELS[language]
    pdf = _InvoicePDF(rtl=language == "ar")
    pdf.set_title(invoice.number)
    pdf.set_creator("Majlis")
    pdf.add_page()
    title = labels["credit_note"] if invoice.is_credit_note else labels["invoice"]
    _seller_block(pdf, invoice.seller, labels)

    pdf.line_of_text(f"{title} {labels['number']} {invoice.number}", size=16, bold=True, height=8)
    issued = timezone.localtime(invoice.issued_at).strftime("%d/%m/%Y")
    pdf.line_of_text(f"{labels['date']} : {issued}")
    pdf.line_of_text(f"{labels['order']} : {invoice.order.reference}")
    if invoice.corrects_id:
        pdf.line_of_text(f"{labels['corrects']} {invoice.corrects.number}")
    pdf.ln(4)
    _buyer_block(pdf, invoice.buyer, labels)
    _lines_and_totals(
        pdf, labels, invoice.lines, (invoice.subtotal, invoice.vat_total, invoice.total), invoice.currency
    )
    if invoice.vat_mention:
        pdf.ln(2)
        pdf.line_of_text(invoice.vat_mention, size=9)
    if invoice.payment_method and not invoice.is_credit_note:
        method = labels["methods"].get(invoice.payment_method, invoice.payment_method)
        pdf.ln(2)
        pdf.line_of_text(f"{labels['paid']} — {labels['method']} : {method}", size=9)
    return bytes(pdf.output())


# The pro-forma: an invoice's table and totals, under a title that says it is none.
PROFORMA_LABELS = {
    "fr": {
        **LABELS["fr"],
        "title": "PRO FORMA — ne vaut pas facture",
        "valid_until": "Valable jusqu'au",
        "how_to_pay": "Paiement par virement bancaire, en indiquant la référence {reference}",
        "reference": "Référence à indiquer",
        "holder": "Titulaire du compte",
        "bank": "Banque",
        "rib": "RIB",
        "iban": "IBAN",
        "swift": "SWIFT / BIC",
        "final": "La facture définitive est émise à réception du paiement.",
    },
    "en": {
        **LABELS["fr"],
        "number": "No.",
        "date": "Date",
        "seller": "Seller",
        "buyer": "Bill to",
        "order": "Order",
        "description": "Description",
        "quantity": "Qty",
        "unit": "Unit price excl. VAT",
        "vat_rate": "VAT %",
        "total_line": "Total excl. VAT",
        "subtotal": "Total excl. VAT",
        "vat": "VAT",
        "total": "Total incl. VAT",
        "title": "PRO FORMA — not an invoice",
        "valid_until": "Valid until",
        "how_to_pay": "Payment by bank transfer, quoting the reference {reference}",
        "reference": "Reference to quote",
        "holder": "Account holder",
        "bank": "Bank",
        "rib": "RIB",
        "iban": "IBAN",
        "swift": "SWIFT / BIC",
        "final": "The final invoice is issued once the payment is received.",
    },
    "ar": {
        **LABELS["ar"],
        "title": "فاتورة شكلية — لا تعتبر فاتورة",
        "valid_until": "صالحة إلى غاية",
        "how_to_pay": "الأداء بتحويل بنكي مع ذكر المرجع {reference}",
        "reference": "المرجع الواجب ذكره",
        "holder": "صاحب الحساب",
        "bank": "البنك",
        "rib": "RIB",
        "iban": "IBAN",
        "swift": "SWIFT / BIC",
        "final": "تصدر الفاتورة النهائية عند التوصل بالأداء.",
    },
}


def render_proforma_pdf(order: Order, *, language: str, valid_until: datetime | None, bank: dict) -> bytes:
    """The pro-forma invoice of an unpaid order: the seller, the buyer, the lines and total as they stand, the
    reference to quote and the association's bank account, valid until `valid_until` (what the order is for
    may end then, a reservation for instance) or for PAYMENTS_PROFORMA_VALIDITY_DAYS."""
    language = language if language in PROFORMA_LABELS else "fr"
    labels = PROFORMA_LABELS[language]
    pdf = _InvoicePDF(rtl=language == "ar")
    pdf.set_title(f"{labels['title']} {order.reference}")
    pdf.set_creator("Majlis")
    pdf.add_page()
    _seller_block(pdf, seller_details(), labels)

    pdf.line_of_text(labels["title"], size=16, bold=True, height=8)
    today = timezone.localdate()
    until = timezone.localtime(valid_until).date() if valid_until else today + conf.proforma_validity()
    pdf.line_of_text(f"{labels['order']} : {order.reference}")
    pdf.line_of_text(f"{labels['date']} : {today.strftime('%d/%m/%Y')}")
    pdf.line_of_text(f"{labels['valid_until']} : {until.strftime('%d/%m/%Y')}", bold=True)
    pdf.ln(4)
    buyer = {"name": order.billing_name, "address": order.billing_address, "ice": order.billing_ice}
    _buyer_block(pdf, buyer, labels)
    lines = [
        {
            "description": line.description,
            "quantity": line.quantity,
            "unit_amount": line.unit_amount,
            "vat_rate": line.vat_rate,
            "net": line.net_amount,
        }
        for line in order.lines.all()
    ]
    _lines_and_totals(pdf, labels, lines, (order.subtotal, order.vat_total, order.total), order.currency)
    if not order.vat_total:
        pdf.ln(2)
        pdf.line_of_text(conf.vat_exemption_mention(), size=9)
    pdf.ln(4)
    pdf.line_of_text(labels["how_to_pay"].format(reference=order.reference), bold=True)
    for key, field in (
        ("reference", None),
        ("holder", "account_holder"),
        ("bank", "bank_name"),
        ("rib", "rib"),
        ("iban", "iban"),
        ("swift", "swift"),
    ):
        value = order.reference if field is None else bank.get(field, "")
        if value:
            pdf.line_of_text(f"{labels[key]} : {value}")
    pdf.ln(2)
    pdf.line_of_text(labels["final"], size=9)
    return bytes(pdf.output())
