"""What a PDF really shows: its text layer, and the glyphs each font draws.

pdftotext reads the text layer, which is there even where a font had no glyph and drew an
empty box. WeasyPrint writes text as glyph ids of embedded fonts (Type0, Identity-H, original
glyph ids kept). For a character no font has, it draws .notdef under a glyph id the font does
not contain (past its last glyph), or glyph 0 itself. So a PDF shows every character when each
drawn glyph id is one its embedded font really has.
"""

import subprocess
from collections import Counter
from io import BytesIO

from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ByteStringObject, ContentStream, TextStringObject


def pdf_text(pdf: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode()


def _raw(value) -> bytes:
    if isinstance(value, TextStringObject):
        return value.original_bytes
    if isinstance(value, ByteStringObject):
        return bytes(value)
    return b""


def drawn_glyphs(pdf: bytes) -> Counter:
    """(font name, glyph id) → how often it is drawn, over every page."""
    reader = PdfReader(BytesIO(pdf))
    drawn = Counter()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        font = None
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                font = fonts[operands[0]].get_object()
            elif operator in (b"Tj", b"TJ", b"'", b'"'):
                pieces = operands[0] if operator == b"TJ" else [operands[-1]]
                name = str(font["/BaseFont"]).split("+", 1)[-1]
                two_bytes = font["/Subtype"] == "/Type0"
                for piece in pieces:
                    raw = _raw(piece)
                    step = 2 if two_bytes else 1
                    for i in range(0, len(raw), step):
                        drawn[name, int.from_bytes(raw[i : i + step], "big")] += 1
    return drawn


def glyph_counts(pdf: bytes) -> dict:
    """Embedded font name → number of glyphs in its font program."""
    reader = PdfReader(BytesIO(pdf))
    counts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/Subtype"] != "/Type0":
                continue
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            counts[name] = TTFont(BytesIO(program.get_object().get_data()))["maxp"].numGlyphs
    return counts


def missing_glyphs(pdf: bytes) -> dict:
    """Fonts that drew the .notdef box instead of a character, and how often."""
    counts = glyph_counts(pdf)
    missing = Counter()
    for (font, glyph), times in drawn_glyphs(pdf).items():
        if glyph == 0 or glyph >= counts.get(font, 1 << 16):
            missing[font] += times
    return dict(missing)


def fonts_used(pdf: bytes) -> set:
    return {font for font, _glyph in drawn_glyphs(pdf)}
