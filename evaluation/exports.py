"""The dashboard's tables as CSV and XLSX: the same suppressed cells, never a name.

Numbers stay numbers: in XLSX a count is a number cell, a rate a number with a percent format,
a date a date; in CSV they are written the way the spreadsheet that opens the file reads them.
Swedish Excel reads UTF-8 only with a byte order mark, splits on semicolons and takes a comma
as the decimal sign; tools such as R or pandas expect commas and a decimal point. Both are
offered. Both formats are written as the tables are counted, so the first bytes leave at once.
"""

import csv
import datetime as dt
import re
import tempfile
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from evaluation.suppression import Cell

BOM = "\ufeff"


@dataclass(frozen=True)
class CsvForm:
    delimiter: str
    decimal: str
    bom: bool


EXCEL = CsvForm(delimiter=";", decimal=",", bom=True)  # Swedish Excel opens it with a click
PLAIN = CsvForm(delimiter=",", decimal=".", bom=False)  # R, pandas, LibreOffice defaults


def _rows(table):
    return [*table.rows, *([table.total] if table.total else [])]


def csv_value(cell: Cell, form: CsvForm) -> str:
    if cell.hidden or cell.hidden_too:
        return str(cell)
    if cell.value is None:
        return ""
    if isinstance(cell.value, float):
        return f"{cell.value * 100:.1f}".replace(".", form.decimal) + "%"
    return str(cell.value)


class _Line:
    """csv.writer writes into this; the stream takes each line as it is written."""

    def write(self, text):
        return text


def csv_stream(tables, *, form: CsvForm = EXCEL):
    """Bytes of a CSV file, one line at a time: table, row, column, value."""
    writer = csv.writer(_Line(), delimiter=form.delimiter)
    header = writer.writerow([_("Table"), _("Row"), _("Column"), _("Value")])
    yield ((BOM if form.bom else "") + header).encode()
    for table in tables:
        for label, cells in _rows(table):
            for column, cell in zip(table.columns, cells, strict=True):
                yield writer.writerow([table.title, label, column, csv_value(cell, form)]).encode()


FORBIDDEN_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


def _shortened(text: str, limit: int) -> str:
    """At most `limit` characters, cut after a whole word where one fits, marked with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" '") + "…"


def sheet_name(title: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, not starting or ending with an
    apostrophe, unique regardless of case."""
    base = " ".join(FORBIDDEN_IN_SHEET_NAMES.sub(" ", title).split()).strip("'") or "Sheet"
    name, n = _shortened(base, 31), 1
    while name.casefold() in taken:
        n += 1
        suffix = f" ({n})"
        name = _shortened(base, 31 - len(suffix)) + suffix
    taken.add(name.casefold())
    return name


def _xlsx_value(sheet, value, *, bold=False):
    cell = WriteOnlyCell(sheet, value=value)
    if bold:
        cell.font = Font(bold=True)
    if isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def _xlsx_cell(sheet, cell: Cell):
    if cell.hidden or cell.hidden_too:
        return WriteOnlyCell(sheet, value=str(cell))
    written = WriteOnlyCell(sheet, value=cell.value)
    if isinstance(cell.value, float):
        written.number_format = "0.0%"
    return written


def _xlsx_table(sheet, table):
    bold = Font(bold=True)
    title = WriteOnlyCell(sheet, value=table.title)
    title.font = Font(bold=True, size=13)
    sheet.append([title])
    keyed = bool(table.key_columns)
    labels = table.key_columns if keyed else [""]
    sheet.append([_xlsx_value(sheet, text, bold=True) for text in [*labels, *table.columns]])
    for index, (label, cells) in enumerate(table.rows):
        keys = table.keys[index] if keyed else (label,)
        row = [_xlsx_value(sheet, key) for key in keys]
        if not keyed:
            row[0].font = bold
        sheet.append([*row, *(_xlsx_cell(sheet, cell) for cell in cells)])
    if table.total:
        label, cells = table.total
        blanks = [None] * (len(labels) - 1)
        sheet.append(
            [_xlsx_value(sheet, label, bold=True), *blanks, *(_xlsx_cell(sheet, c) for c in cells)]
        )
    if table.note:
        sheet.append([])
        sheet.append([table.note])
    sheet.column_dimensions["A"].width = 30


def xlsx_file(tables, *, about: list[tuple[str, object]]):
    """An XLSX workbook in a temporary file (rewound): a first sheet saying what the file holds,
    then one sheet per table, named by its title in the reader's language. Written in openpyxl's
    write-only mode, which keeps no table in memory once it is written."""
    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    first = workbook.create_sheet(sheet_name(_("About"), taken))
    first.column_dimensions["A"].width = 30
    first.column_dimensions["B"].width = 60
    for label, value in about:
        first.append([_xlsx_value(first, label, bold=True), _xlsx_value(first, value)])
    for table in tables:
        _xlsx_table(workbook.create_sheet(sheet_name(table.title, taken)), table)
    output = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 - the response closes it
    workbook.save(output)
    output.seek(0)
    return output
