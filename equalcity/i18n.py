"""Helpers for the six interface languages: dates in each language's own words, field names."""

from babel.dates import format_date, format_skeleton, format_time
from django.conf import settings
from django.utils import timezone, translation
from modeltranslation.utils import build_localized_fieldname

from equalcity.languages import babel_locale


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def localized_fieldnames(field):
    """`title` → ["title_sv", "title_en", …], Swedish first (it is the fallback)."""
    return [build_localized_fieldname(field, code) for code in language_codes()]


def _locale():
    return babel_locale(translation.get_language() or settings.LANGUAGE_CODE)


def local_date(value, style="long"):
    """A date written the way the current language writes it (CLDR, through Babel)."""
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value).date() if value.tzinfo else value.date()
    return format_date(value, format=style, locale=_locale())


def local_time(value):
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and getattr(value, "tzinfo", None):
        value = timezone.localtime(value).time()
    return format_time(value, format="HH:mm", locale=_locale())


def local_short_date(value):
    """Weekday, day and month, short, as the language writes them: "tis 12 jan", "ሰሉ 12 ጥሪ"."""
    if hasattr(value, "tzinfo") and value.tzinfo:
        value = timezone.localtime(value).date()
    return format_skeleton("MMMEd", value, locale=_locale())
