"""Input that people type: names in any script, phone numbers from anywhere, no hidden junk."""

import unicodedata

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from equalcity.i18n import isolate

# Dari and Persian need the zero-width (non-)joiner inside words; every other format or control
# character is junk at best and a spoofing trick at worst.
ALLOWED_FORMAT_CHARACTERS = {"\u200c", "\u200d"}
NAME_PUNCTUATION = {" ", "-", "'", "’", ".", "\u200c", "\u200d"}


def clean_text(value: str) -> str:
    """Normalise to NFC and refuse control characters, with a sentence the person understands."""
    value = unicodedata.normalize("NFC", value).strip()
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
