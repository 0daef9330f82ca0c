"""A small XLSX writer that streams: each sheet is zipped as it is written, so the first bytes
leave while later tables are still being counted, and a national export of 30,000 cells takes a
fraction of the time openpyxl's pure-Python XML writer takes (openpyxl still reads the files in
the tests, as Excel and LibreOffice do).

Only what the statistics need: text, whole numbers, rates as percentages, means with one
decimal, dates, bold headings and column widths. Strings are written inline, so no
shared-strings table has to wait for the last sheet.
"""

import datetime as dt
import re
import zipfile
from xml.sax.saxutils import escape, quoteattr

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
EPOCH = dt.date(1899, 12, 30)
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# Cell styles (indexes into cellXfs below).
PLAIN, BOLD, TITLE, PERCENT, DATE, DECIMAL = range(6)
STYLES = "".join(
    [
        f'{HEAD}<styleSheet xmlns="{MAIN}">',
        '<numFmts count="3"><numFmt numFmtId="164" formatCode="0.0%"/>',
        '<numFmt numFmtId="165" formatCode="yyyy-mm-dd"/>',
        '<numFmt numFmtId="166" formatCode="0.0"/></numFmts>',
        '<fonts count="3"><font><sz val="11"/><name val="Calibri"/></font>',
        '<font><b/><sz val="11"/><name val="Calibri"/></font>',
        '<font><b/><sz val="13"/><name val="Calibri"/></font></fonts>',
        '<fills count="2"><fill><patternFill patternType="none"/></fill>',
        '<fill><patternFill patternType="gray125"/></fill></fills>',
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>',
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>',
        '</cellStyleXfs><cellXfs count="6">',
        # PLAIN, BOLD, TITLE, PERCENT, DATE, DECIMAL
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
        '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
        '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
        '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
        '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>',
        "</cellStyles></styleSheet>",
    ]
)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(value) -> str:
    return escape(NOT_IN_XML.sub("", str(value)))


def cell_xml(ref: str, value, style: int = PLAIN) -> str:
    """One cell: None and "" are left out, a date becomes a date, a float a percentage (a rate)
    unless its style is DECIMAL (a mean)."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, dt.datetime):
        value = value.date()  # the statistics show days
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="{DATE}"><v>{(value - EPOCH).days}</v></c>'
    if isinstance(value, float):
        return f'<c r="{ref}" s="{DECIMAL if style == DECIMAL else PERCENT}"><v>{value!r}</v></c>'
    if isinstance(value, int):
        return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'
    text = f'<is><t xml:space="preserve">{_text(value)}</t></is>'
    return f'<c r="{ref}" t="inlineStr" s="{style}">{text}</c>'


class _Chunks:
    """The file zipfile writes into: keeps what was written until the stream takes it."""

    def __init__(self):
        self.parts = []

    def write(self, data):
        self.parts.append(bytes(data))
        return len(data)

    def flush(self):
        pass

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts.clear()
        return data


class StreamingWorkbook:
    """`sheet(name, widths, rows)` zips one sheet (rows of (value, style) pairs, read once);
    each call and `close()` return the bytes ready to be sent."""

    def __init__(self):
        self._out = _Chunks()
        self._zip = zipfile.ZipFile(self._out, "w", zipfile.ZIP_DEFLATED)
        self._names = []

    def sheet(self, name: str, widths: dict[int, int], rows) -> bytes:
        self._names.append(name)
        path = f"xl/worksheets/sheet{len(self._names)}.xml"
        with self._zip.open(path, "w") as part:
            cols = "".join(
                f'<col min="{i + 1}" max="{i + 1}" width="{w}" customWidth="1"/>'
                for i, w in sorted(widths.items())
            )
            part.write(f'{HEAD}<worksheet xmlns="{MAIN}">'.encode())
            part.write((f"<cols>{cols}</cols>" if cols else "").encode() + b"<sheetData>")
            buffer = []
            for number, row in enumerate(rows, 1):
                cells = "".join(
                    cell_xml(f"{column_letter(i)}{number}", value, style)
                    for i, (value, style) in enumerate(row)
                )
                buffer.append(f'<row r="{number}">{cells}</row>')
                if len(buffer) >= 500:
                    part.write("".join(buffer).encode())
                    buffer.clear()
            part.write(("".join(buffer) + "</sheetData></worksheet>").encode())
        return self._out.take()

    def close(self) -> bytes:
        sheets = "".join(
            f'<sheet name={quoteattr(NOT_IN_XML.sub("", name))} sheetId="{n}" r:id="rId{n}"/>'
            for n, name in enumerate(self._names, 1)
        )
        sheet_rels = "".join(
            f'<Relationship Id="rId{n}" Type="{RELS}/worksheet" Target="worksheets/sheet{n}.xml"/>'
            for n in range(1, len(self._names) + 1)
        )
        styles_id = len(self._names) + 1
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{SHEET_TYPE}"/>'
            for n in range(1, len(self._names) + 1)
        )
        parts = {
            "xl/styles.xml": STYLES,
            "xl/workbook.xml": (
                f'{HEAD}<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>{sheets}</sheets>'
                "</workbook>"
            ),
            "xl/_rels/workbook.xml.rels": (
                f'{HEAD}<Relationships xmlns="{PACKAGE_RELS}">{sheet_rels}'
                f'<Relationship Id="rId{styles_id}" Type="{RELS}/styles" Target="styles.xml"/>'
                "</Relationships>"
            ),
            "_rels/.rels": (
                f'{HEAD}<Relationships xmlns="{PACKAGE_RELS}"><Relationship Id="rId1" '
                f'Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
            ),
            "[Content_Types].xml": (
                f"{HEAD}<Types "
                'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" '
                'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/xl/workbook.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                '<Override PartName="/xl/styles.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                f"{overrides}</Types>"
            ),
        }
        for path, text in parts.items():
            self._zip.writestr(path, text)
        self._zip.close()
        return self._out.take()
