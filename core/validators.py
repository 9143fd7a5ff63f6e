"""Checks on the identifiers a Moroccan association meets: the ICE of companies, the bank details of the association
and country codes. The arithmetic comes from python-stdnum; the messages are the site's own, so that a person sees
what to correct.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from stdnum import bic, iban
from stdnum.exceptions import InvalidChecksum, InvalidComponent
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.iso7064 import mod_97_10
from stdnum.ma import ice

ICE_LENGTH = 15


def _compact(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "").upper()


def compact_ice(value: str) -> str:
    """The ICE as stored: people copy it from documents that group its digits with spaces, dots or dashes."""
    return "".join(char for char in value or "" if char not in " .-\u00a0")


def validate_ice(value: str) -> None:
    """The ICE (identifiant commun de l'entreprise) is 15 digits: a 9-digit company number, a 4-digit establishment
    number and 2 check digits that make the whole number divisible by 97. Spaces are refused: forms strip them
    first, so that the stored ICE is the one other records are compared with."""
    if not value:
        return
    if not value.isascii() or not value.isdigit():
        raise ValidationError(_("The ICE contains only digits."), code="ice_digits")
    if len(value) != ICE_LENGTH:
        raise ValidationError(
            _("The ICE has exactly 15 digits (you typed %(count)d)."), code="ice_length", params={"count": len(value)}
        )
    try:
        ice.validate(value)
    except StdnumError as error:
        raise ValidationError(
            _("The ICE's check digits are wrong: check for a typing mistake."), code="ice_checksum"
        ) from error


def ice_is_valid(value: str) -> bool:
    """Whether ``value`` is a complete ICE (15 digits, check digits right); an empty value is not."""
    if not value:
        return False
    try:
        validate_ice(value)
    except ValidationError:
        return False
    return True


# The DGI's identifiant fiscal (IF) has up to 8 digits; the registre du commerce (RC) number is the one a commercial
# court's registry gives, digits only (the court's city is not part of it). Neither has a published check digit.
IF_MAX_DIGITS = 8
RC_MAX_DIGITS = 10


def validate_if_number(value: str) -> None:
    if value and not re.fullmatch(rf"\d{{1,{IF_MAX_DIGITS}}}", _compact(value)):
        raise ValidationError(_("The IF (identifiant fiscal) has only digits, 8 at most."), code="invalid_if")


def validate_rc(value: str) -> None:
    if value and not re.fullmatch(rf"\d{{1,{RC_MAX_DIGITS}}}", _compact(value)):
        raise ValidationError(
            _("The RC number has only digits (the registry's number, without the court's city)."), code="invalid_rc"
        )


def validate_rib(value: str) -> None:
    """A Moroccan RIB: 24 digits (bank, city, account number and key), spaces allowed."""
    if not re.fullmatch(r"\d{24}", _compact(value)):
        raise ValidationError(_("A RIB has exactly 24 digits."), code="invalid_rib")


def validate_iban(value: str) -> None:
    """An IBAN with a correct ISO 13616 check (mod 97) and, for the countries of the IBAN registry, the length and
    layout that country uses. Morocco is not in the registry python-stdnum ships, so a Moroccan IBAN (and any other
    such country's) gets the mod-97 check only."""
    number = _compact(value)
    wrong_shape = ValidationError(_("Enter an IBAN such as MA64 0000 0000 0000 0000 0000 0000."), code="invalid_iban")
    wrong_check = ValidationError(
        _("This IBAN's check digits are wrong: check for a typing mistake."), code="invalid_iban"
    )
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", number):
        raise wrong_shape
    try:
        iban.validate(number)
    except InvalidChecksum as error:
        raise wrong_check from error
    except InvalidComponent as error:
        if _in_iban_registry(number):
            raise wrong_shape from error
        # A country the registry does not list: only the check digits can be verified.
        if not mod_97_10.is_valid(number[4:] + number[:4]):
            raise wrong_check from error
    except StdnumError as error:
        raise wrong_shape from error


def _in_iban_registry(number: str) -> bool:
    """Whether python-stdnum knows the layout of this IBAN's country (it raises InvalidComponent for the others,
    before any country-specific check)."""
    try:
        iban.validate(number, check_country=False)
    except InvalidComponent:
        return False
    except StdnumError:
        return True
    return True


def validate_bic(value: str) -> None:
    """A SWIFT/BIC code: 4 letters for the bank, an ISO country code, 2 letters or digits for the place and
    an optional 3-character branch."""
    if not bic.is_valid(_compact(value)):
        raise ValidationError(_("A SWIFT/BIC code has 8 or 11 letters and digits."), code="invalid_bic")


validate_country_code = RegexValidator(
    r"^[A-Z]{2}$", _("Use the two-letter country code in capitals, for example MA, FR or ES."), code="country_code"
)
