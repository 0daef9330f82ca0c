import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from equalcity import i18n, phones
from equalcity.message_kinds import kind_label

register = template.Library()


@register.filter
def local_date(value, style="long"):
    """{{ meeting.starts_at|local_date }} → "3 ለካቲት 2027" on a Tigrinya page."""
    return i18n.local_date(value, style)


@register.filter
def local_weekday_date(value):
    """The weekday and the date, with the year: "onsdag 3 februari 2027"."""
    return i18n.local_date(value, "full")


@register.filter
def local_time(value):
    return i18n.local_time(value)


@register.filter
def local_number(value):
    """A count as the page's language writes it: 12 → "١٢" in Arabic."""
    return i18n.local_number(value)


def _mark(text: str, language: str):
    """Text in another language than the page's, marked with its own `lang` (WCAG 3.1.2) and,
    on a right-to-left page, isolated left to right."""
    page = i18n.current_language()
    if not text or language == page:
        return text
    if i18n.is_rtl(page) and not i18n.is_rtl(language):
        return format_html('<span lang="{}" dir="ltr">{}</span>', language, text)
    return format_html('<span lang="{}">{}</span>', language, text)


@register.simple_tag
def translated(instance, field):
    """{% translated course "title" %}: the field in the page's language, or the Swedish text
    marked `lang="sv"` when the translation is missing."""
    text = i18n.translated(instance, field)
    return _mark(text, text.lang)


@register.filter(name="tr")
def translated_filter(instance, field):
    """{{ course|tr:"title" }}: as {% translated %}, usable inside {% blocktranslate with %}."""
    return translated(instance, field)


@register.filter
def marked(text):
    """{{ meeting.theme_title|marked }}: a LocalText, marked when it is not in the page's
    language."""
    return _mark(text, getattr(text, "lang", i18n.current_language()))


@register.filter
def swedish(value):
    """A name that only exists in Swedish (a street, a town, a venue, a municipality), marked
    `lang="sv"` on pages in other languages."""
    return _mark(str(value) if value is not None else "", settings.LANGUAGE_CODE)


@register.filter
def in_language(value, language):
    """{{ text|in_language:"sv" }}: text known to be in `language`, marked when it differs."""
    return _mark(str(value) if value is not None else "", language)


@register.filter
def tel_href(number):
    """tel:+46313679164: the E.164 form a `tel:` link must have ("" for no number)."""
    e164 = phones.phone_e164(str(number))
    return f"tel:{e164}" if e164 else ""


@register.filter
def phone_link(number):
    """A phone number people can tap: E.164 in the link, shown as Swedes write it, kept left to
    right inside right-to-left text (equalcity.phones)."""
    return phones.phone_link(str(number))


@register.filter
def in_groups_of(value, size=4):
    """ "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": a long key a person can copy by eye
    (authenticator apps ignore the spaces)."""
    text, size = str(value), int(size)
    return " ".join(text[start : start + size] for start in range(0, len(text), size))


@register.filter
def language_name_local(code):
    """{{ "ar"|language_name_local }} → "العربية": a language named in its own words."""
    return i18n.language_name_local(code)


# Inside <script>, "</script>" or "<!--" in a text would end or confuse the element: JSON's own
# escapes for <, > and & keep every character and leave no markup.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """A dict as a `<script type="application/ld+json">` (schema.org data for search engines).

    Browsers do not execute it, so the Content Security Policy needs no exception for it.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.filter
def message_kind(kind):
    """registration_confirmed → "Seat confirmed": a message's kind in words."""
    return kind_label(kind)
