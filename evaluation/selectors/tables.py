"""What every dashboard table is made of: the filters, a table of cells, and the tallies read
once for several tables (sums per course language and municipality of residence, marks of
meetings not yet ended)."""

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypedDict, TypeVar, cast

from django.core.paginator import Page
from django.db import models
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from courses.models import Course
from equalcity.models import CourseLanguage, Organisation
from evaluation.models import CourseHomeTally, CourseTally, MeetingHomeTally, MeetingTally
from evaluation.suppression import Cell

SHORT_LABEL = 20


CHART_MAX_ROWS = 30


@dataclass(frozen=True)
class Filters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    language: CourseLanguage | None = None
    municipality: Organisation | None = None  # of residence


class Marks(TypedDict):
    """Attendance marks summed: present or late, and recorded."""

    attended: int
    recorded: int


class Sums(Marks):
    """A tally's counts summed (`COUNTS`)."""

    registered: int
    waitlisted: int
    started: int
    parents: int
    children: int


class LanguageSums(Sums):
    course__language__name: str


class HomeSums(Sums):
    municipality__name: str | None  # None: the parents who gave no municipality of residence


class CourseMarks(Marks):
    """A course's marks, with what its label and its key columns are made of."""

    course: int
    course__language__name: str
    course__municipality__name: str
    course__first_date: dt.date


Row = tuple[str, list[Cell]]  # a label and its cells
Key = tuple[str | dt.date, ...]  # the values a row's label joins (see Table.key_columns)


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[Row]
    chart: int | None = 0  # the column drawn as bars, if any
    total: Row | None = None
    note: str = ""
    extra: dict[str, int] = field(default_factory=dict)
    # Where a row's label joins several values (a course: language, place, date), the values
    # themselves under their own headers, for exports that keep a date a date.
    key_columns: list[str] = field(default_factory=list)
    keys: list[Key] = field(default_factory=list)
    # When the dashboard shows the rows a page at a time (the courses: nothing else is paged).
    page: Page[CourseMarks] | None = None

    @cached_property
    def numbered(self) -> bool:
        """Labels too long for a chart: the chart numbers its bars, the table the labels."""
        return any(len(label) > SHORT_LABEL for label, _cells in self.rows)

    @property
    def drawn(self) -> bool:
        """A chart of a few dozen bars says something; of 290 nothing the table does not."""
        return self.chart is not None and 0 < len(self.rows) <= CHART_MAX_ROWS


def value_of(row: Mapping[str, object], key: str) -> object:
    """A row's value under a key known at run time only, which a TypedDict is not indexed by."""
    return row[key]


def course_filter(filters: Filters, *, prefix: str = "course__") -> Q:
    """The filters on the course, as seen from a tally (or from the course itself, with no
    `prefix`): cancelled courses left out."""
    q = ~Q(**{f"{prefix}status": Course.Status.CANCELLED})
    if filters.date_from:
        q &= Q(**{f"{prefix}first_date__gte": filters.date_from})
    if filters.date_to:
        q &= Q(**{f"{prefix}first_date__lte": filters.date_to})
    if filters.language:
        q &= Q(**{f"{prefix}language": filters.language})
    return q


Tally = TypeVar("Tally", bound=models.Model)
Summed = TypeVar("Summed", bound=Marks)  # a row of sums with its marks (any of the above)


def tally_rows(filters: Filters, everyone: type[Tally], per_home: type[Tally]) -> QuerySet[Tally]:
    """Everyone's tally, or one municipality's rows of the per-home tally."""
    # `_default_manager`, the tallies' only manager (`objects`), is the one django-stubs knows
    # on a model class passed in.
    if filters.municipality:
        return per_home._default_manager.filter(
            course_filter(filters), municipality=filters.municipality
        )
    return everyone._default_manager.filter(course_filter(filters))


class Tallied:
    """What several tables read, read once: the sums per course language and per municipality
    of residence, and the marks of meetings that have not ended yet (to be taken from sums
    over every meeting)."""

    def __init__(self, filters: Filters) -> None:
        self.filters = filters
        self.now = timezone.now()

    @cached_property
    def by_language(self) -> list[LanguageSums]:
        rows = (
            tally_rows(self.filters, CourseTally, CourseHomeTally)
            .values("course__language__name")
            .annotate(**{name: Sum(name) for name in COUNTS})
            .order_by("course__language__name")
        )
        # The sums are named through **, where django-stubs cannot see them.
        return cast(list[LanguageSums], list(rows))

    @cached_property
    def by_home(self) -> list[HomeSums]:
        """Sums per municipality of residence (one municipality's, when it is chosen)."""
        rows = (
            tally_rows(self.filters, CourseHomeTally, CourseHomeTally)
            .values("municipality__name")
            .annotate(**{name: Sum(name) for name in COUNTS})
            .order_by("municipality__name")
        )
        return cast(list[HomeSums], list(rows))

    def _open_marks(
        self, tally: type[MeetingTally | MeetingHomeTally]
    ) -> QuerySet[MeetingTally | MeetingHomeTally]:
        """Marks of meetings that have not ended yet, in a tally per meeting."""
        marks = tally_rows(self.filters, tally, MeetingHomeTally)
        return marks.filter(meeting__ends_at__gt=self.now).order_by()

    @cached_property
    def not_ended(self) -> dict[tuple[str, object], tuple[int, int]]:
        """(attended, recorded) marks of meetings not ended, per meeting number, course
        language, municipality of residence and course: keys (kind, value)."""
        per_meeting = self._open_marks(MeetingTally).values_list(
            "number", "course", "course__language__name"
        )
        per_home = self._open_marks(MeetingHomeTally).values_list("municipality__name")
        counted: defaultdict[tuple[str, object], tuple[int, int]] = defaultdict(lambda: (0, 0))

        def add(key: tuple[str, object], attended: int, recorded: int) -> None:
            before = counted[key]
            counted[key] = (before[0] + attended, before[1] + recorded)

        sums = (Sum("attended"), Sum("recorded"))
        for number, course, language, attended, recorded in per_meeting.annotate(*sums):
            add(("number", number), attended, recorded)
            add(("course", course), attended, recorded)
            add(("language", language), attended, recorded)
        for municipality, attended, recorded in per_home.annotate(*sums):
            add(("home", municipality), attended, recorded)
        return counted

    def ended(self, kind: str, value: object, row: Summed) -> Summed:
        """A row of sums over every meeting, less the marks of meetings not ended."""
        attended, recorded = self.not_ended.get((kind, value), (0, 0))
        if not recorded:
            return row
        row = row.copy()
        row["attended"] -= attended
        row["recorded"] -= recorded
        return row


COUNTS = ["registered", "waitlisted", "started", "parents", "children", "attended", "recorded"]
