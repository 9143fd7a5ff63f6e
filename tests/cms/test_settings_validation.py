import pytest
from django.core.exceptions import ValidationError

from cms.validators import validate_iban, validate_rib


def test_rib_with_24_digits_is_accepted():
    validate_rib("011 780 0000123456789012 34")


@pytest.mark.parametrize("value", ["01178000001234567890123", "0117800000123456789012AB"])
def test_rib_without_exactly_24_digits_is_refused(value):
    with pytest.raises(ValidationError):
        validate_rib(value)


def test_iban_with_correct_check_digits_is_accepted():
    validate_iban("FR76 3000 6000 0112 3456 7890 189")


def test_iban_with_a_typing_mistake_is_refused():
    with pytest.raises(ValidationError):
        validate_iban("FR76 3000 6000 0112 3456 7890 188")
