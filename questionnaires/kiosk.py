"""Questionnaire mode: the course leader's logged-in device, handed around the meeting room.

While the mode is on, the session opens only the questionnaire's pages (and logging out): a
parent holding the device cannot wander into the staff pages and their personal data. The
leader leaves the mode with their password; five wrong passwords log the device out.
"""

from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

KIOSK = "questionnaire_kiosk"  # {"meeting": pk, "course": pk, "phase": "before", "language": "sv"}
PARENT = "questionnaire_parent"  # the registration answering now, while they answer
FAILED = "questionnaire_exit_failures"
MAX_FAILURES = 5
#: The pages a device in questionnaire mode may open, besides the kiosk's own: logging out ends
#: the mode with the login.
ALLOWED = {"account_logout"}


def kiosk_of(request) -> dict | None:
    return request.session.get(KIOSK)


def kiosk_begin(request, *, meeting_id: int, course_id: int, phase: str, language: str) -> None:
    """`language`: the leader's, in which the list of names is shown between parents."""
    request.session[KIOSK] = {
        "meeting": meeting_id,
        "course": course_id,
        "phase": phase,
        "language": language,
    }
    request.session.pop(PARENT, None)
    request.session.pop(FAILED, None)


def kiosk_end(request) -> None:
    for key in (KIOSK, PARENT, FAILED):
        request.session.pop(key, None)


def exit_refused(request) -> bool:
    """Count a wrong password; True when the device has been logged out for it."""
    request.session[FAILED] = request.session.get(FAILED, 0) + 1
    if request.session[FAILED] >= MAX_FAILURES:
        logout(request)  # flushes the session: the mode and the leader's login go together
        return True
    return False


def _allowed(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    if match.url_name in ALLOWED:
        return True
    return match.namespace == "questionnaires" and (
        match.url_name.startswith("kiosk_") or match.url_name == "audio"
    )


class KioskMiddleware:
    """Keeps a device in questionnaire mode on the questionnaire's pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if (
            session is not None
            and KIOSK in session
            and not request.path_info.startswith(("/static/", "/media/"))
            and not _allowed(request.path_info)
        ):
            return redirect("questionnaires:kiosk_start")
        return self.get_response(request)
