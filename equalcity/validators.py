"""Input that people type: names in any script, phone numbers from anywhere, no hidden junk."""

import re
import unicodedata

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from equalcity.i18n import isolate

# Dari and Persian need the zero-width (non-)joiner inside words; every other format or control
# character is junk at best and a spoofing trick at worst.
ALLOWED_FORMAT_CHARACTERS = {"\u200c", "\u200d"}
NAME_PUNCTUATION = {" ", "-", "'", "’", ".", "\u200c", "\u200d"}
# Line breaks as phones, browsers (a textarea sends CR LF) and word processors (the Unicode line
# and paragraph separators) write them: all stored as a newline.
LINE_BREAKS = re.compile("\r\n|[\r\u0085\u2028\u2029]")
# Characters that count as letters or marks but show nothing: the Hangul fillers, the blank
# Braille pattern, the combining grapheme joiner, Khmer's invisible vowels, variation selectors.
INVISIBLE = re.compile(
    "[\u115f\u1160\u3164\uffa0\u2800\u034f\u17b4\u17b5\u180b-\u180f\ufe00-\ufe0f"
    "\U000e0100-\U000e01ef]"
)
# Arabic harakat stack two (shadda and a vowel), Vietnamese two on one vowel; more than three
# marks on one letter is "Zalgo" text that spills over the lines around it.
MAX_MARKS_IN_A_ROW = 3


def clean_text(value: str) -> str:
    """Normalise to NFC and every kind of line break to a newline, and refuse control characters,
    with a sentence the person understands."""
    value = LINE_BREAKS.sub("\n", unicodedata.normalize("NFC", value)).strip()
    for char in value:
        if char in "\n\t" or char in ALLOWED_FORMAT_CHARACTERS:
            continue
        if unicodedata.category(char) in {"Cc", "Cf", "Co", "Cs", "Cn"}:
            raise ValidationError(
                _("The text contains invisible characters. Please type it again."),
                code="control_characters",
            )
    return value


def _script(char):
    # "ARABIC LETTER ALEF" → ARABIC; "LATIN SMALL LETTER A WITH RING ABOVE" → LATIN
    return unicodedata.name(char, "UNKNOWN").split(" ")[0]


def clean_person_name(value: str) -> str:
    """A name as the person writes it: Latin with diacritics, Arabic, Ethiopic, any script.

    Letters and combining marks only, with spaces, hyphens and apostrophes between them; each
    word in one script, so that look-alike letters from another alphabet cannot sneak in.
    """
    value = " ".join(clean_text(value).split())
    if not value:
        raise ValidationError(_("Please write your name."), code="required")
    _refuse_invisible_and_stacked_marks(value)
    for char in value:
        if char in NAME_PUNCTUATION:
            continue
        if unicodedata.category(char)[0] not in {"L", "M"}:
            raise ValidationError(
                _("A name can only contain letters, spaces, hyphens and apostrophes."),
                code="invalid_name",
            )
    for word in value.replace("-", " ").split():
        scripts = {_script(c) for c in word if unicodedata.category(c)[0] == "L"}
        if len(scripts) > 1:
            raise ValidationError(
                _("Please write each part of the name in one alphabet."), code="mixed_scripts"
            )
    return value


def _refuse_invisible_and_stacked_marks(name: str) -> None:
    if INVISIBLE.search(name):
        if not any(_is_letter(char) for char in name):
            raise ValidationError(
                _("The name is made only of invisible characters. Please write it with letters."),
                code="invisible_name",
            )
        raise ValidationError(
            _("The text contains invisible characters. Please type it again."),
            code="control_characters",
        )
    marks, previous = 0, " "
    for char in name:
        if unicodedata.category(char)[0] != "M":
            marks, previous = 0, char
            continue
        if not _is_letter(previous):
            raise ValidationError(
                _(
                    "An accent or vowel sign in the name is not attached to a letter. Please "
                    "type the name again."
                ),
                code="mark_without_letter",
            )
        marks += 1
        if marks > MAX_MARKS_IN_A_ROW:
            raise ValidationError(
                _(
                    "The name has too many accents or vowel signs on one letter. Please type "
                    "the name again."
                ),
                code="stacked_marks",
            )


def _is_letter(char: str) -> bool:
    return unicodedata.category(char)[0] == "L" and not INVISIBLE.match(char)


def clean_mobile_phone(value: str) -> str:
    """Any mobile number, stored as E.164. Swedish numbers may be written without +46 (070…)."""
    value = clean_text(value)
    try:
        number = phonenumbers.parse(value, "SE")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("Enter a mobile phone number, for example %(national)s or %(international)s.")
            % {"national": isolate("070-123 45 67"), "international": isolate("+46 70 123 45 67")},
            code="invalid_phone",
        )
    kind = phonenumbers.number_type(number)
    if kind not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        raise ValidationError(
            _(
                "This looks like a landline number. Enter a mobile number so that we can send you "
                "text messages."
            ),
            code="not_mobile",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
