"""Reads of the questionnaire: which phase a course is in, its questions in a language, who has
answered, and the counts the evaluation builds its outcome tables from."""

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Avg, Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from courses.models import Course, Meeting
from participants.models import Registration
from questionnaires.models import (
    AGREES_FROM,
    Answer,
    Phase,
    Question,
    QuestionAudio,
    Respondent,
    Response,
    Scale,
    ScaleStep,
)

#: After the last meeting a parent can still answer through their link for this long.
AFTER_OPEN_DAYS = 14


def _held(course: Course) -> QuerySet[Meeting]:
    return course.meetings.exclude(status=Meeting.Status.CANCELLED).order_by("starts_at")


def meeting_phase(meeting: Meeting) -> str | None:
    """The phase asked at this meeting: before at the first meeting held, after at the last."""
    held = list(_held(meeting.course).values_list("pk", flat=True))
    if not held or meeting.status == Meeting.Status.CANCELLED:
        return None
    if meeting.pk == held[-1] and len(held) > 1:
        return Phase.AFTER
    if meeting.pk == held[0]:
        return Phase.BEFORE
    return None


def open_phase(course: Course, *, now: dt.datetime | None = None) -> str | None:
    """The phase a parent can answer now: before, from the day of the first meeting until the
    second begins; after, from the day of the last meeting until two weeks after it."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    held = list(_held(course).values_list("starts_at", "ends_at"))
    if len(held) < 2:
        return None
    (first, _end), (second, _second_end) = held[0], held[1]
    last, last_end = held[-1]
    if timezone.localdate(last) <= today and now <= last_end + dt.timedelta(days=AFTER_OPEN_DAYS):
        return Phase.AFTER
    if timezone.localdate(first) <= today and now < second:
        return Phase.BEFORE
    return None


def questions_for(programme_id: int, phase: str) -> list[Question]:
    """The questions asked in `phase`, core questions first, in their order."""
    questions = Question.objects.filter(programme_id=programme_id, active=True).select_related(
        "scale"
    )
    if phase == Phase.BEFORE:
        questions = questions.filter(part=Question.Part.CORE)
    return sorted(questions, key=lambda q: (q.part != Question.Part.CORE, q.position, q.pk))


def steps_of(questions: Iterable[Question]) -> dict[int, list[ScaleStep]]:
    """Each scale's steps, lowest first, for the questions' scales (one query)."""
    scale_ids = {question.scale_id for question in questions}
    steps: dict[int, list[ScaleStep]] = {pk: [] for pk in scale_ids}
    for step in ScaleStep.objects.filter(scale_id__in=scale_ids).order_by("value"):
        steps[step.scale_id].append(step)
    return steps


def _empty(field: str, language: str) -> Q:
    column = build_localized_fieldname(field, language)
    return Q(**{f"{column}__isnull": True}) | Q(**{column: ""})


def languages_ready(programme_id: int) -> list[str]:
    """The languages in which every question asked and every answer option has its words: the
    questionnaire is offered only in those (never half in Swedish). Two queries."""
    codes = [code for code, _name in settings.LANGUAGES]
    questions = Question.objects.filter(programme_id=programme_id, active=True)
    missing = {
        _alias(code): Count("pk", filter=_empty("text", code), distinct=True) for code in codes
    }
    counted = questions.aggregate(asked=Count("pk"), **missing)
    if not counted["asked"]:
        return []
    steps = ScaleStep.objects.filter(scale__questions__in=questions).aggregate(
        **{_alias(code): Count("pk", filter=_empty("label", code), distinct=True) for code in codes}
    )
    return [code for code in codes if not counted[_alias(code)] and not steps[_alias(code)]]


def _alias(code: str) -> str:
    return "missing_" + code.replace("-", "_")


def respondent_key(registration: Registration) -> uuid.UUID | None:
    """The registration's pseudonymous key, if it has answered anything."""
    return (
        Respondent.objects.filter(registration=registration).values_list("key", flat=True).first()
    )


def answered(registrations: Iterable[Registration], phase: str) -> set[int]:
    """The registrations (of those given) that have answered in `phase`."""
    links = dict(
        Respondent.objects.filter(registration__in=list(registrations)).values_list(
            "key", "registration_id"
        )
    )
    done = Response.objects.filter(respondent__in=links, phase=phase).values_list(
        "respondent", flat=True
    )
    return {links[key] for key in done}


@dataclass(frozen=True)
class Counted:
    """Answers to one question in one phase and group: how many, how many agreeing, the mean."""

    answered: int
    agreeing: int
    mean: float | None


def _group(group: str | None) -> list[str]:
    return [f"response__course__{group}"] if group else []


def outcome_counts(
    courses: QuerySet[Course], *, group: str | None = None
) -> dict[tuple[object, ...], Counted]:
    """Answers by (question, phase[, group]) for the courses given, counted by the database.
    `group` is a field of the course to break down by ("language__name")."""
    fields = ["question_id", "response__phase", *_group(group)]
    rows = (
        Answer.objects.filter(response__course__in=courses)
        .values(*fields)
        .annotate(
            answered=Count("pk"),
            agreeing=Count("pk", filter=Q(value__gte=AGREES_FROM)),
            mean=Avg("value"),
        )
        .order_by()
    )
    return {
        tuple(row[f] for f in fields): Counted(
            row["answered"],
            row["agreeing"],
            float(row["mean"]) if row["mean"] is not None else None,
        )
        for row in rows
    }


def paired_counts(
    courses: QuerySet[Course], *, group: str | None = None
) -> dict[tuple[object, ...], int]:
    """How many parents answered a question both before and after, by (question[, group])."""
    after = Answer.objects.filter(
        response__phase=Phase.AFTER,
        response__respondent=OuterRef("response__respondent"),
        question=OuterRef("question"),
    )
    fields = ["question_id", *_group(group)]
    rows = (
        Answer.objects.filter(response__phase=Phase.BEFORE, response__course__in=courses)
        .filter(Exists(after))
        .values(*fields)
        .annotate(pairs=Count("pk"))
        .order_by()
    )
    return {tuple(row[f] for f in fields): row["pairs"] for row in rows}


# --- The editor's overview ------------------------------------------------------------------


@dataclass(frozen=True)
class LanguageState:
    """A question (or an answer option) in one language: written? read aloud?"""

    language: str
    written: bool
    recording: QuestionAudio | None = None


@dataclass(frozen=True)
class QuestionRow:
    question: Question
    languages: list[LanguageState]

    @property
    def recordings(self) -> int:
        return sum(state.recording is not None for state in self.languages)


def _written(row: models.Model, field: str, language: str) -> bool:
    return bool((getattr(row, build_localized_fieldname(field, language)) or "").strip())


def question_rows(programme_id: int) -> list[QuestionRow]:
    """The programme's questions, asked or not, core first and in their order, each with the
    languages it is written and recorded in (two queries)."""
    questions = sorted(
        Question.objects.filter(programme_id=programme_id).select_related("scale"),
        key=lambda q: (q.part != Question.Part.CORE, q.position, q.pk),
    )
    recordings = {
        (recording.question_id, recording.language): recording
        for recording in QuestionAudio.objects.filter(question__in=questions)
    }
    return [
        QuestionRow(
            question=question,
            languages=[
                LanguageState(
                    language=code,
                    written=_written(question, "text", code),
                    recording=recordings.get((question.pk, code)),
                )
                for code, _name in settings.LANGUAGES
            ],
        )
        for question in questions
    ]


@dataclass(frozen=True)
class ScaleRow:
    scale: Scale
    steps: list[ScaleStep]
    questions: int  # how many questions use it

    def written_in(self, language: str) -> bool:
        return bool(self.steps) and all(_written(step, "label", language) for step in self.steps)

    @property
    def languages(self) -> list[LanguageState]:
        return [
            LanguageState(language=code, written=self.written_in(code))
            for code, _name in settings.LANGUAGES
        ]


def scale_rows() -> list[ScaleRow]:
    """Every answer scale with its steps, lowest first, and how many questions use it."""
    scales = Scale.objects.annotate(used=Count("questions")).prefetch_related(
        Prefetch("steps", queryset=ScaleStep.objects.order_by("value"))
    )
    return [
        ScaleRow(scale=scale, steps=list(scale.steps.all()), questions=scale.used)
        for scale in scales
    ]
