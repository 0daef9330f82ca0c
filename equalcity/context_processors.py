from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from equalcity.access import scope_for
from equalcity.languages import INTERFACE_LANGUAGES
from equalcity.phones import phone_link
from equalcity.two_step import two_step_done


def languages(request):
    """The language switcher: every language in its own name, linking to this page in it.

    Search engines get the same page in every language as absolute addresses (`hreflang`
    alternates, the canonical address): without the query string, on `SITE_URL`.
    """
    current = get_language()
    site = settings.SITE_URL.rstrip("/")
    switcher = [
        {
            "code": code,
            "name_local": name_local,
            "bidi": bidi,
            "url": translate_url(request.get_full_path(), code),
            "absolute_url": site + translate_url(request.path, code),
            "current": code == current,
        }
        for code, _name, name_local, bidi in INTERFACE_LANGUAGES
    ]
    return {
        "language_switcher": switcher,
        "canonical_url": site + request.path,
        "x_default_url": site + translate_url(request.path, settings.LANGUAGE_CODE),
        "HELP_PHONE": settings.HELP_PHONE,
        "HELP_ORGANISATION": settings.HELP_ORGANISATION,
        "HELP_PHONE_LINK": phone_link(settings.HELP_PHONE),
    }


def staff(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_for(user)
    # Before the second step is done (the set-up page, the code page) the staff pages would only
    # send the user back there: no menu of them, just the way out.
    return {"staff_scope": scope, "staff_menu": two_step_done(request)}
