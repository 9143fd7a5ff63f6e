"""Reading the admin's downloads as a spreadsheet program does: CSV with its byte order mark and `;`, XLSX sheets."""

import codecs
import csv
import io

import openpyxl


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
