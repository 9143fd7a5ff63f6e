"""Amounts typed in MAD (core.money.parse_money, core.forms.MoneyField): what staff type becomes centimes."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.forms import MoneyField
from core.money import MoneyParseError, format_money_input, parse_money
from tests.i18n import fr


@pytest.mark.parametrize(
    ("text", "centimes"),
    [
        ("500", 50_000),
        ("500,00", 50_000),
        ("1 500,50", 150_050),
        ("1\u00a0500,50", 150_050),  # no-break space, as the form shows it
        ("1\u202f500,50", 150_050),  # narrow no-break space
        ("1500.50", 150_050),
        ("1.500,50", 150_050),
        ("1,500.50", 150_050),
        ("1.500", 150_000),  # a Moroccan invoice's thousands
        ("1,5", 150),
        ("0,05", 5),
        ("1 500,50 MAD", 150_050),
        ("250 DH", 25_000),
        ("0", 0),
    ],
)
def test_amounts_typed_the_french_way_are_read_in_centimes(text, centimes):
    with translation.override("fr"):
        assert parse_money(text) == centimes


def test_a_comma_followed_by_three_digits_is_a_thousands_separator_in_english_only():
    with translation.override("fr"):
        assert parse_money("1,500") == 150
    with translation.override("en"):
        assert parse_money("1,500") == 150_000
        assert parse_money("1.500") == 150


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("-5", "negative"),
        ("-1 500,00", "negative"),
        ("12,345", "decimals"),
        ("0,001", "decimals"),
        ("douze", "invalid"),
        ("1,50,0", "invalid"),
        ("12-5", "invalid"),
        ("1e5", "invalid"),
        ("1 50 000,00", "invalid"),
    ],
)
def test_negative_amounts_fractions_of_a_centime_and_words_are_refused(text, code):
    with translation.override("fr"), pytest.raises(MoneyParseError) as error:
        parse_money(text)

    assert error.value.code == code


def test_nothing_typed_is_no_amount():
    assert parse_money("  ") is None
    assert MoneyField(required=False).clean("") is None


def test_the_field_cleans_to_centimes_and_shows_centimes_back_in_mad():
    field = MoneyField()

    with translation.override("fr"):
        assert field.clean("1 500,50") == 150_050
        assert field.prepare_value(150_050) == "1\u00a0500,50" == format_money_input(150_050)
        assert field.clean(field.prepare_value(150_050)) == 150_050
        assert field.prepare_value("12,3x") == "12,3x"  # what was typed stays as typed when the form comes back


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-10", "The amount cannot be negative."),
        ("10,505", "An amount in MAD has at most two decimals (centimes)."),
        ("dix", "Enter an amount in MAD, such as 1 500,00."),
    ],
)
def test_refusals_say_why_in_the_user_s_language(text, message):
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        MoneyField().clean(text)

    assert error.value.messages == [fr(message)]


def test_the_bounds_are_said_in_mad():
    field = MoneyField(min_minor=1, max_minor=100_000)

    with translation.override("fr"):
        with pytest.raises(ValidationError) as low:
            field.clean("0")
        with pytest.raises(ValidationError) as high:
            field.clean("1 000,01")

    assert low.value.messages == [fr("Enter at least %(amount)s.", amount="0,01\xa0MAD")]
    assert high.value.messages == [fr("Enter at most %(amount)s.", amount="1\u00a0000,00\xa0MAD")]
