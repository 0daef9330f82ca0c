"""Check the gettext catalogues and list what a native speaker still has to review.

    python -m equalcity.catalogues              # completeness of every catalogue
    python -m equalcity.catalogues --unreviewed ti   # the Tigrinya strings nobody reviewed yet

A translation counts as reviewed when its entry carries a translator comment
``# reviewed: <name> <date>`` (msgmerge keeps translator comments, so the mark survives
`make messages`). Completeness means no empty translation and no fuzzy entry: Django skips
both, which would show English or Swedish on a page in another language.
"""

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po, write_po

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
REVIEW_MARK = "reviewed:"

# Plural rules (CLDR) for the header of each catalogue; makemessages leaves them blank for
# languages Django does not know.
PLURAL_FORMS = {
    "sv": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=11 ? 4 : 5);",
    "fa_AF": "nplurals=2; plural=(n > 1);",
    "so": "nplurals=2; plural=(n != 1);",
    "ti": "nplurals=2; plural=(n > 1);",
}


def fix_header(path: Path, language: str):
    """Give a fresh catalogue a real header: language, plural rule, no fuzzy mark."""
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("\n\n")
    head = head.replace("#, fuzzy\n", "")
    head = re.sub(
        r"^# SOME DESCRIPTIVE TITLE.*?#\n",
        f"# Equalcity interface: {language}.\n#\n",
        head,
        flags=re.S,
    )
    head = head.replace("PACKAGE VERSION", "Equalcity")
    head = head.replace("YEAR-MO-DA HO:MI+ZONE", "2026-11-22 00:00+0100")
    head = re.sub(r'"Language: [^"]*\\n"', f'"Language: {language}\\\\n"', head)
    head = re.sub(
        r'"Plural-Forms: .*?;\\n"',
        f'"Plural-Forms: {PLURAL_FORMS[language]}\\\\n"',
        head,
        flags=re.S,
    )
    path.write_text(head + sep + rest, encoding="utf-8")


@dataclass
class Report:
    language: str
    total: int
    missing: list
    fuzzy: list
    unreviewed: list


def _translated(message):
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return all(s and s.strip() for s in strings)


def check(language_dir: Path) -> Report:
    with (language_dir / "LC_MESSAGES" / "django.po").open("rb") as handle:
        catalogue = read_po(handle)
    messages = [m for m in catalogue if m.id]
    return Report(
        language=language_dir.name,
        total=len(messages),
        missing=[m.id for m in messages if not _translated(m)],
        fuzzy=[m.id for m in messages if m.fuzzy],
        unreviewed=[
            m
            for m in messages
            if not any(c.strip().startswith(REVIEW_MARK) for c in m.user_comments)
        ],
    )


def fill_english(path: Path):
    """The source strings are English: the English catalogue repeats them, so that it is
    complete and a reviewer can still change a wording for English readers only."""
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    for message in catalogue:
        if message.id and (message.fuzzy or not _translated(message)):
            # A fuzzy entry carries msgmerge's guess from a similar string: replace it.
            message.string = message.id
            message.flags.discard("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=79)


def reports():
    return [check(path) for path in sorted(LOCALE_DIR.iterdir()) if path.is_dir()]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unreviewed", metavar="LANG", help="list the unreviewed strings")
    parser.add_argument("--fix-headers", action="store_true", help="set language and plurals")
    parser.add_argument(
        "--fill-english",
        action="store_true",
        help="copy new source strings into the English catalogue",
    )
    args = parser.parse_args(argv)
    if args.fix_headers:
        for language in PLURAL_FORMS:
            fix_header(LOCALE_DIR / language / "LC_MESSAGES" / "django.po", language)
    if args.fill_english:
        fill_english(LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po")
    if args.fix_headers or args.fill_english:
        return 0
    if args.unreviewed:
        report = check(LOCALE_DIR / args.unreviewed)
        for message in report.unreviewed:
            msgid = message.id[0] if isinstance(message.id, tuple) else message.id
            msgstr = message.string[0] if isinstance(message.string, tuple) else message.string
            print(f"{msgid}\n    → {msgstr}\n")
        return 0
    incomplete = False
    for report in reports():
        incomplete |= bool(report.missing or report.fuzzy)
        print(
            f"{report.language:6} {report.total:4} strings, {len(report.missing)} missing, "
            f"{len(report.fuzzy)} fuzzy, {len(report.unreviewed)} not yet reviewed"
        )
    return 1 if incomplete else 0


if __name__ == "__main__":
    sys.exit(main())
