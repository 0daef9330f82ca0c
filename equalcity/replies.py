"""What a parent's SMS reply says: "1" or "2", yes or no, STOP, or anything else (free text).

Parents write the way they learned: Western digits (1 2), Arabic-Indic (١ ٢), Persian (۱ ۲) or
Ethiopic numerals (፩ ፪), and yes/no in their own language. A reply is normalised first (NFKC,
trimmed, case folded, punctuation and symbols removed, Arabic letter variants unified) so that
"Ja!", " JA " and "ja." read alike. Only a whole reply counts: "1" is an answer, "1 but late"
is free text for a person to read.
"""

import re
import unicodedata
from enum import StrEnum


class Interpretation(StrEnum):
    COMING = "coming"
    CANNOT = "cannot"
    STOP = "stop"
    FREE_TEXT = "free_text"


# Arabic script written several ways: hamza seats, Arabic or Persian yeh and kaf, tatweel and
# short vowels. Dari writes ی and ک; an Arabic keyboard gives ي and ك.
_ARABIC_VARIANTS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ی", "ي": "ی", "ك": "ک", "ة": "ه", "ـ": None}
)
# Ethiopic: ኣ (Tigrinya) and አ (Amharic spelling) are both written for the same vowel.
_ETHIOPIC_VARIANTS = str.maketrans({"አ": "ኣ"})
_HARAKAT = re.compile("[\u064b-\u065f\u0670]")

#: Every word by its language: the reply must be one of these, whole.
WORDS = {
    Interpretation.COMING: {
        "sv": ["ja", "japp", "jo", "kommer"],
        "en": ["yes", "y", "yeah", "yep", "coming"],
        "ar": ["نعم", "أجل", "ايوه", "ايوا", "سأحضر"],
        "fa-af": ["بلی", "بله", "آری", "هو", "می\u200cآیم", "میایم"],
        "so": ["haa", "haye", "waan imanayaa"],
        "ti": ["እወ", "ክመጽእ እየ"],
    },
    Interpretation.CANNOT: {
        "sv": ["nej", "nä", "kan inte"],
        "en": ["no", "n", "nope", "cannot", "can't"],
        "ar": ["لا", "كلا", "لن أحضر"],
        "fa-af": ["نه", "نخیر", "نمی\u200cآیم", "نمیایم"],
        "so": ["maya", "ma imanayo"],
        "ti": ["ኣይፋል", "ኣይክመጽእን"],
    },
    Interpretation.STOP: {
        "sv": ["stopp", "stop", "sluta"],
        "en": ["stop", "unsubscribe", "quit", "end"],
        "ar": ["توقف", "إيقاف", "ايقاف", "أوقف", "قف"],
        "fa-af": ["توقف", "بس", "بس کن", "ایست"],
        "so": ["jooji", "joogso", "istoob"],
        "ti": ["ደው በል", "ኣቋርጽ", "ስቶፕ"],
    },
}
#: The numbers: 1 is coming, 2 is cannot come.
NUMBERS = {1: Interpretation.COMING, 2: Interpretation.CANNOT}


def normalise(text: str) -> str:
    """NFKC, case folded, letter variants unified, punctuation and symbols (emoji too) gone,
    spaces collapsed."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = _HARAKAT.sub("", text).translate(_ARABIC_VARIANTS).translate(_ETHIOPIC_VARIANTS)
    kept = "".join(
        " " if unicodedata.category(char)[0] in "PSZC" else char
        for char in text
        if unicodedata.category(char) != "Mn" or char in "\u135d\u135e\u135f"
    )
    return " ".join(kept.split())


def _number(text: str) -> int | None:
    """The number a reply of digits or numerals alone gives: "١", "۲", "፩", "01"."""
    if not text or " " in text:
        return None
    try:
        return int("".join(str(unicodedata.digit(char)) for char in text))
    except (TypeError, ValueError):
        return None


_LOOKUP = {
    normalise(word): meaning
    for meaning, by_language in WORDS.items()
    for words in by_language.values()
    for word in words
}


def interpret(text: str) -> Interpretation:
    """What a reply means; FREE_TEXT for anything a person should read."""
    normal = normalise(text)
    number = _number(normal)
    if number is not None:
        return NUMBERS.get(number, Interpretation.FREE_TEXT)
    return _LOOKUP.get(normal, Interpretation.FREE_TEXT)
