import re

import pytest
from django.core.exceptions import ValidationError

from tests.factories.members import OrganisationFactory
from tests.i18n import fr


@pytest.mark.django_db
def test_two_companies_cannot_share_an_ice():
    OrganisationFactory(ice="001234567000062")

    with pytest.raises(ValidationError, match=re.escape(fr("Another organisation already has this ICE."))):
        OrganisationFactory.build(ice="001234567000062", slug="other").full_clean()


@pytest.mark.django_db
def test_company_with_wrong_ice_check_digits_is_refused():
    company = OrganisationFactory.build(ice="001234567000089")

    with pytest.raises(
        ValidationError, match=re.escape(fr("The ICE's check digits are wrong: check for a typing mistake."))
    ):
        company.full_clean()


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
        {"legal_name": "Atlas Logiciels SARL", "ice": "001 234 567 000 062", "country": "ma", "region": ""}
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["ice"] == "001234567000062"
    assert form.cleaned_data["country"] == "MA"


@pytest.mark.django_db
def test_company_edit_form_shows_the_check_digit_error():
    from members.forms import OrganisationProfileForm

    form = OrganisationProfileForm(
        {"legal_name": "Atlas Logiciels SARL", "ice": "001 234 567 000 089", "country": "MA", "region": ""}
    )

    assert not form.is_valid()
    assert form.errors["ice"] == [fr("The ICE's check digits are wrong: check for a typing mistake.")]
