"""The dashboard's tables as CSV and XLSX: the same suppressed cells, never a name."""

import csv
import io

from openpyxl import Workbook


def _lines(tables):
    for table in tables:
        for label, cells in [*table.rows, *([table.total] if table.total else [])]:
            for column, cell in zip(table.columns, cells, strict=True):
                yield table.title, label, column, str(cell)


def tables_csv(tables) -> str:
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(["table", "row", "column", "value"])
    writer.writerows(_lines(tables))
    return output.getvalue()


def tables_xlsx(tables) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(table.key[:31])
        sheet.append([table.title])
        sheet.append(["", *table.columns])
        for label, cells in [*table.rows, *([table.total] if table.total else [])]:
            sheet.append([label, *(str(cell) for cell in cells)])
        if table.note:
            sheet.append([table.note])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
