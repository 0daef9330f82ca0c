"""Phone numbers that people can read and phones can call.

A number is shown as a Swede writes it ("031-367 91 64"; a foreign one in international form)
and linked as `tel:` in E.164 ("tel:+46313679164"): RFC 3966 allows no spaces, and the Nu HTML
Checker rejects them. The shown number is isolated left to right, so that its digits and dashes
keep their order inside Arabic or Dari text.
"""

import phonenumbers
from django.utils.html import format_html

HOME_REGION = "SE"


def parse_phone(value: str) -> phonenumbers.PhoneNumber | None:
    """The number in `value` (Swedish unless it starts with +), or None if it is not one."""
    try:
        number = phonenumbers.parse(value or "", HOME_REGION)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def phone_e164(value: str) -> str | None:
    number = parse_phone(value)
    if number is None:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_display(value: str) -> str:
    """Swedish numbers in national form, foreign ones in international form; text as it is."""
    number = parse_phone(value)
    if number is None:
        return value
    if phonenumbers.region_code_for_number(number) == HOME_REGION:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def phone_link(value: str):
    """`<a href="tel:+46…" dir="ltr">031-…</a>`; a value that is no number is shown, unlinked."""
    e164 = phone_e164(value)
    if e164 is None:
        return format_html('<span dir="ltr">{}</span>', value)
    return format_html('<a href="tel:{}" dir="ltr">{}</a>', e164, phone_display(value))
