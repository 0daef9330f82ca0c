"""Questionnaire mode on the course leader's device (see questionnaires.kiosk)."""

from functools import wraps

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from courses.models import Course
from equalcity.decorators import personal_data, staff_required
from participants.models import Registration
from participants.selectors.attendance import (
    confirmed_participants,
    may_record,
    meeting_for_attendance,
)
from questionnaires import kiosk
from questionnaires.selectors import answered, languages_ready, meeting_phase, open_phase
from questionnaires.views import answering
from questionnaires.views.answering import Sitting


def _kiosk(request) -> dict:
    state = kiosk.kiosk_of(request)
    if state is None:
        raise Http404
    return state


def _participant(course_id: int, pk: int) -> Registration | None:
    """One of the course's confirmed parents, or None."""
    return (
        Registration.objects.filter(course_id=course_id, status=Registration.Status.CONFIRMED)
        .select_related("course__programme")
        .filter(pk=pk)
        .first()
    )


@personal_data
@staff_required
@require_http_methods(["GET", "POST"])
def kiosk_open(request, pk):
    """The leader turns questionnaire mode on for a meeting (the first or the last)."""
    meeting = meeting_for_attendance(user=request.user, pk=pk)
    phase = meeting_phase(meeting)
    if phase is None:
        raise Http404
    ready = languages_ready(meeting.course.programme_id)
    is_open = open_phase(meeting.course) == phase
    if request.method == "POST" and is_open and ready:
        kiosk.kiosk_begin(
            request,
            meeting_id=meeting.pk,
            course_id=meeting.course_id,
            phase=phase,
            language=translation.get_language(),
        )
        return redirect("questionnaires:kiosk_start")
    return render(
        request,
        "questionnaires/kiosk_open.html",
        {
            "meeting": meeting,
            "course": meeting.course,
            "phase": phase,
            "ready": ready,
            "is_open": is_open,
        },
    )


@personal_data
@staff_required
def kiosk_start(request):
    """The neutral screen the device returns to: names and numbers, never an answer."""
    state = _kiosk(request)
    request.session.pop(kiosk.PARENT, None)
    if translation.get_language() != state["language"]:  # the list in the leader's language
        with translation.override(state["language"]):
            return redirect("questionnaires:kiosk_start")
    course = Course.objects.filter(pk=state["course"]).first()
    participants = list(confirmed_participants(course)) if course else []
    if not participants or not may_record(user=request.user, course=course):
        kiosk.kiosk_end(request)
        raise Http404
    done = answered(participants, state["phase"])
    return render(
        request,
        "questionnaires/kiosk_start.html",
        {
            "course": course,
            "rows": [
                (number, registration, registration.pk in done)
                for number, registration in enumerate(participants, start=1)
            ],
        },
    )


@personal_data
@staff_required
@require_POST
def kiosk_pick(request):
    """A parent tapped their name: their questionnaire, in their language if it is ready."""
    state = _kiosk(request)
    raw = request.POST.get("registration", "")
    registration = (
        _participant(state["course"], int(raw))
        if raw.isascii() and raw.isdigit() and len(raw) < 10
        else None
    )
    if registration is None or registration.pk in answered([registration], state["phase"]):
        return redirect("questionnaires:kiosk_start")
    request.session[kiosk.PARENT] = registration.pk
    ready = languages_ready(registration.course.programme_id)
    language = registration.language if registration.language in ready else None
    with translation.override(language or translation.get_language()):
        return redirect("questionnaires:kiosk_intro")


def _sitting(request) -> Sitting | None:
    """The parent answering on the device now, if one is."""
    state = _kiosk(request)
    pk = request.session.get(kiosk.PARENT)
    registration = _participant(state["course"], pk) if pk else None
    if registration is None:
        return None
    return Sitting(registration=registration, phase=state["phase"], kiosk=True)


def _answering(view):
    """The view gets the parent answering now; without one, the device goes to the list."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        sitting = _sitting(request)
        if sitting is None:
            return redirect("questionnaires:kiosk_start")
        return view(request, sitting, *args, **kwargs)

    return wrapper


@personal_data
@staff_required
@require_http_methods(["GET", "POST"])
@_answering
def kiosk_intro(request, sitting):
    if request.method == "POST" and request.POST.get("decline"):
        return redirect("questionnaires:kiosk_start")
    return answering.intro(request, sitting)


@personal_data
@staff_required
@require_http_methods(["GET", "POST"])
@_answering
def kiosk_question(request, sitting, number):
    return answering.question(request, sitting, number)


@personal_data
@staff_required
@_answering
def kiosk_done(request, sitting):
    """Thanks; the parent is forgotten by the device at once (the next page is the start)."""
    request.session.pop(kiosk.PARENT, None)
    return answering.done(request, sitting)


@personal_data
@staff_required
@require_http_methods(["GET", "POST"])
def kiosk_exit(request):
    """The leader ends questionnaire mode with their password."""
    state = _kiosk(request)
    if request.method == "POST":
        if request.user.check_password(request.POST.get("password", "")):
            kiosk.kiosk_end(request)
            messages.success(request, _("Questionnaire mode has ended on this device."))
            return redirect("participants:attendance_sheet", pk=state["meeting"])
        if kiosk.exit_refused(request):
            return redirect("account_login")
        messages.error(request, _("That is not the password of the account on this device."))
    return render(request, "questionnaires/kiosk_exit.html", {})
