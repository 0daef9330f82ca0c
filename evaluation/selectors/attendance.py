"""Attendance rates: per meeting, course language, municipality of residence and course (a
page of courses at a time)."""

from collections.abc import Iterable

from django.core.paginator import Page, Paginator
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from evaluation.models import CourseHomeTally, CourseTally, MeetingHomeTally, MeetingTally
from evaluation.selectors.tables import (
    CourseMarks,
    Filters,
    Marks,
    Row,
    Summed,
    Table,
    Tallied,
    tally_rows,
    value_of,
)
from evaluation.suppression import Cell, suppress_count, suppress_rate


def _rate_cells(row: Marks) -> list[Cell]:
    return [
        suppress_rate(row["attended"], row["recorded"]),
        suppress_count(row["recorded"]),
    ]


def _rate_rows(grouped: Iterable[Marks], label_key: str) -> list[Row]:
    return [(str(value_of(row, label_key) or _("Not given")), _rate_cells(row)) for row in grouped]


def course_label(row: CourseMarks, text: str | None = None) -> str:
    """`text`: the translated pattern, looked up once for a table of thousands of courses."""
    return (text or _("%(language)s, %(municipality)s, starts %(date)s")) % {
        "language": row["course__language__name"],
        "municipality": row["course__municipality__name"],
        "date": f"{row['course__first_date']:%Y-%m-%d}",
    }


COURSES_PER_PAGE = 25


def _ended_rows(
    tallied: Tallied, kind: str, rows: Iterable[Summed], label_key: str
) -> list[Summed]:
    """Rows with marks of meetings that have ended, in the order given."""
    ended = (tallied.ended(kind, value_of(row, label_key), row) for row in rows)
    return [row for row in ended if row["recorded"]]


def _per_course(
    tallied: Tallied, course_page: int | str | None
) -> tuple[Iterable[CourseMarks], Page[CourseMarks] | None]:
    """Every course with marks of ended meetings, by start date, or one page of them."""
    marks = (
        tally_rows(tallied.filters, CourseTally, CourseHomeTally)
        .filter(recorded__gt=0)
        .values(
            "course",
            "course__language__name",
            "course__municipality__name",
            "course__first_date",
            "attended",
            "recorded",
        )
        .order_by("course__first_date", "course")
    )
    rows = _ended_rows(tallied, "course", marks, "course")
    if course_page is None:
        return rows, None
    page = Paginator(rows, COURSES_PER_PAGE).get_page(course_page)
    return page.object_list, page


def attendance_tables(
    filters: Filters, *, course_page: int | str | None = None, tallied: Tallied | None = None
) -> list[Table]:
    """`course_page`: show the per-course table one page at a time (None: every course)."""
    tallied = tallied or Tallied(filters)
    columns = [_("Attendance"), _("Marks recorded")]
    per_number = (
        tally_rows(filters, MeetingTally, MeetingHomeTally)
        .values("number")
        .annotate(attended=Sum("attended"), recorded=Sum("recorded"))
        .order_by("number")
    )
    by_number = [
        (pgettext("meeting number", "Meeting %(number)s") % {"number": row["number"]}, cells)
        for row in _ended_rows(tallied, "number", per_number, "number")
        for cells in [_rate_cells(row)]
    ]
    by_language = _ended_rows(tallied, "language", tallied.by_language, "course__language__name")
    by_home = _ended_rows(tallied, "home", tallied.by_home, "municipality__name")
    per_course, page = _per_course(tallied, course_page)
    text = _("%(language)s, %(municipality)s, starts %(date)s")
    by_course = [(course_label(row, text), _rate_cells(row)) for row in per_course]
    note = _(
        "Share of recorded marks that are present or late. Rates over fewer than 5 marks "
        "are not shown."
    )
    return [
        Table("attendance_meeting", _("Attendance per meeting"), columns, by_number, note=note),
        Table(
            "attendance_language",
            _("Attendance per course language"),
            columns,
            _rate_rows(by_language, "course__language__name"),
            note=note,
        ),
        Table(
            "attendance_municipality",
            _("Attendance per municipality of residence"),
            columns,
            _rate_rows(by_home, "municipality__name"),
            note=note,
        ),
        Table(
            "attendance_course",
            _("Attendance per course"),
            columns,
            by_course,
            note=note,
            key_columns=[_("Course language"), _("Course municipality"), _("Starts")],
            keys=[
                (
                    row["course__language__name"],
                    row["course__municipality__name"],
                    row["course__first_date"],
                )
                for row in per_course
            ],
            page=page,
        ),
    ]
