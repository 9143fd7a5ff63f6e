"""The identifier checks in core.validators: ICE, IF, RC, RIB, IBAN, SWIFT/BIC and country codes."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.validators import (
    ice_is_valid,
    validate_bic,
    validate_country_code,
    validate_iban,
    validate_ice,
    validate_if_number,
    validate_rc,
    validate_rib,
)
from tests.factories.identifiers import valid_ice


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _refusal(validator, value) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validator(value)
    return caught.value


# ICE


@pytest.mark.parametrize("ice", ["001234567000062", "001561191000066", "002136093000040", "000000000000000"])
def test_ice_with_right_check_digits_is_accepted(ice):
    validate_ice(ice)
    assert ice_is_valid(ice)


def test_an_empty_ice_is_left_to_the_field_but_is_not_a_valid_ice():
    validate_ice("")
    assert not ice_is_valid("")


@pytest.mark.parametrize(
    "ice",
    ["00123456700006A", "٠٠١٢٣٤٥٦٧٠٠٠٠٦٢", "001 234 567 000 062", "-01234567000062"],
    ids=["letter", "arabic-indic digits", "spaces", "sign"],
)
def test_ice_with_other_characters_than_digits_is_refused(ice):
    error = _refusal(validate_ice, ice)
    assert error.code == "ice_digits"
    assert error.messages == ["The ICE contains only digits."]
    assert not ice_is_valid(ice)


@pytest.mark.parametrize("ice", ["00123456700006", "0012345670000620"], ids=["14 digits", "16 digits"])
def test_ice_without_exactly_15_digits_is_refused_with_the_count(ice):
    error = _refusal(validate_ice, ice)
    assert error.code == "ice_length"
    assert error.messages == [f"The ICE has exactly 15 digits (you typed {len(ice)})."]


@pytest.mark.parametrize("ice", ["001234567000089", "001561191000065", "001234567000026", "100000000000000"])
def test_ice_with_wrong_check_digits_is_refused(ice):
    error = _refusal(validate_ice, ice)
    assert error.code == "ice_checksum"
    assert error.messages == ["The ICE's check digits are wrong: check for a typing mistake."]
    assert not ice_is_valid(ice)


def test_swapping_two_digits_breaks_the_check():
    ice = valid_ice("0012345670000")
    swapped = ice[:3] + ice[4] + ice[3] + ice[5:]
    assert ice_is_valid(ice) and not ice_is_valid(swapped)


def test_valid_ice_helper_makes_the_number_divisible_by_97():
    for prefix in ("0000000000000", "0012345670000", "9999999999999"):
        ice = valid_ice(prefix)
        assert ice.startswith(prefix) and len(ice) == 15 and int(ice) % 97 == 0


def test_ice_messages_are_shown_in_french():
    with translation.override("fr"):
        assert _refusal(validate_ice, "00123456700006A").messages == ["L'ICE ne contient que des chiffres."]
        assert _refusal(validate_ice, "0012").messages == [
            "L'ICE comporte exactement 15 chiffres (vous en avez saisi 4)."
        ]
        assert _refusal(validate_ice, "001234567000089").messages == [
            "La clé de contrôle de l'ICE est incorrecte : vérifiez qu'il n'y a pas de faute de frappe."
        ]


def test_ice_checksum_message_is_translated_into_arabic():
    with translation.override("ar"):
        message = _refusal(validate_ice, "001234567000089").messages[0]
    assert message != "The ICE's check digits are wrong: check for a typing mistake."
    assert "ICE" in message


# RIB


def test_rib_with_24_digits_is_accepted():
    validate_rib("011 780 0000123456789012 34")


@pytest.mark.parametrize("value", ["01178000001234567890123", "0117800000123456789012AB"])
def test_rib_without_exactly_24_digits_is_refused(value):
    error = _refusal(validate_rib, value)
    assert error.messages == ["A RIB has exactly 24 digits."]


# IBAN


@pytest.mark.parametrize(
    "value",
    ["FR76 3000 6000 0112 3456 7890 189", "GB82 WEST 1234 5698 7654 32", "MA64 0115 1900 0001 2050 0053 4921"],
    ids=["France", "United Kingdom", "Morocco (not in the IBAN registry: check digits only)"],
)
def test_iban_with_correct_check_digits_is_accepted(value):
    validate_iban(value)


@pytest.mark.parametrize(
    "value",
    ["FR76 3000 6000 0112 3456 7890 188", "MA64 0115 1900 0001 2050 0053 4922", "GB82 WEST 1234 5698 7654 33"],
)
def test_iban_with_a_typing_mistake_is_refused(value):
    error = _refusal(validate_iban, value)
    assert error.messages == ["This IBAN's check digits are wrong: check for a typing mistake."]


@pytest.mark.parametrize(
    "value", ["hello", "MA64", "64MA 0115 1900 0001 2050 0053 4921", "FR76 3000 6000 0112 3456 7890 18"]
)
def test_something_else_than_an_iban_is_refused(value):
    error = _refusal(validate_iban, value)
    assert error.code == "invalid_iban"


def test_iban_of_the_wrong_length_for_its_country_is_refused():
    # Right check digits, but a French IBAN has 27 characters, not 25.
    error = _refusal(validate_iban, "FR04 3000 6000 0112 3456 7890 1")
    assert error.messages == ["Enter an IBAN such as MA64 0000 0000 0000 0000 0000 0000."]


def test_iban_messages_are_shown_in_french():
    with translation.override("fr"):
        assert _refusal(validate_iban, "hello").messages == [
            "Saisissez un IBAN tel que MA64 0000 0000 0000 0000 0000 0000."
        ]


# SWIFT/BIC


@pytest.mark.parametrize("value", ["BCMAMAMC", "bcma ma mc xxx", "AGRIFRPP882"])
def test_bic_of_8_or_11_characters_is_accepted(value):
    validate_bic(value)


@pytest.mark.parametrize(
    "value", ["BCMAMAM", "BCMA1AMC", "BCMAQQMC", "BCMAMAMCXX"], ids=["short", "digit", "country", "10"]
)
def test_other_bic_is_refused(value):
    error = _refusal(validate_bic, value)
    assert error.messages == ["A SWIFT/BIC code has 8 or 11 letters and digits."]


def test_bic_message_is_shown_in_french():
    with translation.override("fr"):
        assert _refusal(validate_bic, "X").messages == ["Un code SWIFT/BIC comporte 8 ou 11 lettres et chiffres."]


# Country code


def test_country_code_is_two_capital_letters():
    validate_country_code("MA")
    for value in ("ma", "MAR", "M"):
        with pytest.raises(ValidationError):
            validate_country_code(value)


def test_compact_ice_drops_the_grouping_people_copy_from_documents():
    from core.validators import compact_ice

    assert compact_ice("001 234.567-000\u00a0062") == "001234567000062"
    assert compact_ice("") == ""


# IF and RC


@pytest.mark.parametrize("value", ["", "40000613", "1234567", "4000 0613"])
def test_if_numbers_of_up_to_8_digits_are_accepted(value):
    validate_if_number(value)


@pytest.mark.parametrize("value", ["400006131", "IF40000613", "4000-06A3"])
def test_other_if_numbers_are_refused(value):
    assert _refusal(validate_if_number, value).messages == ["The IF (identifiant fiscal) has only digits, 8 at most."]


@pytest.mark.parametrize("value", ["", "400001", "123 456"])
def test_rc_numbers_are_digits(value):
    validate_rc(value)


def test_an_rc_with_the_courts_city_is_refused_with_a_hint():
    message = _refusal(validate_rc, "Casablanca 123456").messages[0]
    assert message == "The RC number has only digits (the registry's number, without the court's city)."


def test_the_if_message_is_shown_in_french_and_arabic():
    with translation.override("fr"):
        assert "IF" in _refusal(validate_if_number, "ABC").messages[0]
        french = _refusal(validate_if_number, "ABC").messages[0]
    with translation.override("ar"):
        arabic = _refusal(validate_if_number, "ABC").messages[0]
    assert french != "The IF (identifiant fiscal) has only digits, 8 at most."
    assert arabic not in (french, "The IF (identifiant fiscal) has only digits, 8 at most.")
