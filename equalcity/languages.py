"""The interface languages, including the three Django does not ship.

Dari is served under the code ``fa-af``: browsers and CLDR call it ``fa-AF`` (ISO 639-3's
``prs`` is never sent in an Accept-Language header), so a phone set to Dari gets Dari without any
mapping of our own, and the gettext catalogue lives in ``locale/fa_AF``. Django's base-language
rule makes ``fa-af`` right to left, because ``fa`` is already in ``LANGUAGES_BIDI``.
"""

from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_noop

# Code, English name (a msgid: settings.LANGUAGES translates it), own name, right to left?
INTERFACE_LANGUAGES = (
    ("sv", gettext_noop("Swedish"), "Svenska", False),
    ("en", gettext_noop("English"), "English", False),
    ("ar", gettext_noop("Arabic"), "العربية", True),
    ("fa-af", gettext_noop("Dari"), "دری", True),
    ("so", gettext_noop("Somali"), "Soomaali", False),
    ("ti", gettext_noop("Tigrinya"), "ትግርኛ", False),
)

EXTRA_LANG_INFO = {
    "fa-af": {"bidi": True, "code": "fa-af", "name": "Dari", "name_local": "دری"},
    "so": {"bidi": False, "code": "so", "name": "Somali", "name_local": "Soomaali"},
    "ti": {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"},
}


def install_lang_info():
    """Teach Django the languages it lacks (get_language_info, the language switcher)."""
    for code, info in EXTRA_LANG_INFO.items():
        LANG_INFO.setdefault(code, info)


def babel_locale(language_code):
    """The CLDR locale Babel uses for dates and numbers in an interface language."""
    return {"fa-af": "fa_AF"}.get(language_code, language_code.replace("-", "_"))
