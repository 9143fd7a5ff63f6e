from decimal import Decimal

import pytest
from django.utils import translation

from payments.amounts import format_amount, net_of, vat_of
from payments.services.orders import LineSpec
from payments.services.statements import parse_amount
from tests.factories.payments import make_order

pytestmark = pytest.mark.django_db


def test_vat_is_rounded_half_up_to_the_centime():
    assert vat_of(1_005, Decimal("20")) == 201  # 200.999… → 201 centimes


def test_net_part_of_a_vat_inclusive_amount():
    assert net_of(120_000, Decimal("20")) == 100_000


def test_order_totals_add_lines_and_vat_in_centimes(settings):
    settings.PAYMENTS_VAT_RATE = "20"
    order = make_order(
        lines=[
            LineSpec(kind="ticket", description="Digital Now — entrée", unit_amount=33_333, quantity=3),
            LineSpec(kind="other", description="Déjeuner", unit_amount=15_050),
        ]
    )
    assert (order.subtotal, order.vat_total, order.total) == (115_049, 23_010, 138_059)
    assert all(isinstance(value, int) for value in (order.subtotal, order.vat_total, order.total))


def test_associations_exempt_from_vat_charge_no_vat():
    order = make_order()
    assert (order.subtotal, order.vat_total, order.total) == (500_000, 0, 500_000)


def test_amounts_are_shown_in_french_format():
    with translation.override("fr"):
        assert format_amount(150_000) == "1\xa0500,00\xa0MAD"


@pytest.mark.parametrize(
    ("text", "centimes"),
    [
        ("1 500,00", 150_000),
        ("1\u00a0500,00", 150_000),
        ("1.500,00", 150_000),
        ("1500.00", 150_000),
        ("1,500.00", 150_000),
        ("5000", 500_000),
        ("-250,5", -25_050),
    ],
)
def test_statement_amounts_in_french_and_english_formats_are_read(text, centimes):
    assert parse_amount(text) == centimes
