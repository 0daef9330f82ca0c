from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from equalcity.access import scope_for


def languages(request):
    """The language switcher: every language in its own name, linking to this page in it."""
    current = get_language()
    path = request.get_full_path()
    switcher = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        switcher.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "bidi": info["bidi"],
                "url": translate_url(path, code),
                "current": code == current,
            }
        )
    return {"language_switcher": switcher, "HELP_PHONE": settings.HELP_PHONE}


def staff(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"staff_scope": scope_for(user)}
