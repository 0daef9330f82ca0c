from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from equalcity.access import scope_for
from equalcity.languages import INTERFACE_LANGUAGES
from equalcity.phones import phone_link


def languages(request):
    """The language switcher: every language in its own name, linking to this page in it."""
    current = get_language()
    path = request.get_full_path()
    switcher = [
        {
            "code": code,
            "name_local": name_local,
            "bidi": bidi,
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, _name, name_local, bidi in INTERFACE_LANGUAGES
    ]
    return {
        "language_switcher": switcher,
        "HELP_PHONE": settings.HELP_PHONE,
        "HELP_ORGANISATION": settings.HELP_ORGANISATION,
        "HELP_PHONE_LINK": phone_link(settings.HELP_PHONE),
    }


def staff(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"staff_scope": scope_for(user)}
