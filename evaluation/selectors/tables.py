"""What every dashboard table is made of: the filters, a table of cells, and the tallies read
once for several tables (sums per course language and municipality of residence, marks of
meetings not yet ended)."""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q, Sum
from django.utils import timezone

from courses.models import Course
from evaluation.models import CourseHomeTally, CourseTally, MeetingHomeTally, MeetingTally
from evaluation.suppression import Cell

SHORT_LABEL = 20


CHART_MAX_ROWS = 30


@dataclass(frozen=True)
class Filters:
    date_from: object = None
    date_to: object = None
    language: object = None
    municipality: object = None


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[tuple[str, list[Cell]]]
    chart: int | None = 0  # the column drawn as bars, if any
    total: tuple[str, list[Cell]] | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)
    # Where a row's label joins several values (a course: language, place, date), the values
    # themselves under their own headers, for exports that keep a date a date.
    key_columns: list[str] = field(default_factory=list)
    keys: list[tuple] = field(default_factory=list)
    page: object = None  # a Django Page when the dashboard shows the rows a page at a time

    @cached_property
    def numbered(self) -> bool:
        """Labels too long for a chart: the chart numbers its bars, the table the labels."""
        return any(len(label) > SHORT_LABEL for label, _cells in self.rows)

    @property
    def drawn(self) -> bool:
        """A chart of a few dozen bars says something; of 290 nothing the table does not."""
        return self.chart is not None and 0 < len(self.rows) <= CHART_MAX_ROWS


def _course_filter(filters: Filters) -> Q:
    """The filters on the course, as seen from a tally."""
    q = ~Q(course__status=Course.Status.CANCELLED)
    if filters.date_from:
        q &= Q(course__first_date__gte=filters.date_from)
    if filters.date_to:
        q &= Q(course__first_date__lte=filters.date_to)
    if filters.language:
        q &= Q(course__language=filters.language)
    return q


def tally_rows(filters: Filters, everyone, per_home):
    """Everyone's tally, or one municipality's rows of the per-home tally."""
    if filters.municipality:
        return per_home.objects.filter(_course_filter(filters), municipality=filters.municipality)
    return everyone.objects.filter(_course_filter(filters))


class Tallied:
    """What several tables read, read once: the sums per course language and per municipality
    of residence, and the marks of meetings that have not ended yet (to be taken from sums
    over every meeting)."""

    def __init__(self, filters: Filters):
        self.filters = filters
        self.now = timezone.now()

    @cached_property
    def by_language(self) -> list[dict]:
        return list(
            tally_rows(self.filters, CourseTally, CourseHomeTally)
            .values("course__language__name")
            .annotate(**{name: Sum(name) for name in COUNTS})
            .order_by("course__language__name")
        )

    @cached_property
    def by_home(self) -> list[dict]:
        """Sums per municipality of residence (one municipality's, when it is chosen)."""
        return list(
            tally_rows(self.filters, CourseHomeTally, CourseHomeTally)
            .values("municipality__name")
            .annotate(**{name: Sum(name) for name in COUNTS})
            .order_by("municipality__name")
        )

    def _open_marks(self, tally):
        """Marks of meetings that have not ended yet, in a tally per meeting."""
        marks = tally_rows(self.filters, tally, MeetingHomeTally)
        return marks.filter(meeting__ends_at__gt=self.now).order_by()

    @cached_property
    def not_ended(self) -> dict[tuple, tuple[int, int]]:
        """(attended, recorded) marks of meetings not ended, per meeting number, course
        language, municipality of residence and course: keys (kind, value)."""
        per_meeting = self._open_marks(MeetingTally).values_list(
            "number", "course", "course__language__name"
        )
        per_home = self._open_marks(MeetingHomeTally).values_list("municipality__name")
        counted = defaultdict(lambda: (0, 0))

        def add(key, attended, recorded):
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

    def ended(self, kind: str, value, row: dict) -> dict:
        """A row of sums over every meeting, less the marks of meetings not ended."""
        attended, recorded = self.not_ended.get((kind, value), (0, 0))
        if not recorded:
            return row
        return {
            **row,
            "attended": row["attended"] - attended,
            "recorded": row["recorded"] - recorded,
        }


COUNTS = ["registered", "waitlisted", "started", "parents", "children", "attended", "recorded"]
