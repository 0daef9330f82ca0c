"""Answering the questionnaire: on the course leader's device handed around the room (kiosk), or
on the parent's own phone through their personal link. One question per screen, faces with
words, the question read aloud where a recording exists, every question skippable.

The pages never show an answer already given: a parent who comes back, or the next parent on the
same device, sees every question as new.
"""

from dataclasses import dataclass
from functools import wraps

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_http_methods

from equalcity.decorators import personal_data
from participants.models import Registration
from participants.selectors.registrations import registration_from_token
from questionnaires.audio import recordings_for
from questionnaires.models import HIGHEST, LOWEST
from questionnaires.selectors import languages_ready, open_phase, questions_for, steps_of
from questionnaires.services import answer_record, questionnaire_start

SKIP = "skip"
VALUES = {str(value) for value in range(LOWEST, HIGHEST + 1)}


@dataclass(frozen=True)
class Sitting:
    """Who is answering which phase, and where their pages are."""

    registration: Registration
    phase: str
    kiosk: bool
    token: str = ""

    def url(self, name: str, **kwargs: object) -> str:
        if self.kiosk:
            return reverse(f"questionnaires:kiosk_{name}", kwargs=kwargs)
        return reverse(f"questionnaires:{name}", kwargs={"token": self.token, **kwargs})


def _context(sitting: Sitting, **extra: object) -> dict:
    return {"sitting": sitting, "course": sitting.registration.course, **extra}


def _not_in_this_language(request, sitting: Sitting, ready: list[str]):
    """The same page in the languages the questionnaire is ready in (the site's switcher)."""
    return render(request, "questionnaires/not_in_language.html", _context(sitting, ready=ready))


def intro(request, sitting: Sitting):
    """What the questionnaire is for and who sees it, in the parent's language; Start."""
    ready = languages_ready(sitting.registration.course.programme_id)
    if translation.get_language() not in ready:
        return _not_in_this_language(request, sitting, ready)
    if request.method == "POST":
        questionnaire_start(
            registration=sitting.registration,
            phase=sitting.phase,
            language=translation.get_language(),
        )
        return redirect(sitting.url("question", number=1))
    return render(
        request,
        "questionnaires/intro.html",
        _context(
            sitting,
            ready=ready,
            count=len(questions_for(sitting.registration.course.programme_id, sitting.phase)),
        ),
    )


def question(request, sitting: Sitting, number: int):
    """Question `number` (from 1); POST records the answer (or the skip) and goes on."""
    questions = questions_for(sitting.registration.course.programme_id, sitting.phase)
    if not 1 <= number <= len(questions):
        raise Http404
    current = questions[number - 1]
    ready = languages_ready(sitting.registration.course.programme_id)
    if translation.get_language() not in ready:
        return _not_in_this_language(request, sitting, ready)
    if request.method == "POST":
        given = request.POST.get("value", SKIP)
        value = int(given) if given in VALUES else None
        answer_record(
            registration=sitting.registration,
            phase=sitting.phase,
            language=translation.get_language(),
            question=current,
            value=value,
        )
        if request.POST.get("stop") or number == len(questions):
            return redirect(sitting.url("done"))
        return redirect(sitting.url("question", number=number + 1))
    return render(
        request,
        "questionnaires/question.html",
        _context(
            sitting,
            question=current,
            number=number,
            count=len(questions),
            steps=steps_of([current])[current.scale_id],
            recording=recordings_for([current], translation.get_language()).get(current.pk),
        ),
    )


def done(request, sitting: Sitting):
    return render(request, "questionnaires/done.html", _context(sitting))


# --- On the parent's own phone, through the personal link ---------------------------------


def _by_link(view):
    """The parent's own phone: the sitting from the personal link. A link opened when there is
    nothing to answer (an old SMS, a cancelled seat) says so, in the parent's language."""

    @wraps(view)
    def wrapper(request, token, **kwargs):
        registration = registration_from_token(token)
        phase = open_phase(registration.course)
        if phase is None or registration.status != Registration.Status.CONFIRMED:
            if kwargs:  # a question: back to the page that explains
                return redirect("questionnaires:intro", token=token)
            context = {"registration": registration, "token": token}
            return render(request, "questionnaires/closed.html", context)
        sitting = Sitting(registration=registration, phase=phase, kiosk=False, token=token)
        return view(request, sitting, **kwargs)

    return wrapper


@personal_data
@require_http_methods(["GET", "POST"])
@_by_link
def link_intro(request, sitting):
    return intro(request, sitting)


@personal_data
@require_http_methods(["GET", "POST"])
@_by_link
def link_question(request, sitting, number):
    return question(request, sitting, number)


@personal_data
@_by_link
def link_done(request, sitting):
    return done(request, sitting)
