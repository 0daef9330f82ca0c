"""The questionnaire's outcomes: each question before the course against after it, counted by the
database from answers that know no names, suppressed where fewer than 5 answered.

The answers know the course (its language, municipality and start), never the parent, so they
cannot be broken down, or filtered, by where a parent lives.
"""

import uuid
from collections.abc import Iterator
from typing import TypedDict

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from courses.models import Course
from evaluation.selectors.tables import Filters, Key, Row, Table, course_filter
from evaluation.suppression import Cell, suppress_count, suppress_mean, suppress_rate
from questionnaires.models import AGREES_FROM, HIGHEST, LOWEST, Answer, Phase, Question
from questionnaires.selectors import Counted, outcome_counts, paired_counts

NONE = Counted(0, 0, None)
#: The course fields the outcomes are broken down by.
GROUPS = {"language": "language__name", "municipality": "municipality__name"}


def outcome_courses(filters: Filters) -> QuerySet[Course]:
    """The courses whose answers the filters take in, as `course_filter` takes them for the
    tallies. A municipality of residence chosen takes in none: the answers cannot say where
    their parent lives, and the region's figures under that municipality's name would mislead."""
    if filters.municipality:
        return Course.objects.none()
    return Course.objects.filter(course_filter(filters, prefix=""))


def numbered_questions() -> list[tuple[int, Question]]:
    """Every question (asked or no longer asked), numbered in the questionnaire's order: core
    questions first. The same number in every table and export."""
    return list(enumerate(Question.objects.order_by("programme", "part", "position", "pk"), 1))


def _phase_cells(counted: Counted) -> list[Cell]:
    return [
        suppress_count(counted.answered),
        suppress_rate(counted.agreeing, counted.answered),
        suppress_mean(counted.mean, counted.answered),
    ]


def _before_after(
    counts: dict[tuple[object, ...], Counted],
    pairs: dict[tuple[object, ...], int],
    question_id: int,
    group: tuple[object, ...] = (),
) -> list[Cell]:
    before = counts.get((question_id, Phase.BEFORE, *group), NONE)
    after = counts.get((question_id, Phase.AFTER, *group), NONE)
    both = suppress_count(pairs.get((question_id, *group), 0))
    return [*_phase_cells(before), *_phase_cells(after), both]


def _note(filters: Filters, *, paired: bool = True) -> str:
    if filters.municipality:
        return _(
            "The answers do not say where a parent lives, so they are not counted per "
            "municipality of residence. Choose all municipalities to see them."
        )
    sentences = [
        _(
            "Answers %(agrees)s to %(highest)s on the scale from %(lowest)s to %(highest)s count "
            "as agreeing; the mean is on that scale."
        )
        % {"agrees": AGREES_FROM, "highest": HIGHEST, "lowest": LOWEST},
        _("Answered both: parents who answered the question before and after the course.")
        if paired
        else "",
        _("Shares and means over fewer than 5 answers are not shown."),
    ]
    return " ".join(sentence for sentence in sentences if sentence)


def _question_label(number: int, question: Question) -> str:
    return f"{number}. {question.text}"


def _answered(counts: dict[tuple[object, ...], Counted], question_id: int, *group: object) -> bool:
    return any((question_id, phase, *group) in counts for phase in Phase.values)


class _Chart(TypedDict):
    """How the before-and-after tables are drawn and explained."""

    chart: int
    extra: dict[str, int]
    note: str


def outcome_tables(filters: Filters) -> Iterator[Table]:
    """Before against after per question, per course language and per course municipality, and
    the questions about the course (asked after it only). Seven queries, however many answers."""
    courses = outcome_courses(filters)
    questions = numbered_questions()
    core = [(n, q) for n, q in questions if q.part == Question.Part.CORE]
    columns = [
        _("Answered before"),
        _("Agreeing before"),
        _("Mean before"),
        _("Answered after"),
        _("Agreeing after"),
        _("Mean after"),
        _("Answered both"),
    ]
    # The chart sets the share agreeing before (column 1) against after (column 4).
    chart: _Chart = {"chart": 1, "extra": {"compare": 4}, "note": _note(filters)}

    overall, pairs = outcome_counts(courses), paired_counts(courses)
    yield Table(
        key="outcome",
        title=_("Questionnaire: before and after the course"),
        columns=columns,
        rows=[
            (_question_label(n, q), _before_after(overall, pairs, q.pk))
            for n, q in core
            if _answered(overall, q.pk)
        ],
        **chart,
    )
    for kind, title, group_column in [
        (
            "language",
            _("Questionnaire: before and after, per course language"),
            _("Course language"),
        ),
        (
            "municipality",
            _("Questionnaire: before and after, per course municipality"),
            _("Course municipality"),
        ),
    ]:
        counts = outcome_counts(courses, group=GROUPS[kind])
        pairs = paired_counts(courses, group=GROUPS[kind])
        rows: list[Row] = []
        keys: list[Key] = []
        for value in sorted({key[2] for key in counts}, key=lambda v: (v is None, v)):
            shown = str(value or _("Not given"))
            for n, q in core:
                if _answered(counts, q.pk, value):
                    label = _question_label(n, q)
                    rows.append(
                        (f"{shown} · {label}", _before_after(counts, pairs, q.pk, (value,)))
                    )
                    keys.append((shown, label))
        yield Table(
            key=f"outcome_{kind}",
            title=title,
            columns=columns,
            rows=rows,
            key_columns=[group_column, _("Question")],
            keys=keys,
            **chart,
        )

    yield Table(
        key="outcome_course",
        title=_("Questionnaire: about the course (asked after it)"),
        columns=[
            pgettext("number of answers", "Answered"),
            _("Agreeing"),
            pgettext("average on the answer scale", "Mean"),
        ],
        rows=[
            (_question_label(n, q), _phase_cells(overall[(q.pk, Phase.AFTER)]))
            for n, q in questions
            if q.part == Question.Part.COURSE and (q.pk, Phase.AFTER) in overall
        ],
        chart=1,
        note=_note(filters, paired=False),
    )


def answer_rows(filters: Filters) -> Iterator[list[str | int]]:
    """Every answer the filters take in, one row each: before or after, course language, course
    municipality, the month the course started, question number and its Swedish text, the value,
    the language answered in, and a pair number. The pair numbers are given here, 1, 2, 3… as
    the parents come in this file: before and after can be matched, the number means nothing
    outside the file, and the key it stands for never leaves. Two queries, streamed."""
    questions = {q.pk: (n, q.text_sv) for n, q in numbered_questions()}
    languages = dict(settings.LANGUAGES)
    phases = {
        Phase.BEFORE: pgettext("questionnaire phase", "Before"),
        Phase.AFTER: pgettext("questionnaire phase", "After"),
    }
    course = "response__course__"
    answers = (
        Answer.objects.filter(response__course__in=outcome_courses(filters))
        # "before" sorts after "after": descending puts a parent's before first.
        .order_by(
            f"{course}language__name",
            f"{course}municipality__name",
            f"{course}first_date",
            "response__course",
            "response__respondent",
            "-response__phase",
            "question__programme",
            "question__part",
            "question__position",
            "question",
        )
        .values_list(
            "response__phase",
            f"{course}language__name",
            f"{course}municipality__name",
            f"{course}first_date",
            "question",
            "value",
            "response__language",
            "response__respondent",
        )
    )
    pairs: dict[uuid.UUID, int] = {}
    for row in answers.iterator(chunk_size=2000):
        phase, language, municipality, started, question, value, answered_in, key = row
        number, text = questions[question]
        yield [
            phases[phase],
            language,
            municipality,
            f"{started:%Y-%m}",
            number,
            text,
            value,
            str(languages.get(answered_in, answered_in)),
            pairs.setdefault(key, len(pairs) + 1),
        ]
