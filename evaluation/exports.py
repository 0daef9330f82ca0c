"""The dashboard's tables as CSV and XLSX: the same suppressed cells, never a name.

Numbers stay numbers: in XLSX (written by `evaluation.xlsx`) a count is a number cell, a rate a
number with a percent format, a mean a number with one decimal, a date a date; in CSV they are
written the way the spreadsheet that opens the file reads them.
Swedish Excel reads UTF-8 only with a byte order mark, splits on semicolons and takes a comma
as the decimal sign; tools such as R or pandas expect commas and a decimal point. Both are
offered. Both formats are written as the tables are counted, so the first bytes leave at once.
"""

import csv
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from evaluation import xlsx
from evaluation.suppression import Cell, one_decimal
from questionnaires.models import HIGHEST, LOWEST

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
    if cell.mean:
        return str(one_decimal(cell.value)).replace(".", form.decimal)
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


def answers_csv_stream(rows, *, form: CsvForm = EXCEL):
    """Bytes of the per-answer file (`evaluation.selectors.outcomes.answer_rows`), a line at a
    time."""
    writer = csv.writer(_Line(), delimiter=form.delimiter)
    header = writer.writerow(
        [
            _("Before or after"),
            _("Course language"),
            _("Course municipality"),
            _("Course started (month)"),
            _("Question number"),
            _("Question (in Swedish)"),
            _("Answer (%(lowest)s–%(highest)s)") % {"lowest": LOWEST, "highest": HIGHEST},
            _("Language answered in"),
            _("Pair (numbered in this file only)"),
        ]
    )
    yield ((BOM if form.bom else "") + header).encode()
    for row in rows:
        yield writer.writerow(row).encode()


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


def _xlsx_cell(cell: Cell):
    """Hidden counts stay text ("<5"); the others are numbers."""
    if cell.hidden or cell.hidden_too:
        return (str(cell), xlsx.PLAIN)
    return (cell.value, xlsx.DECIMAL if cell.mean else xlsx.PLAIN)


def _xlsx_rows(table):
    yield [(table.title, xlsx.TITLE)]
    keyed = bool(table.key_columns)
    labels = table.key_columns if keyed else [""]
    yield [(text, xlsx.BOLD) for text in [*labels, *table.columns]]
    for index, (label, cells) in enumerate(table.rows):
        keys = [(key, xlsx.PLAIN) for key in table.keys[index]] if keyed else [(label, xlsx.BOLD)]
        yield [*keys, *(_xlsx_cell(cell) for cell in cells)]
    if table.total:
        label, cells = table.total
        blanks = [(None, xlsx.PLAIN)] * (len(labels) - 1)
        yield [(label, xlsx.BOLD), *blanks, *(_xlsx_cell(c) for c in cells)]
    if table.note:
        yield []
        yield [(table.note, xlsx.PLAIN)]


def xlsx_stream(tables, *, about: list[tuple[str, object]]):
    """Bytes of an XLSX workbook, a sheet at a time: a first sheet saying what the file holds,
    then one sheet per table, named by its title in the reader's language."""
    workbook = xlsx.StreamingWorkbook()
    taken: set[str] = set()
    yield workbook.sheet(
        sheet_name(_("About"), taken),
        {0: 30, 1: 60},
        ([(label, xlsx.BOLD), (value, xlsx.PLAIN)] for label, value in about),
    )
    for table in tables:
        yield workbook.sheet(sheet_name(table.title, taken), {0: 30}, _xlsx_rows(table))
    yield workbook.close()
