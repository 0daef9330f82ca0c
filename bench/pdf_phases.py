"""Where a warm PDF's time goes: CPU milliseconds per phase, for the documents of
`bench/render_invitation.py` in every language.

    .venv/bin/python bench/pdf_phases.py [runs]

Phases: building the data (database reads), the HTML (Django template), WeasyPrint's rendering
(parsing, styles, boxes, layout; `passes` says how many times the pages were laid out: a second
pass is what a page total such as "/ N" can cost), and writing the PDF (drawing, fonts, zlib;
`fonts` is the font subsetting inside it). CPU time of this process (`time.process_time`), medians
of warm runs taken in rounds: on a loaded machine, compare figures from one run only.
"""

import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import render_invitation as bench
import weasyprint.layout.page
import weasyprint.pdf.fonts

from equalcity import documents

_spent: dict[str, float] = defaultdict(float)
_passes = [0]


def _counted(owner, name: str, label: str):
    """Wrap `owner.name` so that its CPU time is added to `_spent[label]` (and calls counted)."""
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        _passes[0] += label == "passes"
        start = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            _spent[label] += time.process_time() - start

    setattr(owner, name, wrapper)


_counted(weasyprint.layout.page, "remake_page", "passes")
_counted(weasyprint.pdf.fonts.Font, "subset", "fonts")


def phases(build, language) -> dict[str, float]:
    _spent.clear()
    _passes[0] = 0
    cpu = time.process_time()
    source = build()
    built = time.process_time()
    html = documents.render_html(source, language)
    rendered = time.process_time()
    document = documents._layout(html)
    laid_out = time.process_time()
    document.write_pdf()
    written = time.process_time()
    return {
        "data": built - cpu,
        "html": rendered - built,
        "render": laid_out - rendered,
        "write": written - laid_out,
        "fonts": _spent["fonts"],
        "total": written - cpu,
        "passes": _passes[0],
    }


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    key = bench.day_key(bench.training_day())
    jobs = {}
    for language in bench.LANGUAGES:
        jobs[f"invitation {language}"] = (
            lambda language=language: bench.document_source(
                kind=bench.INVITATION, source=key, language=language
            ),
            language,
        )
        jobs[f"certificate {language}"] = (
            lambda language=language: bench.certificate(language),
            language,
        )
    for build, language in jobs.values():  # cold runs left out
        phases(build, language)
    figures = {name: defaultdict(list) for name in jobs}
    for _ in range(runs):
        for name, (build, language) in jobs.items():
            for phase, value in phases(build, language).items():
                figures[name][phase].append(value)
    columns = ["data", "html", "render", "write", "fonts", "total"]
    print(f"CPU ms, median of {runs} warm runs in rounds (fonts: subsetting, part of write)")
    print(f"{'document':17} " + " ".join(f"{c:>7}" for c in columns) + "  passes")
    for name, values in figures.items():
        cells = " ".join(f"{statistics.median(values[c]) * 1000:7.1f}" for c in columns)
        print(f"{name:17} {cells}  {max(values['passes'])}")


if __name__ == "__main__":
    main()
