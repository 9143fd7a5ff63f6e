"""`manage.py check_ice` lists the companies recorded before the ICE check digits were verified."""

from io import StringIO

import pytest
from django.core.management import call_command, execute_from_command_line
from django.urls import reverse
from django.utils import translation

from members.models import Organisation
from tests.factories.members import OrganisationFactory

pytestmark = pytest.mark.django_db


def _run() -> str:
    out = StringIO()
    with translation.override("en"):
        call_command("check_ice", stdout=out)
    return out.getvalue()


def _store_without_checks(**fields) -> Organisation:
    """A company saved as rows were before the check digits were verified (save() does not validate)."""
    return OrganisationFactory(**fields)


def test_lists_the_companies_whose_ice_fails_the_check_digits():
    wrong = _store_without_checks(legal_name="Atlas Logiciels SARL", ice="001234567000089")
    malformed = _store_without_checks(legal_name="Souss Data SA", ice="12345")
    OrganisationFactory(legal_name="Casa Cloud SA", ice="001234567000062")
    OrganisationFactory(legal_name="Sans ICE SARL", ice="")

    lines = _run().splitlines()

    assert lines == [
        f"Atlas Logiciels SARL\t001234567000089\t{reverse('members_organisations:edit', args=[wrong.pk])}",
        f"Souss Data SA\t12345\t{reverse('members_organisations:edit', args=[malformed.pk])}",
        "2 of 3 companies have an ICE whose check digits fail.",
    ]


def test_all_good_gives_only_the_summary():
    OrganisationFactory.create_batch(2)

    assert _run().splitlines() == ["0 of 2 companies have an ICE whose check digits fail."]


def test_summary_is_translated():
    _store_without_checks(ice="001234567000089")
    out = StringIO()
    with translation.override("fr"):
        call_command("check_ice", stdout=out)

    assert out.getvalue().splitlines()[-1] == (
        "Sur 1 entreprise, nombre dont la clé de contrôle de l'ICE est incorrecte : 1."
    )


def test_exit_code_is_zero_even_when_companies_fail(capsys):
    _store_without_checks(ice="001234567000089")

    # As `manage.py check_ice` runs it: a failing command would end in SystemExit(1).
    execute_from_command_line(["manage.py", "check_ice"])

    assert "001234567000089" in capsys.readouterr().out
