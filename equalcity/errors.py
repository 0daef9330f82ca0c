"""Error pages (400, 403, CSRF failure, 404, 429, 500) in the language of the page asked for.

The language comes from the URL's prefix (/ar/, /fa-af/ …), which LocaleMiddleware has already
activated for the 4xx pages; Swedish otherwise. Each page has a heading, a sentence and a way
back: to the start page in that language, and for staff to their own start page.

The 500 page must work when almost nothing else does: it reads no database (no session, no
user, no context processors) and, if rendering in the page's language fails (a broken
catalogue, a missing static manifest), answers with a fixed page that says the same in all six
languages.
"""

import logging
from html import escape

from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django_ratelimit.exceptions import Ratelimited

from equalcity.languages import INTERFACE_LANGUAGES

logger = logging.getLogger(__name__)

_BIDI = {code: bidi for code, _name, _local, bidi in INTERFACE_LANGUAGES}


def language_of_path(path: str) -> str:
    """The interface language named by the path's first segment, else Swedish."""
    first = path.lstrip("/").split("/", 1)[0].lower()
    return first if first in _BIDI else settings.LANGUAGE_CODE


def _switcher(request):
    """Every language in its own name, linking to the same path under that language's prefix:
    the usual switcher would resolve the path, which for an error page often fails."""
    path = request.path_info
    current = language_of_path(path)
    rest = path.lstrip("/").split("/", 1)
    rest = rest[1] if len(rest) == 2 and rest[0].lower() == current else ""
    return [
        {
            "code": code,
            "name_local": name_local,
            "bidi": bidi,
            "url": f"/{code}/{rest}",
            "current": code == translation.get_language(),
        }
        for code, _name, name_local, bidi in INTERFACE_LANGUAGES
    ]


def _error_page(request, template, status):
    # Not wrapped in requires_csrf_token, as Django's own handlers are: that runs the CSRF
    # check again, which reads the form, and a form in an encoding Django refuses (the reason
    # for many a 400) then fails the error page itself. The logout button's token still comes
    # from the csrf context processor.
    return render(request, template, {"language_switcher": _switcher(request)}, status=status)


def bad_request(request, exception=None):
    return _error_page(request, "400.html", 400)


def permission_denied(request, exception=None):
    if isinstance(exception, Ratelimited):
        return too_many_requests(request)
    return _error_page(request, "403.html", 403)


def csrf_failure(request, reason=""):
    return _error_page(request, "403_csrf.html", 403)


def page_not_found(request, exception=None):
    return _error_page(request, "404.html", 404)


def too_many_requests(request, exception=None):
    """Also allauth's answer to too many login attempts (it calls the URLconf's handler429)."""
    return _error_page(request, "429.html", 429)


def server_error(request):
    language = language_of_path(request.path_info)
    # No user or session (both would ask the database): a path under /staff/ or /accounts/
    # tells that the reader is a staff member.
    staff = request.path_info.lstrip("/").split("/")[1:2] in (["staff"], ["accounts"])
    try:
        with translation.override(language):
            html = loader.get_template("500.html").render(
                {
                    "language": language,
                    "bidi": _BIDI[language],
                    "stylesheet": _stylesheet(),
                    "start": reverse("home"),
                    "staff_start": reverse("staff_home") if staff else None,
                    "help_phone": format_html('<bdi dir="ltr">{}</bdi>', settings.HELP_PHONE),
                }
            )
    except Exception:
        logger.exception("The 500 page could not be rendered; answering with the fixed page.")
        html = _fixed_server_error_page(language)
    return HttpResponseServerError(html)


def _stylesheet():
    try:
        return static("css/equalcity.css")
    except Exception:  # noqa: BLE001 - a missing manifest entry must not take the error page down
        return None


# The last resort, when even the catalogues fail: the same words in every language, the page's
# own language first. Kept in step with templates/500.html by hand.
_FIXED_TEXTS = {
    "sv": ("Något gick fel", "Försök igen om en stund. Ring {phone} om det inte går."),
    "en": ("Something went wrong", "Please try again in a moment, or call {phone}."),
    "ar": (
        "حدث خطأ ما",
        "يرجى المحاولة مرة أخرى بعد قليل، أو الاتصال بالرقم {phone}.",
    ),
    "fa-af": (
        "مشکلی پیش آمد",
        "لطفاً کمی بعد دوباره کوشش کنید، یا به شماره {phone} تیلفون کنید.",
    ),
    "so": ("Wax baa khaldamay", "Fadlan mar kale isku day wax yar kadib, ama wac {phone}."),
    "ti": ("ገለ ጌጋ ኣጋጢሙ", "በጃኹም ድሕሪ ቁሩብ እንደገና ፈትኑ፣ ወይ ናብ {phone} ደውሉ።"),
}


def _fixed_server_error_page(language: str) -> str:
    phone = f'<bdi dir="ltr">{escape(settings.HELP_PHONE)}</bdi>'
    order = [language, *(code for code in _FIXED_TEXTS if code != language)]
    sections = []
    for code in order:
        heading, sentence = _FIXED_TEXTS[code]
        direction = "rtl" if _BIDI[code] else "ltr"
        sections.append(
            f'<section lang="{code}" dir="{direction}"><h1>{heading}</h1>'
            f"<p>{sentence.format(phone=phone)}</p>"
            f'<p><a href="/{code}/">Equalcity</a></p></section>'
        )
    direction = "rtl" if _BIDI[language] else "ltr"
    return (
        f'<!DOCTYPE html>\n<html lang="{language}" dir="{direction}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_FIXED_TEXTS[language][0]} – Equalcity</title></head>"
        f"<body>{''.join(sections)}</body></html>"
    )
