import pytest

from payments.models import Order
from payments.services import StatementAlreadyApplied, StatementUnreadable, bank_statement_apply, bank_statement_preview
from tests.factories.payments import make_order, other_line

pytestmark = pytest.mark.django_db


def statement(*lines: str) -> bytes:
    return ("Date;Libellé;Montant\n" + "\n".join(lines) + "\n").encode()


def results(imported) -> list[str]:
    return [row["result"] for row in imported.rows]


def test_a_transfer_quoting_the_reference_with_the_right_amount_matches():
    order = make_order()
    imported = bank_statement_preview(
        filename="releve.csv", content=statement(f"03/02/2026;VIR RECU ATLAS LOGICIELS {order.reference};5 000,00")
    )
    assert results(imported) == ["matched"]
    assert imported.rows[0]["order"] == order.pk


def test_a_reference_without_dashes_in_lower_case_still_matches():
    order = make_order()
    mangled = order.reference.replace("-", " ").lower()
    imported = bank_statement_preview(filename="r.csv", content=statement(f"03/02/2026;VIR {mangled};5000,00"))
    assert results(imported) == ["matched"]


def test_the_dry_run_pays_nothing():
    order = make_order()
    bank_statement_preview(filename="r.csv", content=statement(f"03/02/2026;VIR {order.reference};5 000,00"))
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING


def test_the_right_reference_with_another_amount_is_ambiguous():
    order = make_order()
    imported = bank_statement_preview(filename="r.csv", content=statement(f"03/02/2026;VIR {order.reference};4 000,00"))
    assert results(imported) == ["ambiguous"]
    assert imported.rows[0]["reason"] == "amount_differs"


def test_an_amount_without_reference_that_fits_a_pending_order_is_ambiguous():
    make_order(lines=[other_line(amount=730_000)])
    imported = bank_statement_preview(filename="r.csv", content=statement("03/02/2026;VIR SANS REF;7 300,00"))
    assert results(imported) == ["ambiguous"]


def test_a_line_with_no_reference_and_no_fitting_order_is_unmatched():
    imported = bank_statement_preview(filename="r.csv", content=statement("03/02/2026;FRAIS TENUE DE COMPTE;-45,00"))
    assert results(imported) == ["unmatched"]


def test_comma_separated_statements_with_english_numbers_are_read():
    order = make_order()
    content = f'date,label,amount\n2026-02-03,"VIR {order.reference}","5,000.00"\n'.encode()
    imported = bank_statement_preview(filename="r.csv", content=content)
    assert results(imported) == ["matched"]


def test_a_file_that_is_not_a_statement_is_refused():
    with pytest.raises(StatementUnreadable):
        bank_statement_preview(filename="r.csv", content=b"hello\nworld\n")


def test_applying_pays_only_the_matched_orders():
    matched, other = make_order(), make_order()
    imported = bank_statement_preview(
        filename="r.csv",
        content=statement(f"03/02/2026;VIR {matched.reference};5 000,00", f"03/02/2026;VIR {other.reference};1,00"),
    )
    assert bank_statement_apply(statement=imported) == 1
    matched.refresh_from_db()
    other.refresh_from_db()
    assert (matched.status, other.status) == (Order.Status.PAID, Order.Status.PENDING)
    assert matched.payments.get().received_on.isoformat() == "2026-02-03"


def test_a_statement_cannot_be_applied_twice():
    order = make_order()
    imported = bank_statement_preview(filename="r.csv", content=statement(f"03/02/2026;VIR {order.reference};5 000,00"))
    bank_statement_apply(statement=imported)
    with pytest.raises(StatementAlreadyApplied):
        bank_statement_apply(statement=imported)


def test_a_binary_file_is_refused_as_unreadable():
    with pytest.raises(StatementUnreadable):
        bank_statement_preview(filename="r.csv", content=b"\x81\x8d\x8f\x90\x9d" * 10)
