"""Invoices and credit notes as PDF (fpdf2): French, or Arabic right to left when the buyer reads Arabic.

The labels are written out here rather than taken from the translation catalogues: they are legal
mentions, and a missing catalogue entry must not change what an issued invoice says.
"""

from decimal import Decimal

from django.utils import timezone

from core.money import format_money
from core.pdf import MajlisPDF
from payments.models import Invoice

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


def render_invoice_pdf(invoice: Invoice) -> bytes:
    """The PDF of an issued invoice or credit note, built from its own copy of every detail."""
    language = "ar" if invoice.language == "ar" else "fr"
    labels = LABELS[language]
    pdf = _InvoicePDF(rtl=language == "ar")
    pdf.set_title(invoice.number)
    pdf.set_creator("Majlis")
    pdf.add_page()
    seller, buyer = invoice.seller, invoice.buyer
    title = labels["credit_note"] if invoice.is_credit_note else labels["invoice"]

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

    pdf.line_of_text(f"{title} {labels['number']} {invoice.number}", size=16, bold=True, height=8)
    issued = timezone.localtime(invoice.issued_at).strftime("%d/%m/%Y")
    pdf.line_of_text(f"{labels['date']} : {issued}")
    pdf.line_of_text(f"{labels['order']} : {invoice.order.reference}")
    if invoice.corrects_id:
        pdf.line_of_text(f"{labels['corrects']} {invoice.corrects.number}")
    pdf.ln(4)

    pdf.line_of_text(labels["buyer"], bold=True)
    pdf.line_of_text(buyer.get("name", ""))
    if buyer.get("address"):
        pdf.line_of_text(buyer["address"])
    if buyer.get("ice"):
        pdf.line_of_text(f"{labels['ice']} {buyer['ice']}")
    pdf.ln(6)

    headings = [labels["description"], labels["quantity"], labels["unit"], labels["vat_rate"], labels["total_line"]]
    widths = [80, 15, 32, 20, 33]
    rows = [
        [
            line["description"],
            str(line["quantity"]),
            format_money(line["unit_amount"], invoice.currency, no_break=True),
            f"{Decimal(line['vat_rate']).normalize():f}",
            format_money(line["net"], invoice.currency, no_break=True),
        ]
        for line in invoice.lines
    ]
    if pdf.rtl:
        headings, widths, rows = headings[::-1], widths[::-1], [row[::-1] for row in rows]
    pdf.plex(9)
    with pdf.table(col_widths=widths, text_align=pdf.start, line_height=6) as table:
        table.row(headings)
        for row in rows:
            table.row(row)
    pdf.ln(4)

    for label, amount, bold in (
        (labels["subtotal"], invoice.subtotal, False),
        (labels["vat"], invoice.vat_total, False),
        (labels["total"], invoice.total, True),
    ):
        pdf.plex(10, bold=bold)
        pdf.cell(
            0,
            6,
            f"{label} : {format_money(amount, invoice.currency, no_break=True)}",
            align=pdf.end,
            new_x="LMARGIN",
            new_y="NEXT",
        )
    if invoice.vat_mention:
        pdf.ln(2)
        pdf.line_of_text(invoice.vat_mention, size=9)
    if invoice.payment_method and not invoice.is_credit_note:
        method = labels["methods"].get(invoice.payment_method, invoice.payment_method)
        pdf.ln(2)
        pdf.line_of_text(f"{labels['paid']} — {labels['method']} : {method}", size=9)
    return bytes(pdf.output())
