"""Words in another language than the page's that are not marked as such (WCAG 2.1, 3.1.2
Language of Parts): for any page, e-mail, or the HTML a PDF is made from.

    foreign_words(html, "ar")  →  ["Göteborg", "Storgatan"]  (want: [])

A word counts as marked when it sits inside an element whose `lang` (its own or the nearest
ancestor's) names another language than the page's. What "foreign" means depends on the page:
on an Arabic, Dari or Tigrinya page a word with a Latin letter; on a Latin-script page (sv, en,
so) a word with an Arabic or Ethiopic letter. Pass `is_foreign` to judge words in the same script
(for example Swedish words on a Somali page, with a Swedish word list).

The HTML is parsed by tinyhtml5, the HTML5 parser WeasyPrint itself uses, so elements closed
implicitly (`<p>`, `<li>`) nest as a browser and the PDF see them. Checked: text, the title, and
the attributes people read or hear (alt, title, aria-label, placeholder, a meta description).
Not words: links and e-mail addresses, digits, punctuation.
"""

import re
from collections.abc import Callable

import tinyhtml5

LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
OTHER_SCRIPTS = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF\u1200-\u139F]")
NON_LATIN_PAGES = {"ar", "fa-af", "ti"}
NOT_WORDS = re.compile(
    r"^(?:(?:https?|ftp)://\S+|(?:mailto|tel|data):\S+|www\.\S+|\S+@\S+\.\S+|/\S*)$",
    re.IGNORECASE,
)
SKIPPED = {"script", "style", "template", "svg", "math"}
READ_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
WORD_EDGES = "\"'“”‘’«»()[]{}.,:;!?…–—-·•/|"


def _default_judge(language: str) -> Callable[[str], bool]:
    if language.lower() in NON_LATIN_PAGES:
        return lambda word: bool(LATIN.search(word))
    return lambda word: bool(OTHER_SCRIPTS.search(word))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _same(lang: str, language: str) -> bool:
    return lang.strip().lower() == language.lower()


def _words(text: str):
    for token in text.split():
        if NOT_WORDS.match(token):
            continue
        word = token.strip(WORD_EDGES)
        if word and not NOT_WORDS.match(word):
            yield word


def foreign_words(
    html: str, language: str, *, is_foreign: Callable[[str], bool] | None = None
) -> list[str]:
    """The words that are in another language than `language` and not marked with their own
    `lang`, in document order."""
    judge = is_foreign or _default_judge(language)
    found: list[str] = []

    def check(text, marked):
        if text and not marked:
            found.extend(word for word in _words(text) if judge(word))

    def walk(element, lang):
        if not isinstance(element.tag, str):  # a comment
            check(element.tail, parent_marked[-1])
            return
        tag = _local(element.tag)
        lang = element.get("lang", lang)
        marked = not _same(lang, language)
        if tag in SKIPPED:
            check(element.tail, parent_marked[-1])
            return
        for attribute in READ_ATTRIBUTES:
            check(element.get(attribute), marked)
        if tag == "meta" and element.get("name", "").lower() == "description":
            check(element.get("content"), marked)
        check(element.text, marked)
        parent_marked.append(marked)
        for child in element:
            walk(child, lang)
        parent_marked.pop()
        check(element.tail, parent_marked[-1])

    root = tinyhtml5.parse(html)
    page_lang = root.get("lang", language)
    parent_marked = [not _same(page_lang, language)]
    walk(root, page_lang)
    return found


LATIN_DIGITS = re.compile(r"[0-9]+(?:[ .:/-][0-9]+)*")
ISOLATED = re.compile("[\u2066\u2067\u2068].*?\u2069", re.S)


def _digits(text: str) -> list[str]:
    """Latin digit runs outside Unicode isolates (plain-text isolation: an error message)."""
    return LATIN_DIGITS.findall(ISOLATED.sub("", text))


def unisolated_digits(html: str) -> list[str]:
    """On a right-to-left page: runs of Latin digits (a phone number, a postal code, a time, a
    link) that sit in the right-to-left text, not inside an element that isolates them left to
    right (`dir="ltr"`, `<bdi>`, `<input>`), where they reorder: "67 45 123-070"."""
    found: list[str] = []

    def walk(element, isolated):
        if not isinstance(element.tag, str):
            if not isolated and element.tail:
                found.extend(_digits(element.tail))
            return
        tag = _local(element.tag)
        own = isolated or element.get("dir") == "ltr" or tag in ("bdi", "input", "textarea")
        if tag in SKIPPED or tag in ("head",):
            own = True
        if not own and element.text:
            found.extend(_digits(element.text))
        for child in element:
            walk(child, own)
        if not isolated and element.tail:
            found.extend(_digits(element.tail))

    walk(tinyhtml5.parse(html), False)
    return found
