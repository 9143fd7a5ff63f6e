import re

import pytest
from django.core.exceptions import ValidationError

from members.validators import validate_ice
from tests.factories.members import OrganisationFactory
from tests.i18n import fr


@pytest.mark.parametrize("ice", ["001234567000089", "000000000000000"])
def test_fifteen_digits_are_a_valid_ice(ice):
    validate_ice(ice)


@pytest.mark.parametrize(
    "ice",
    ["00123456700008", "0012345670000891", "00123456700008A", "٠٠١٢٣٤٥٦٧٠٠٠٠٨٩", "001 234 567 000 089"],
    ids=["14 digits", "16 digits", "letter", "arabic-indic digits", "spaces"],
)
def test_anything_else_is_refused(ice):
    with pytest.raises(ValidationError):
        validate_ice(ice)


@pytest.mark.django_db
def test_two_companies_cannot_share_an_ice():
    OrganisationFactory(ice="001234567000089")

    with pytest.raises(ValidationError, match=re.escape(fr("Another organisation already has this ICE."))):
        OrganisationFactory.build(ice="001234567000089", slug="other").full_clean()


@pytest.mark.django_db
def test_many_companies_may_leave_the_ice_empty():
    OrganisationFactory(ice="")
    OrganisationFactory.build(ice="", slug="other").full_clean()


@pytest.mark.django_db
def test_foreign_company_gives_its_country():
    company = OrganisationFactory.build(region="foreign", country="MA", ice="")

    with pytest.raises(ValidationError, match="country"):
        company.full_clean()


@pytest.mark.django_db
def test_company_edit_form_accepts_an_ice_typed_with_spaces(client):
    from members.forms import OrganisationProfileForm

    form = OrganisationProfileForm(
        {"legal_name": "Atlas Logiciels SARL", "ice": "001 234 567 000 089", "country": "ma", "region": ""}
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["ice"] == "001234567000089"
    assert form.cleaned_data["country"] == "MA"
