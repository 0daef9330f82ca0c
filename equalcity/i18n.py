"""Helpers for the six interface languages: dates, times and numbers as each language writes
them, text kept apart from the surrounding direction, and translated fields.

One date style per language. CLDR's patterns mix styles (Dari's abbreviated weekday comes with a
Latin comma and the month first; Somali puts the month first), so each language has its own
patterns here, read by Babel for the names of weekdays and months. Arabic and Dari write their
own digits (٠١٢ / ۰۱۲) in dates, times and counts: a Latin digit inside right-to-left text is
what reorders ("67 45 123-070"), so the only Latin digits left on such pages are phone numbers,
postal codes and links, and those are isolated.
"""

import datetime as dt
from functools import lru_cache

from babel.dates import format_date, format_time
from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from modeltranslation.utils import build_localized_fieldname

from equalcity.languages import INTERFACE_LANGUAGES, babel_locale

# Per language: (date with year, weekday and date, weekday and date with year, short date,
# short weekday and date). Babel pattern syntax; quoted text is literal.
_PATTERNS = {
    "sv": ("d MMMM y", "EEEE d MMMM", "EEEE d MMMM y", "d MMM", "EEE d MMM"),
    "en": ("d MMMM y", "EEEE d MMMM", "EEEE d MMMM y", "d MMM", "EEE d MMM"),
    "ar": ("d MMMM y", "EEEE، d MMMM", "EEEE، d MMMM y", "d MMMM", "EEEE، d MMMM"),
    "fa-af": ("d MMMM y", "EEEE d MMMM", "EEEE d MMMM y", "d MMMM", "EEEE d MMMM"),
    "so": ("d MMMM y", "EEEE, d MMMM", "EEEE, d MMMM y", "d MMM", "EEE, d MMM"),
    "ti": ("d MMMM y", "EEEE፣ d MMMM", "EEEE፣ d MMMM y", "d MMM", "EEE፣ d MMM"),
}
_STYLE_INDEX = {"long": 0, "weekday": 1, "full": 2, "short": 3, "weekday_short": 4}
# "medium" was a CLDR style; it reads best as the long date.
_STYLE_INDEX["medium"] = 0

NATIVE_DIGITS = {
    "ar": str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"),
    "fa-af": str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"),
}
RTL_LANGUAGES = {"ar", "fa-af"}
# Unicode isolates (UAX #9): a run of left-to-right or unknown text inside right-to-left text.
LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def reader_first(codes, reader: str) -> list[str]:
    """The reader's own language first (a staff member's language for documents), then the
    others in their usual order: ["sv", "ar", "ti"], "ti" → ["ti", "sv", "ar"]."""
    return sorted(codes, key=lambda code: code != reader)


def language_name_local(code: str) -> str:
    """A language in its own name: "ti" → "ትግርኛ"."""
    return next((local for c, _name, local, _bidi in INTERFACE_LANGUAGES if c == code), code)


def localized_fieldnames(field: str) -> list[str]:
    """`title` → ["title_sv", "title_en", …], Swedish first (it is the fallback)."""
    return [build_localized_fieldname(field, code) for code in language_codes()]


def current_language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def is_rtl(language: str | None = None) -> bool:
    return (language or current_language()) in RTL_LANGUAGES


def digits(text, language: str | None = None) -> str:
    """Latin digits as the language writes them: "12" → "١٢" in Arabic, "۱۲" in Dari."""
    table = NATIVE_DIGITS.get(language or current_language())
    return str(text).translate(table) if table else str(text)


def local_number(value: int, language: str | None = None) -> str:
    return digits(value, language)


def _as_date(value):
    if hasattr(value, "tzinfo") and getattr(value, "hour", None) is not None:
        return timezone.localtime(value).date() if value.tzinfo else value.date()
    return value


def local_date(
    value: dt.date | dt.datetime | None, style: str = "long", language: str | None = None
) -> str:
    """A date written the way the language writes it: "29 september 2027", "٢٩ سبتمبر ٢٠٢٧".

    Styles: long (with the year), weekday (weekday, day and month), full (weekday and year),
    short (day and abbreviated month), weekday_short.
    """
    if value is None:
        return ""
    language = language or current_language()
    patterns = _PATTERNS.get(language, _PATTERNS["en"])
    return _format_date(_as_date(value), patterns[_STYLE_INDEX[style]], language)


@lru_cache(maxsize=16384)
def _format_date(day, pattern: str, language: str) -> str:
    """Babel is slow next to a dictionary: the planner writes the same few dates thousands of
    times."""
    return digits(format_date(day, format=pattern, locale=babel_locale(language)), language)


@lru_cache(maxsize=16384)
def _format_time(value, language: str) -> str:
    return digits(format_time(value, format="HH:mm", locale=babel_locale(language)), language)


def local_time(value: dt.time | dt.datetime | None, language: str | None = None) -> str:
    if value is None:
        return ""
    language = language or current_language()
    if hasattr(value, "tzinfo") and getattr(value, "tzinfo", None):
        value = timezone.localtime(value).time()
    return _format_time(value.replace(second=0, microsecond=0), language)


def local_short_date(value: dt.date | dt.datetime | None, language: str | None = None) -> str:
    """Weekday, day and month, short where the language has short forms: "ons 29 sep"."""
    return local_date(value, "weekday_short", language)


def isolate(text: str, language: str | None = None, *, direction: str = "ltr") -> str:
    """Keep `text` (a link, a phone number, a Swedish address) from reordering inside
    right-to-left plain text (SMS, e-mail); in other languages it is left as it is, so that a
    Somali SMS stays in GSM-7. `direction` "auto" lets the text's first letter decide."""
    if not text or not is_rtl(language):
        return text
    return (LRI if direction == "ltr" else FSI) + text + PDI


class LocalText(str):
    """A text that knows which language it is in (`.lang`): a translation, or the Swedish
    original standing in for a missing one. Templates mark it with `|marked`."""

    lang: str

    def __new__(cls, text: str, lang: str):
        value = super().__new__(cls, text)
        value.lang = lang
        return value


def translated(instance: models.Model, field: str, language: str | None = None) -> LocalText:
    """A translated field's text in the language, or the Swedish text when the translation is
    missing (modeltranslation's fallback) marked as Swedish, so that the page can say so with
    `lang="sv"`."""
    language = language or current_language()
    own = getattr(instance, build_localized_fieldname(field, language), None) or ""
    if own.strip():
        return LocalText(own, language)
    swedish = getattr(instance, build_localized_fieldname(field, settings.LANGUAGE_CODE), "")
    return LocalText(swedish or "", settings.LANGUAGE_CODE)
