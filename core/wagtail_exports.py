"""Wagtail's own spreadsheets follow our export rules (core.exports): a deliberate adaptation of Wagtail.

Checked against Wagtail 8.0.1. Every download the Wagtail admin offers itself goes through
`wagtail.admin.views.mixins.SpreadsheetExportMixin`: the form submissions of wagtail.contrib.forms (what anonymous
visitors typed), the reports (locked pages, workflows, workflow tasks, site history, aging pages), the search terms
report of wagtail.contrib.search_promotions (what visitors searched for), the redirects listing, and any generic
IndexView or snippet listing given a `list_export`. Left alone they write plain CSV with `,` and no byte order
mark, instants in UTC, True/False, a sheet called "Sheet1", and text such as `=HYPERLINK(...)` as it was typed.

`adapt_wagtail_exports`, called once from CoreConfig.ready(), therefore puts on that mixin the methods of our
`core.exports.SpreadsheetExportMixin` that write the cells and the files:

- `preprocess_field_value`: a view's field-specific preprocessing first (content type labels, action labels), then
  `csv_cell` / `xlsx_cell`: text neutralised, instants in local time, Oui/Non, numbers typed. It replaces Wagtail's
  value preprocessing (`custom_value_preprocess`: datetimes made naive in UTC, lists joined), which never runs.
- `stream_csv`: the byte order mark, `;` between cells, headings by the same rules.
- `write_xlsx`: the sheet named after the listing (`get_sheet_title`); the form submissions' sheet after the form.
- `write_csv_response`: Wagtail's response, declared as UTF-8.

The rows themselves are still Wagtail's (`to_row_dict`, `get_heading`, `generate_xlsx_row`, `write_csv_row`), so each
view keeps its columns. Our own listings put core.exports.SpreadsheetExportMixin in front of Wagtail's mixin: they
run exactly the same functions, which take raw values and never call one another on a cell, so nothing is
neutralised twice (`'déjà cité` stays as it is, `=1` becomes `'=1`, never `''=1`).

`check_wagtail_exports` (a system check, `core.E004`) fails loudly when a Wagtail upgrade renames what this relies on
or a Wagtail exporting view starts writing cells or files itself; tests/core/test_wagtail_exports.py downloads the
submissions and reports as the secretariat does.
"""

from django.core import checks
from django.utils.translation import gettext
from wagtail.admin.views.mixins import SpreadsheetExportMixin as WagtailSpreadsheetExportMixin
from wagtail.contrib.forms.views import SubmissionsListView

from core.exports import CSV_CONTENT_TYPE, SpreadsheetExportMixin, sheet_title

CHECKED_WAGTAIL = "8.0.1"

# Copied from core.exports.SpreadsheetExportMixin onto Wagtail's mixin: they must not use super() (see the check).
ADAPTED = ("get_sheet_title", "preprocess_field_value", "stream_csv", "write_xlsx")
# What the adapted methods and this module call on Wagtail's side.
RELIED_ON = (
    "FORMAT_CSV",
    "FORMAT_XLSX",
    "custom_field_preprocess",
    "list_export",
    "get_filename",
    "get_heading",
    "to_row_dict",
    "write_csv_row",
    "generate_xlsx_row",
    "write_csv_response",
    "write_xlsx_response",
    "as_spreadsheet",
    "preprocess_field_value",
    "stream_csv",
    "write_xlsx",
)
MARK = "_majlis_export_rules"
# Looked up before the adaptation puts its own methods on the class.
_WAGTAIL_HAS = {name for name in RELIED_ON if hasattr(WagtailSpreadsheetExportMixin, name)}

_wagtail_write_csv_response = WagtailSpreadsheetExportMixin.write_csv_response


def write_csv_response(self, queryset):
    """Wagtail's streamed CSV response, declared as UTF-8 (the content starts with its byte order mark)."""
    response = _wagtail_write_csv_response(self, queryset)
    response["Content-Type"] = CSV_CONTENT_TYPE
    return response


def submissions_sheet_title(self) -> str:
    """A form's submissions are in a sheet named after the form ("Contact"), not "Form data"."""
    return sheet_title(self.form_page.get_admin_display_title(), fallback=gettext("Form data"))


def adapted_methods() -> dict[type, dict[str, object]]:
    """Class → the methods adapt_wagtail_exports puts on it."""
    rules = {name: SpreadsheetExportMixin.__dict__[name] for name in ADAPTED}
    return {
        WagtailSpreadsheetExportMixin: {**rules, "write_csv_response": write_csv_response},
        SubmissionsListView: {"get_sheet_title": submissions_sheet_title},
    }


def adapt_wagtail_exports() -> None:
    """Make every Wagtail export write by core.exports' rules (see the module). Idempotent."""
    if WagtailSpreadsheetExportMixin.__dict__.get(MARK):
        return
    for cls, methods in adapted_methods().items():
        for name, function in methods.items():
            setattr(cls, name, function)
    setattr(WagtailSpreadsheetExportMixin, MARK, True)


def _wagtail_exporting_views() -> list[type]:
    """Wagtail's own classes built on its mixin, among those imported (its reports, forms, redirects, listings)."""
    found, pending = [], [WagtailSpreadsheetExportMixin]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.split(".")[0] == "wagtail":
                found.append(subclass)
    return found


def check_wagtail_exports(app_configs=None, **kwargs):
    """Fail when Wagtail's exports no longer go through what adapt_wagtail_exports adapted."""
    problems = []
    missing = [name for name in RELIED_ON if name not in _WAGTAIL_HAS]
    if missing:
        problems.append(f"wagtail.admin.views.mixins.SpreadsheetExportMixin has no {', '.join(missing)}")
    uses_super = [name for name in ADAPTED if "__class__" in SpreadsheetExportMixin.__dict__[name].__code__.co_freevars]
    if uses_super:
        problems.append(f"core.exports.SpreadsheetExportMixin.{'/'.join(uses_super)} call super(): cannot be copied")
    for cls, methods in adapted_methods().items():
        for name, function in methods.items():
            if cls.__dict__.get(name) is not function:
                problems.append(f"{cls.__module__}.{cls.__qualname__}.{name} is not adapted")
    for view in _wagtail_exporting_views():
        for name in (*ADAPTED, "write_csv_response"):
            if name in view.__dict__ and view.__dict__[name] is not adapted_methods().get(view, {}).get(name):
                problems.append(f"{view.__module__}.{view.__qualname__} writes its own {name}")
    if not problems:
        return []
    return [
        checks.Error(
            "Wagtail's spreadsheet exports escape core.exports' rules: " + "; ".join(problems) + ".",
            hint=(
                f"core.wagtail_exports adapts Wagtail's SpreadsheetExportMixin as of Wagtail {CHECKED_WAGTAIL}. "
                "Read the new Wagtail's wagtail/admin/views/mixins.py and exporting views, then update the module."
            ),
            id="core.E004",
        )
    ]
