"""Reading the admin's downloads as a spreadsheet program does: CSV with its byte order mark and `;`, XLSX sheets."""

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import openpyxl
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import URLResolver, get_resolver, reverse
from django.utils import translation
from django.utils.text import capfirst
from wagtail.admin.views.mixins import SpreadsheetExportMixin as WagtailSpreadsheetExportMixin

from tests.factories.accounts import StaffUserFactory, login_with_mfa


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response) -> list[list[str]]:
    """The rows of a CSV download, after checking it starts with the UTF-8 byte order mark Excel looks for."""
    content = body(response)
    assert content.startswith(codecs.BOM_UTF8), content[:20]
    return list(csv.reader(io.StringIO(content[len(codecs.BOM_UTF8) :].decode("utf-8")), delimiter=";"))


def csv_dicts(response) -> list[dict[str, str]]:
    """The rows of a CSV download keyed by their headings."""
    headings, *rows = csv_rows(response)
    return [dict(zip(headings, row, strict=True)) for row in rows]


def xlsx_sheet(response):
    """The only sheet of an XLSX download."""
    workbook = openpyxl.load_workbook(io.BytesIO(body(response)))
    assert len(workbook.worksheets) == 1
    return workbook.worksheets[0]


# --- Every listing that exports, filled with hostile text --------------------------------------------------------

OUR_APPS = {"core", "members", "payments", "events", "partnerships", "cms"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = ['=HYPERLINK("http://evil","x")', "+1+1", "-2", "@SUM(A1)", "\tx", "Société Générale à Fès"]
ACCENTED = HOSTILE[-1]
INSTANT = dt.datetime(2026, 1, 15, 9, 30, tzinfo=dt.UTC)  # 10:30 in Casablanca, on UTC+1 that winter
LOCAL_CSV, UTC_CSV = "2026-01-15 10:30", "2026-01-15 09:30"
LOCAL_XLSX, UTC_XLSX = dt.datetime(2026, 1, 15, 10, 30), dt.datetime(2026, 1, 15, 9, 30)
NUMBER = re.compile(r"-?\d+([.,]\d+)?")


@dataclass(frozen=True)
class Listing:
    """How to put rows in one exporting listing: `build(index)` makes the index-th row (of len(HOSTILE))."""

    url_name: str
    build: Callable[[int], models.Model]
    query: dict = field(default_factory=dict)
    utc_columns: tuple[str, ...] = ()  # instants the listing shows in UTC on purpose (its headings say so)


def export_views() -> dict[str, type]:
    """Every URL of our apps whose view exports a spreadsheet (results-only twins left out): name → view class."""
    found = {}

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, namespace + (f"{pattern.namespace}:" if pattern.namespace else ""))
                continue
            view_class = getattr(pattern.callback, "view_class", None)
            if view_class is None or not issubclass(view_class, WagtailSpreadsheetExportMixin):
                continue
            kwargs = getattr(pattern.callback, "view_initkwargs", {})
            model = kwargs.get("model") or getattr(view_class, "model", None)
            ours = view_class.__module__.split(".")[0] in OUR_APPS or (
                model is not None and model._meta.app_label in OUR_APPS
            )
            if ours and kwargs.get("list_export", view_class.list_export) and not kwargs.get("results_only"):
                found[f"{namespace}{pattern.name}"] = pattern.callback

    walk(get_resolver().url_patterns)
    return found


def _resolve(item, path: str):
    """The object and model field a dotted export path ends on, or (None, None) for a computed column."""
    *relations, last = path.split(".")
    for name in relations:
        try:
            item._meta.get_field(name)
        except FieldDoesNotExist:
            return None, None
        item = getattr(item, name)
        if item is None:
            return None, None
    try:
        return item, item._meta.get_field(last)
    except FieldDoesNotExist:
        return None, None


def _kind(model_field) -> str | None:
    if model_field is None or model_field.choices or model_field.is_relation:
        return None
    if isinstance(model_field, (models.CharField, models.TextField)):
        return "text"
    if isinstance(model_field, models.DateTimeField):
        return "instant"
    if isinstance(model_field, models.BooleanField):
        return "boolean"
    positive = (models.PositiveIntegerField, models.PositiveBigIntegerField, models.PositiveSmallIntegerField)
    if isinstance(model_field, (models.IntegerField, models.DecimalField)) and not (
        isinstance(model_field, (models.AutoField, models.BigAutoField, *positive)) or model_field.primary_key
    ):
        return "number"
    return None


def make_hostile(item, list_export, index: int) -> None:
    """Write hostile text in every exported text field of `item` (and its related rows), the fixed instant in its
    date-time fields, -2 in its signed numbers."""
    for column, path in enumerate(list_export):
        target, model_field = _resolve(item, path)
        kind = _kind(model_field)
        if kind == "text":
            value = HOSTILE[(index + column) % len(HOSTILE)][: model_field.max_length]
        elif kind == "instant":
            value = INSTANT
        elif kind == "number":
            value = -2
        else:
            continue
        type(target)._base_manager.filter(pk=target.pk).update(**{model_field.attname: value})


def expected_columns(items, list_export, utc_columns) -> dict[int, tuple[str, list, list]]:
    """Column index → (kind, CSV cells, XLSX values) the export must hold for `items` (fresh from the database)."""
    expected = {}
    for column, path in enumerate(list_export):
        kinds, csv_cells, xlsx_values = set(), [], []
        for item in items:
            target, model_field = _resolve(item, path)
            kind = _kind(model_field)
            kinds.add(kind)
            raw = getattr(target, model_field.attname) if kind else None
            if kind == "text":
                shown = f"'{raw}" if raw.startswith(FORMULA_STARTS) else raw
                csv_cells.append(shown)
                xlsx_values.append(shown or None)
            elif kind == "instant":
                utc = path in utc_columns
                csv_cells.append(UTC_CSV if utc else LOCAL_CSV)
                xlsx_values.append(UTC_XLSX if utc else LOCAL_XLSX)
            elif kind == "boolean":
                csv_cells.append("Oui" if raw else "Non")
                xlsx_values.append("Oui" if raw else "Non")
        if len(kinds) == 1 and (kind := kinds.pop()) is not None:
            expected[column] = (kind, sorted(csv_cells), sorted(xlsx_values, key=repr))
    return expected


def check_listing(client, listing: Listing) -> None:
    """Download the listing's CSV and XLSX as the secretariat does and check what a spreadsheet program shows."""
    callback = export_views()[listing.url_name]
    view = callback.view_class(**callback.view_initkwargs)
    list_export = list(view.list_export)
    pks = []
    for index in range(len(HOSTILE)):
        item = listing.build(index)
        make_hostile(item, list_export, index)
        pks.append(item.pk)
    items = list(type(item)._base_manager.filter(pk__in=pks))
    expected = expected_columns(items, list_export, listing.utc_columns)
    assert any(kind == "text" for kind, _, _ in expected.values()), "no text column filled"
    url = reverse(listing.url_name)

    response = client.get(url, {**listing.query, "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="{view.get_filename()}.csv"' in response["Content-Disposition"]
    headings, *rows = csv_rows(response)
    assert len(headings) == len(list_export) and len(rows) >= len(HOSTILE)
    rows = [row for row in rows if _is_ours(row, expected)]
    assert len(rows) == len(HOSTILE), rows
    for row in rows:
        assert len(row) == len(headings)
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS) or NUMBER.fullmatch(cell), (listing.url_name, cell)
    for column, (kind, csv_cells, _) in expected.items():
        cells = sorted(row[column] for row in rows)
        if kind == "number":
            assert all(float(cell.replace(",", ".")) == -2 for cell in cells), cells
        else:
            assert cells == csv_cells, (listing.url_name, list_export[column])
    if any(kind == "text" and ACCENTED in cells for kind, cells, _ in expected.values()):
        assert any(ACCENTED in row for row in rows)

    response = client.get(url, {**listing.query, "export": "xlsx"})
    assert response.status_code == 200
    sheet = xlsx_sheet(response)
    title = listing_title(view)
    assert sheet.title == title if len(title) <= 31 else (title.startswith(sheet.title) and len(sheet.title) <= 31)
    heading_row, *data = list(sheet.iter_rows())
    assert [cell.value for cell in heading_row] == [cell or None for cell in headings]
    data = [row for row in data if _is_ours([cell.value for cell in row], expected, xlsx=True)]
    assert len(data) == len(HOSTILE)
    for row in data:
        for cell in row:
            assert cell.data_type != "f", (listing.url_name, cell.value)
            if isinstance(cell.value, str):
                assert not cell.value.startswith(FORMULA_STARTS), (listing.url_name, cell.value)
    for column, (kind, _, xlsx_values) in expected.items():
        values = sorted((row[column].value for row in data), key=repr)
        if kind == "number":
            assert values == [-2] * len(HOSTILE), values
        else:
            assert values == xlsx_values, (listing.url_name, list_export[column], values)


def _is_ours(row, expected, xlsx=False) -> bool:
    """Whether a row is one the test made (its first text column holds one of the test's values)."""
    column, (_, csv_cells, xlsx_values) = next((c, e) for c, e in expected.items() if e[0] == "text")
    return row[column] in (xlsx_values if xlsx else csv_cells)


def listing_title(view) -> str:
    """The listing's title as the admin shows it (in French)."""
    with translation.override("fr"):
        model = getattr(view, "model", None)
        return str(view.page_title or (capfirst(model._meta.verbose_name_plural) if model else ""))


def log_in_secretariat(client):
    """A superuser whose session passed the second factor, as the admin requires."""
    login_with_mfa(client, StaffUserFactory())
    return client
