"""The export rules every app's downloads follow (core.exports), and the guard that no listing escapes them."""

import codecs
import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from core.exports import SpreadsheetExportMixin, csv_cell, csv_response, neutralise, sheet_title, xlsx_cell
from tests.cms.export_rows import LISTINGS as CMS
from tests.events.export_rows import LISTINGS as EVENTS
from tests.members.communications.export_rows import LISTINGS as COMMUNICATIONS
from tests.members.export_rows import LISTINGS as MEMBERS
from tests.partnerships.export_rows import LISTINGS as PARTNERSHIPS
from tests.payments.export_rows import LISTINGS as PAYMENTS
from tests.spreadsheets import export_views

WINTER_MORNING = dt.datetime(2026, 1, 15, 9, 30, tzinfo=dt.UTC)  # 10:30 in Casablanca, on UTC+1 that winter


@pytest.fixture(autouse=True)
def _french():
    with translation.override("fr"):
        yield


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://evil","x")', "+1+1", "-2", "@SUM(A1)", "\tx", "\rx", "=1+1", "-", "@"]
)
def test_text_a_spreadsheet_would_run_as_a_formula_is_quoted(text):
    assert neutralise(text) == f"'{text}"
    assert csv_cell(text) == f"'{text}"
    assert xlsx_cell(text) == f"'{text}"


@pytest.mark.parametrize("text", ["Société Générale à Fès", "شركة المغرب", "1+1", "a=b", "", "'déjà cité"])
def test_ordinary_text_is_left_as_it_is(text):
    assert csv_cell(text) == text
    assert xlsx_cell(text) == text


def test_numbers_stay_numbers_negative_ones_too():
    assert xlsx_cell(-2) == -2
    assert xlsx_cell(Decimal("-1500.50")) == Decimal("-1500.50")
    assert csv_cell(-2) == "-2"
    assert csv_cell(Decimal("-1500.50")) == "-1500,50"  # the decimal comma a French Excel reads as a number


def test_instants_are_shown_in_local_time_without_offset():
    assert csv_cell(WINTER_MORNING) == "2026-01-15 10:30"
    assert xlsx_cell(WINTER_MORNING) == dt.datetime(2026, 1, 15, 10, 30)
    assert xlsx_cell(WINTER_MORNING).tzinfo is None


def test_instants_follow_the_current_time_zone():
    with timezone.override("Europe/Paris"):
        assert csv_cell(WINTER_MORNING) == "2026-01-15 10:30"
    with timezone.override("America/New_York"):
        assert csv_cell(WINTER_MORNING) == "2026-01-15 04:30"


def test_dates_times_and_empty_cells():
    assert csv_cell(dt.date(2026, 3, 2)) == "2026-03-02"
    assert xlsx_cell(dt.date(2026, 3, 2)) == dt.date(2026, 3, 2)
    assert csv_cell(dt.time(9, 5)) == "09:05"
    assert csv_cell(None) == "" and xlsx_cell(None) is None


def test_booleans_are_words_in_the_admins_language():
    assert (csv_cell(True), csv_cell(False), xlsx_cell(True)) == ("Oui", "Non", "Oui")
    with translation.override("en"):
        assert (csv_cell(True), xlsx_cell(False)) == ("Yes", "No")


def test_control_characters_the_workbook_cannot_hold_are_dropped():
    assert xlsx_cell("Fès\x0bMécanique\x00") == "FèsMécanique"
    assert xlsx_cell("\x01=cmd") == "'=cmd"


def test_lists_are_joined_and_then_checked():
    assert csv_cell(["Cloud", "Industrie"]) == "Cloud, Industrie"
    assert csv_cell(["=cmd", "x"]) == "'=cmd, x"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Inscriptions", "Inscriptions"),
        ("Heures recalculées", "Heures recalculées"),
        ("Entrées/sorties [2026]: quoi?", "Entréessorties 2026 quoi"),
        ("Une liste dont le titre dépasse trente et un caractères", "Une liste dont le titre dépasse"),
        ("Inscriptions sur liste d'attente", "Inscriptions sur liste"),
        ("Anticonstitutionnellementissimement", "Anticonstitutionnellementissime"),
        ("'Citée'", "Citée"),
        ("*?", "Export"),
    ],
)
def test_a_sheet_is_named_as_excel_allows(title, expected):
    name = sheet_title(title)

    assert name == expected
    assert len(name) <= 31 and not set(name) & set("[]:*?/\\")


def test_csv_response_has_a_byte_order_mark_semicolons_and_the_rules():
    response = csv_response(
        [[1, '=HYPERLINK("http://evil","x")', WINTER_MORNING, True], [-2, "Société Générale à Fès", None, False]],
        filename="essai.csv",
        headings=["N°", "Nom", "Quand", "Présent"],
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="essai.csv"'
    assert response.content.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [
        ["N°", "Nom", "Quand", "Présent"],
        ["1", '\'=HYPERLINK("http://evil","x")', "2026-01-15 10:30", "Oui"],
        ["-2", "Société Générale à Fès", "", "Non"],
    ]


def test_every_exporting_listing_follows_the_rules_and_is_tested(db):
    """A new listing with list_export (or a report) must use core.exports and be added to its app's export_rows,
    so that tests.<app>.test_exports downloads it with hostile names."""
    views = export_views()
    tested = {listing.url_name for listing in [*CMS, *EVENTS, *MEMBERS, *COMMUNICATIONS, *PAYMENTS, *PARTNERSHIPS]}

    assert sorted(views) == sorted(tested)
    for name, callback in views.items():
        assert issubclass(callback.view_class, SpreadsheetExportMixin), name
