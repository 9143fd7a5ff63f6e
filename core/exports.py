"""Spreadsheets the secretariat downloads: one set of rules for every export of every app.

- CSV is UTF-8 with a byte order mark and `;` between cells, what a French Excel opens in columns with its
  accents; numbers carry the language's decimal separator ("1500,50" in French).
- Dates and times are in local time (the current time zone, Africa/Casablanca by default), without an offset.
- XLSX cells keep their types (numbers, dates as naive local times, as Excel needs), and the sheet is named after
  the listing.
- Yes and no are words ("Oui" / "Non"), not True and False.
- A text cell that a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage
  return) is prefixed with a single quote, the OWASP rule against CSV injection: a guest who registers as
  `=HYPERLINK(...)` stays a name. Numbers stay numbers, negative ones included.

`SpreadsheetExportMixin` goes in front of Wagtail's IndexView or ReportView (`ExportIndexView` and
`ExportSnippetIndexView` are the plain listings with it); `csv_response` is for hand-written CSV exports. Wagtail's
own downloads (form submissions, reports) run the same methods: core.wagtail_exports puts them on Wagtail's mixin at
start-up, so they must not call super() (its system check says so).
"""

import csv
import datetime as dt
from collections import OrderedDict
from collections.abc import Iterable
from decimal import Decimal
from io import BytesIO, StringIO

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpResponse
from django.utils import formats, timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from wagtail.admin.views.generic import models as generic
from wagtail.admin.views.mixins import Echo, ExcelDateFormatter
from wagtail.coreutils import multigetattr
from wagtail.snippets.views import snippets

BOM = "\ufeff"
DELIMITER = ";"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATETIME_FORMAT = "%Y-%m-%d %H:%M"
TIME_FORMAT = "%H:%M"
SHEET_TITLE_MAX = 31
SHEET_TITLE_FORBIDDEN = str.maketrans("", "", "[]:*?/\\")

NUMBERS = (int, float, Decimal)


def neutralise(text: str) -> str:
    """The text, with a leading quote if a spreadsheet would take it for a formula."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def local_naive(value: dt.datetime) -> dt.datetime:
    """An instant as the local clock shows it (current time zone), without its offset; naive values are kept."""
    return timezone.make_naive(value) if timezone.is_aware(value) else value


def _text(value) -> str:
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(force_str(item) for item in value)
    return force_str(value)


def csv_cell(value) -> str:
    """What one cell of a CSV export shows."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, NUMBERS):
        return formats.number_format(value, use_l10n=True)
    if isinstance(value, dt.datetime):
        return local_naive(value).strftime(DATETIME_FORMAT)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime(TIME_FORMAT)
    return neutralise(_text(value))


def xlsx_cell(value):
    """What one cell of an XLSX export holds: numbers and dates typed, text neutralised."""
    if value is None:
        return None
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, NUMBERS):
        return value
    if isinstance(value, dt.datetime):
        return local_naive(value)
    if isinstance(value, (dt.date, dt.time)):
        return value
    # Control characters (pasted from a PDF, say) are not allowed in the workbook's XML: openpyxl would refuse.
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", _text(value)))


def sheet_title(title, fallback: str = "Export") -> str:
    """A name Excel accepts for a sheet: at most 31 characters, none of []:*?/\\, not wrapped in quotes."""
    cleaned = " ".join(force_str(title).translate(SHEET_TITLE_FORBIDDEN).split()).strip("'")
    if len(cleaned) > SHEET_TITLE_MAX:
        cut = cleaned[: SHEET_TITLE_MAX + 1]
        # Whole words when there is room for some: "Inscriptions sur liste", not "… liste d'attent".
        cleaned = cut.rsplit(" ", 1)[0] if " " in cut else cut[:SHEET_TITLE_MAX]
    return cleaned.strip("' ") or fallback


def csv_text(rows: Iterable[Iterable], headings: Iterable) -> str:
    """The whole CSV file (byte order mark, `;`, cells by `csv_cell`)."""
    buffer = StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER)
    writer.writerow([csv_cell(heading) for heading in headings])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return BOM + buffer.getvalue()


def csv_response(rows: Iterable[Iterable], *, filename: str, headings: Iterable) -> HttpResponse:
    """A CSV download of `rows` under `headings`, by the rules every export follows (see the module)."""
    response = HttpResponse(csv_text(rows, headings).encode("utf-8"), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _choice_field(model, path: str):
    """The model field with choices a dotted export path ends on, or None (properties, plain fields)."""
    names = path.split(".")
    for position, name in enumerate(names):
        try:
            field = model._meta.get_field(name)
        except (FieldDoesNotExist, AttributeError):
            return None
        if position == len(names) - 1:
            return field if getattr(field, "choices", None) else None
        if not field.is_relation or field.related_model is None:
            return None
        model = field.related_model
    return None


class SpreadsheetExportMixin:
    """Put in front of a Wagtail view built on its SpreadsheetExportMixin (IndexView, ReportView)."""

    def get_sheet_title(self) -> str:
        title = self.get_page_title() if hasattr(self, "get_page_title") else getattr(self, "page_title", "")
        return sheet_title(title, fallback=self.get_filename())

    def export_field_value(self, item, field: str):
        """The value of one exported column: a choice field gives its label rather than its code."""
        path, _, name = field.rpartition(".")
        # A missing related row (a waitlist entry with no ticket type yet) gives an empty cell, not an error.
        owner = multigetattr(item, path) if path else item
        if owner is None:
            return None
        choice_field = _choice_field(type(item), field) if isinstance(item, models.Model) else None
        if choice_field is not None:
            return getattr(owner, f"get_{choice_field.name}_display")()
        return multigetattr(owner, name)

    def to_row_dict(self, item):
        return OrderedDict((field, self.export_field_value(item, field)) for field in self.list_export)

    def preprocess_field_value(self, field, value, export_format):
        custom = self.custom_field_preprocess.get(field, {})
        if export_format in custom:
            value = custom[export_format](value) if custom[export_format] else value
        return xlsx_cell(value) if export_format == self.FORMAT_XLSX else csv_cell(value)

    def stream_csv(self, queryset):
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=DELIMITER)
        yield BOM.encode("utf-8")
        yield writer.writerow({field: csv_cell(self.get_heading(queryset, field)) for field in self.list_export})
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = CSV_CONTENT_TYPE
        return response

    def write_xlsx(self, queryset, output: BytesIO):
        workbook = Workbook(write_only=True, iso_dates=True)
        worksheet = workbook.create_sheet(title=self.get_sheet_title())
        worksheet.append(xlsx_cell(self.get_heading(queryset, field)) for field in self.list_export)
        date_format = ExcelDateFormatter().get()
        for item in queryset:
            worksheet.append(self.generate_xlsx_row(worksheet, self.to_row_dict(item), date_format=date_format))
        workbook.save(output)


class ExportIndexView(SpreadsheetExportMixin, generic.IndexView):
    """A model viewset's plain listing, exported by the rules above."""


class ExportSnippetIndexView(SpreadsheetExportMixin, snippets.IndexView):
    """A snippet viewset's plain listing, exported by the rules above."""
