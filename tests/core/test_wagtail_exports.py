"""Wagtail's own downloads follow our export rules (core.wagtail_exports): what visitors typed in a form, the
reports, the search terms, as the secretariat's spreadsheet program shows them."""

import datetime as dt
import gc

import pytest
import wagtail
from django.urls import get_resolver, reverse
from wagtail.admin.views.mixins import SpreadsheetExportMixin as WagtailSpreadsheetExportMixin
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.locked_pages import LockedPagesView
from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.forms.views import SubmissionsListView
from wagtail.contrib.search_promotions.models import Query
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView
from wagtail.log_actions import log
from wagtail.models import Page, Site

import core.wagtail_exports
from core.exports import ExportIndexView, SpreadsheetExportMixin, sheet_title
from core.wagtail_exports import (
    CHECKED_WAGTAIL,
    adapt_wagtail_exports,
    check_wagtail_exports,
    submissions_sheet_title,
)
from tests.core.visitor_forms import FIELDS, VisitorFormPage, installed
from tests.factories.accounts import StaffUserFactory, login_with_mfa
from tests.factories.cms import StandardPageFactory
from tests.spreadsheets import csv_rows, listing_title, xlsx_sheet

TYPED = ['=HYPERLINK("http://evil","x")', "+1", "-2", "@SUM(1)", "\tcmd", "\rcmd", "'déjà cité", "Salma Bennani"]
ACCENTED = "Société Générale à Fès"
INSTANT = dt.datetime(2026, 1, 15, 9, 30, tzinfo=dt.UTC)  # 10:30 in Casablanca, on UTC+1 that winter
LOCAL_CSV = "2026-01-15 10:30"
LOCAL_XLSX = dt.datetime(2026, 1, 15, 10, 30)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SUBMISSION_DATE = "Date de soumission"  # Wagtail's "Submission date" in French


def shown(text: str) -> str:
    """What a cell must hold for what was typed: a formula-looking text behind a single quote, once."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


@pytest.fixture
def secretariat(client, db):
    user = StaffUserFactory(first_name="Youssef", last_name="Alaoui")
    login_with_mfa(client, user)
    return user


@pytest.fixture
def contact_form(db):
    """A published contact form and what eight visitors typed in it, one second apart."""
    with installed():
        home = Site.objects.get(is_default_site=True).root_page
        page = home.add_child(instance=VisitorFormPage(title="Contact", slug="contact-visiteurs"))
        for second, text in enumerate(TYPED):
            submission = FormSubmission.objects.create(
                page=page,
                form_data={"name": text, "company": ACCENTED, "interests": [text, "Industrie"], "message": text},
            )
            moment = INSTANT + dt.timedelta(seconds=second)
            FormSubmission.objects.filter(pk=submission.pk).update(submit_time=moment)
        yield page


def as_read(text: str) -> str:
    """A text cell as read back from the workbook: an XML reader takes a carriage return for a line feed (the
    quote in front is what matters)."""
    return text.replace("\r", "\n")


def submissions_url(page) -> str:
    return reverse("wagtailforms:list_submissions", args=[page.pk])


def expected_submission(text: str) -> list:
    return [shown(text), ACCENTED, f"{shown(text)}, Industrie", shown(text)]


def test_what_visitors_typed_in_a_form_is_neutralised_in_the_csv(client, secretariat, contact_form):
    response = client.get(submissions_url(contact_form), {"export": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="contact-visiteurs-export-' in response["Content-Disposition"]
    headings, *rows = csv_rows(response)  # UTF-8 with its byte order mark, `;` between cells
    assert headings == [SUBMISSION_DATE, *(label for _, label in FIELDS)]
    assert rows == [[LOCAL_CSV, *expected_submission(text)] for text in TYPED]
    assert rows[0][1] == '\'=HYPERLINK("http://evil","x")' and rows[6][1] == "'déjà cité"


def test_what_visitors_typed_in_a_form_is_neutralised_in_the_xlsx(client, secretariat, contact_form):
    response = client.get(submissions_url(contact_form), {"export": "xlsx"})

    assert response.status_code == 200
    sheet = xlsx_sheet(response)
    assert sheet.title == "Contact"
    headings, *rows = ([cell.value for cell in row] for row in sheet.iter_rows())
    assert headings == [SUBMISSION_DATE, *(label for _, label in FIELDS)]
    instants = [row[0] for row in rows]
    assert instants == [LOCAL_XLSX + dt.timedelta(seconds=second) for second in range(len(TYPED))]
    assert all(isinstance(instant, dt.datetime) for instant in instants)  # a typed date Excel can sort
    assert [row[1:] for row in rows] == [[as_read(cell) for cell in expected_submission(text)] for text in TYPED]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_a_long_form_title_names_the_sheet_as_excel_allows(client, secretariat, contact_form):
    contact_form.title = contact_form.draft_title = "Demande d'adhésion: entreprises [2026]"
    contact_form.save()

    sheet = xlsx_sheet(client.get(submissions_url(contact_form), {"export": "xlsx"}))

    assert sheet.title == "Demande d'adhésion entreprises"


@pytest.fixture
def locked_pages(secretariat):
    home = Site.objects.get(is_default_site=True).root_page
    pages = [StandardPageFactory(parent=home, title=text, slug=f"verrouillee-{n}") for n, text in enumerate(TYPED[:6])]
    Page.objects.filter(pk__in=[page.pk for page in pages]).update(
        locked=True, locked_at=INSTANT, locked_by=secretariat
    )
    return pages


def test_the_locked_pages_report_follows_the_rules(client, locked_pages):
    url = reverse("wagtailadmin_reports:locked_pages")

    headings, *rows = csv_rows(client.get(url, {"export": "csv"}))
    sheet = xlsx_sheet(client.get(url, {"export": "xlsx"}))

    title, locked_at, locked_by = 0, headings.index("Verrouillé à"), headings.index("Verrouillé par")
    assert sorted(row[title] for row in rows) == sorted(shown(text) for text in TYPED[:6])
    assert {(row[locked_at], row[locked_by]) for row in rows} == {(LOCAL_CSV, "Youssef Alaoui")}
    assert sheet.title == sheet_title(listing_title(LockedPagesView())) == "Pages verrouillées"
    values = [[cell.value for cell in row] for row in sheet.iter_rows()][1:]
    assert sorted(row[title] for row in values) == sorted(as_read(shown(text)) for text in TYPED[:6])
    assert {row[locked_at] for row in values} == {LOCAL_XLSX}


def test_the_site_history_report_follows_the_rules(client, secretariat):
    home = Site.objects.get(is_default_site=True).root_page
    page = StandardPageFactory(parent=home, title='=HYPERLINK("http://evil","x")')
    entry = log(instance=page, action="wagtail.edit", user=secretariat)
    type(entry).objects.filter(pk=entry.pk).update(timestamp=INSTANT)
    url = reverse("wagtailadmin_reports:site_history")

    rows = csv_rows(client.get(url, {"export": "csv"}))
    sheet = xlsx_sheet(client.get(url, {"export": "xlsx"}))

    assert [row[1:] for row in rows if row[1] == shown(page.title) and row[3] == "Modifier"] == [
        [shown(page.title), "Page standard", "Modifier", "Youssef Alaoui", LOCAL_CSV]
    ]
    assert sheet.title == sheet_title(listing_title(LogEntriesView())) == "Historique du Site"
    [values] = [[c.value for c in row] for row in sheet.iter_rows() if row[3].value == "Modifier"]
    assert values[1:] == [shown(page.title), "Page standard", "Modifier", "Youssef Alaoui", LOCAL_XLSX]


def test_the_search_terms_visitors_typed_are_neutralised(client, secretariat):
    for text in TYPED[:4]:
        Query.get(text).add_hit()
    url = reverse("wagtailsearchpromotions:search_terms")

    headings, *rows = csv_rows(client.get(url, {"export": "csv"}))
    sheet = xlsx_sheet(client.get(url, {"export": "xlsx"}))

    assert sorted(rows) == sorted([shown(text.lower()), "1"] for text in TYPED[:4])
    assert sheet.title == sheet_title(listing_title(SearchTermsReportView()))
    values = [[cell.value for cell in row] for row in sheet.iter_rows()][1:]
    assert sorted(values) == sorted([shown(text.lower()), 1] for text in TYPED[:4])


# --- The adaptation itself ---------------------------------------------------------------------------------------


def test_every_wagtail_export_writes_by_our_rules():
    """Every exporting view the admin serves (ours and Wagtail's, form submissions included) runs core.exports'
    functions for its cells and files."""
    views = {SubmissionsListView}

    def walk(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns)
            elif issubclass(getattr(pattern.callback, "view_class", object), WagtailSpreadsheetExportMixin):
                views.add(pattern.callback.view_class)

    walk(get_resolver().url_patterns)

    assert {view for view in views if view.__module__.startswith("wagtail.")} >= {LockedPagesView, LogEntriesView}
    for view in views:
        for name in ("preprocess_field_value", "stream_csv", "write_xlsx"):
            assert getattr(view, name) is SpreadsheetExportMixin.__dict__[name], (view, name)
        assert view.get_sheet_title in (SpreadsheetExportMixin.__dict__["get_sheet_title"], submissions_sheet_title)


def test_a_cell_is_neutralised_once_whether_the_view_is_ours_or_wagtails():
    ours, theirs = ExportIndexView(), LogEntriesView()

    for view in (ours, theirs):
        for export_format in ("csv", "xlsx"):
            assert view.preprocess_field_value("label", "=1", export_format) == "'=1"
            assert view.preprocess_field_value("label", "'=1", export_format) == "'=1"
            assert view.preprocess_field_value("label", "'déjà cité", export_format) == "'déjà cité"
    assert theirs.preprocess_field_value("timestamp", INSTANT, "xlsx") == LOCAL_XLSX
    assert theirs.preprocess_field_value("timestamp", INSTANT, "csv") == LOCAL_CSV


def test_the_adaptation_is_in_place_and_done_once():
    adapt_wagtail_exports()

    assert check_wagtail_exports() == []


def test_the_check_fails_loudly_when_wagtail_renames_what_it_relies_on(monkeypatch):
    monkeypatch.setattr(core.wagtail_exports, "_WAGTAIL_HAS", core.wagtail_exports._WAGTAIL_HAS - {"stream_csv"})

    [error] = check_wagtail_exports()

    assert error.id == "core.E004"
    assert "SpreadsheetExportMixin has no stream_csv" in error.msg
    assert CHECKED_WAGTAIL in error.hint


def test_the_check_fails_loudly_when_a_wagtail_view_writes_its_own_files():
    rogue = type(
        "RogueReport",
        (LockedPagesView,),
        {"__module__": "wagtail.admin.views.reports.rogue", "write_xlsx": lambda self, queryset, output: None},
    )
    try:
        [error] = check_wagtail_exports()
    finally:
        del rogue
        gc.collect()

    assert error.id == "core.E004"
    assert "wagtail.admin.views.reports.rogue.RogueReport writes its own write_xlsx" in error.msg
    assert check_wagtail_exports() == []


def test_the_adaptation_was_checked_against_this_wagtail():
    assert wagtail.__version__ == CHECKED_WAGTAIL, (
        f"Wagtail is now {wagtail.__version__}: read core.wagtail_exports against its SpreadsheetExportMixin and "
        "exporting views (reports, forms, redirects), then update CHECKED_WAGTAIL"
    )
