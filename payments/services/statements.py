"""Bank statement reconciliation: read a CSV, match lines to orders by reference and amount, then apply."""

import csv
import io
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from payments import conf
from payments.models import REFERENCE_ALPHABET, BankStatementImport, Order, PaymentMethod
from payments.services.errors import PaymentAmountMismatch, PaymentError, StatementAlreadyApplied, StatementUnreadable
from payments.services.orders import order_mark_paid

MATCHED, AMBIGUOUS, UNMATCHED = "matched", "ambiguous", "unmatched"
REASONS = {
    "debit": _("A debit, not a payment received."),
    "several_references": _("Several order references in the label."),
    "unknown_reference": _("No order has this reference."),
    "already_settled": _("The order is already paid, refunded or cancelled."),
    "amount_differs": _("The amount differs from the order total."),
    "same_amount": _("No reference; the amount matches several pending orders or one without proof."),
    "no_reference": _("No order reference in the label."),
}
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y")
SPACES = re.compile(r"[\s\u00a0\u202f']")


def parse_amount(text: str) -> int:
    """'1 500,00', '1.500,00', '1500.00' or '1,500.00' → 150000 centimes."""
    value = SPACES.sub("", text.strip()).replace("MAD", "").replace("DH", "")
    if "," in value and "." in value:
        decimal_mark = "," if value.rfind(",") > value.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        value = value.replace(thousands, "").replace(decimal_mark, ".")
    elif "," in value:
        head, _, tail = value.rpartition(",")
        value = f"{head.replace(',', '')}.{tail}" if len(tail) in (1, 2) else value.replace(",", "")
    elif value.count(".") > 1 or re.search(r"\.\d{3}$", value):
        value = value.replace(".", "")
    try:
        amount = Decimal(value)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    return int((amount * 100).to_integral_value())


def parse_date(text: str) -> date:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _reference_pattern() -> re.Pattern:
    prefix = re.escape(conf.reference_prefix())
    # Banks often drop or replace the dashes, and some upper-case or lower-case everything.
    return re.compile(
        rf"{prefix}[\s\-_/]?(\d{{4}})[\s\-_/]?([{REFERENCE_ALPHABET}]{{5}})(?![{REFERENCE_ALPHABET}])", re.I
    )


def read_statement(content: bytes) -> list[dict]:
    """Rows of (date, label, amount) from a CSV with ';' or ',' separators and an optional header."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise StatementUnreadable()
    delimiter = ";" if text.count(";") >= text.count(",") else ","
    rows = []
    for number, record in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) < 3:
            raise StatementUnreadable()
        try:
            row_date = parse_date(record[0])
            amount = parse_amount(record[-1])
        except ValueError:
            if number == 1:  # a header line
                continue
            raise StatementUnreadable() from None
        label = delimiter.join(record[1:-1]).strip()
        rows.append({"line": number, "date": row_date.isoformat(), "label": label, "amount": amount})
    if not rows:
        raise StatementUnreadable()
    return rows


def _match(row: dict) -> dict:
    pattern = _reference_pattern()
    references = {f"{conf.reference_prefix()}-{year}-{code.upper()}" for year, code in pattern.findall(row["label"])}
    result = {**row, "result": UNMATCHED, "order": None, "reference": "", "reason": ""}
    if row["amount"] <= 0:
        result["reason"] = "debit"
        return result
    if len(references) > 1:
        return {**result, "result": AMBIGUOUS, "reason": "several_references"}
    if references:
        reference = references.pop()
        order = Order.objects.filter(reference=reference).first()
        if order is None:
            return {**result, "reference": reference, "reason": "unknown_reference"}
        result.update(order=order.pk, reference=reference)
        if not order.is_payable:
            return {**result, "result": AMBIGUOUS, "reason": "already_settled"}
        if order.total != row["amount"]:
            return {**result, "result": AMBIGUOUS, "reason": "amount_differs"}
        return {**result, "result": MATCHED}
    candidates = list(Order.objects.awaiting_transfer().filter(total=row["amount"]).values_list("pk", "reference")[:5])
    if candidates:
        return {
            **result,
            "result": AMBIGUOUS,
            "reason": "same_amount",
            "candidates": [reference for _pk, reference in candidates],
        }
    return {**result, "reason": "no_reference"}


def bank_statement_preview(*, filename: str, content: bytes, by=None) -> BankStatementImport:
    """Read a statement and store how each line matches, without paying anything (the dry run)."""
    rows = [_match(row) for row in read_statement(content)]
    return BankStatementImport.stage(filename=filename, by=by, rows=rows)


def bank_statement_apply(*, statement: BankStatementImport, by=None) -> int:
    """Mark paid the orders of the matched lines (checked again now); returns how many were paid."""
    paid = 0
    with transaction.atomic():
        statement = BankStatementImport.locked(statement.pk)
        if statement.is_applied:
            raise StatementAlreadyApplied()
        rows = []
        for row in statement.rows:
            if row["result"] == MATCHED:
                row = _match({key: row[key] for key in ("line", "date", "label", "amount")})
            if row["result"] == MATCHED:
                try:
                    payment = order_mark_paid(
                        order=Order.objects.get(pk=row["order"]),
                        provider="bank_transfer",
                        method=PaymentMethod.BANK_TRANSFER,
                        amount=row["amount"],
                        provider_reference=f"statement-{statement.pk}-line-{row['line']}",
                        received_on=date.fromisoformat(row["date"]),
                        note=row["label"][:255],
                        by=by,
                    )
                except PaymentError as error:
                    row = {
                        **row,
                        "result": AMBIGUOUS,
                        "reason": "amount_differs" if isinstance(error, PaymentAmountMismatch) else "already_settled",
                    }
                else:
                    paid += payment is not None
                    row = {**row, "applied": payment is not None}
            rows.append(row)
        statement.rows = rows
        statement.mark_applied(by=by, fields=("rows",))
    return paid
