"""The programme's numbers, counted by the database and suppressed where they count people."""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from courses.models import Course, Programme
from courses.selectors import programme_overview
from evaluation.models import (
    CompletionHomeTally,
    CompletionTally,
    CourseHomeTally,
    CourseTally,
    MeetingHomeTally,
    MeetingTally,
    ReferralHomeTally,
    ReferralTally,
)
from evaluation.suppression import Cell, suppress_count, suppress_group, suppress_rate
from participants.models import Registration
from trainings.models import ClusterMeeting, StaffRegistration, WorkshopBooking

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


def _tally(filters: Filters, everyone, per_home):
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
            _tally(self.filters, CourseTally, CourseHomeTally)
            .values("course__language__name")
            .annotate(**{name: Sum(name) for name in COUNTS})
            .order_by("course__language__name")
        )

    @cached_property
    def by_home(self) -> list[dict]:
        """Sums per municipality of residence (one municipality's, when it is chosen)."""
        return list(
            _tally(self.filters, CourseHomeTally, CourseHomeTally)
            .values("municipality__name")
            .annotate(**{name: Sum(name) for name in COUNTS})
            .order_by("municipality__name")
        )

    def _open_marks(self, tally):
        """Marks of meetings that have not ended yet, in a tally per meeting."""
        marks = _tally(self.filters, tally, MeetingHomeTally)
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


def targets_table(programme: Programme) -> Table:
    overview = programme_overview(programme=programme)
    rows = [
        (_("All courses"), overview["total"]),
        (_("In %(place)s") % {"place": overview["central"].label}, overview["central"]),
        (_("Local, in other municipalities"), overview["local"]),
    ]
    rows += [(row.label, row) for row in overview["languages"]]
    return Table(
        key="targets",
        title=_("Courses against the programme's targets"),
        columns=[_("Target"), _("Planned"), _("Running"), _("Finished")],
        rows=[
            (label, [Cell(row.target), Cell(row.planned), Cell(row.running), Cell(row.finished)])
            for label, row in rows
        ],
        chart=1,
    )


def _sum(field, **filter_):
    return Coalesce(Sum(field, filter=Q(**filter_) if filter_ else None), 0)


def funnel_table(filters: Filters, tallied: Tallied | None = None) -> Table:
    tallied = tallied or Tallied(filters)
    counts = {
        key: sum(row[key] for row in tallied.by_language)
        for key in ("registered", "waitlisted", "started")
    }
    threshold = F("course__programme__completion_threshold")
    counts["completed"] = (
        _tally(filters, CompletionTally, CompletionHomeTally)
        .filter(attended__gte=threshold)
        .aggregate(completed=Coalesce(Sum("registered"), 0))["completed"]
    )
    labels = [
        (pgettext("number of parents", "Registered"), "registered"),
        (_("On the waiting list at some point"), "waitlisted"),
        (_("Started (came to meeting 1)"), "started"),
        (_("Completed"), "completed"),
    ]
    return Table(
        key="funnel",
        title=_("From registration to completion"),
        columns=[_("Parents")],
        rows=[(label, [suppress_count(counts[key])]) for label, key in labels],
    )


def _rate_cells(row):
    return [
        suppress_rate(row["attended"], row["recorded"]),
        suppress_count(row["recorded"]),
    ]


def _rate_rows(grouped, label_key):
    return [(str(row[label_key] or _("Not given")), _rate_cells(row)) for row in grouped]


def course_label(row, text=None) -> str:
    """`text`: the translated pattern, looked up once for a table of thousands of courses."""
    return (text or _("%(language)s, %(municipality)s, starts %(date)s")) % {
        "language": row["course__language__name"],
        "municipality": row["course__municipality__name"],
        "date": f"{row['course__first_date']:%Y-%m-%d}",
    }


COURSES_PER_PAGE = 25


def _ended_rows(tallied: Tallied, kind: str, rows, label_key: str) -> list[dict]:
    """Rows with marks of meetings that have ended, in the order given."""
    ended = (tallied.ended(kind, row[label_key], row) for row in rows)
    return [row for row in ended if row["recorded"]]


def _per_course(tallied: Tallied, course_page):
    """Every course with marks of ended meetings, by start date, or one page of them."""
    rows = (
        _tally(tallied.filters, CourseTally, CourseHomeTally)
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
    rows = _ended_rows(tallied, "course", rows, "course")
    if course_page is None:
        return rows, None
    page = Paginator(rows, COURSES_PER_PAGE).get_page(course_page)
    return page.object_list, page


def attendance_tables(filters: Filters, *, course_page=None, tallied=None) -> list[Table]:
    """`course_page`: show the per-course table one page at a time (None: every course)."""
    tallied = tallied or Tallied(filters)
    columns = [_("Attendance"), _("Marks recorded")]
    per_number = (
        _tally(filters, MeetingTally, MeetingHomeTally)
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


def _reach(rows, label_key, title, key):
    parents = [row["parents"] for row in rows]
    children = [row["children"] or 0 for row in rows]
    parent_cells, parent_total = suppress_group(parents, sum(parents))
    child_cells, child_total = suppress_group(children, sum(children))
    return Table(
        key=key,
        title=title,
        columns=[_("Parents"), _("Children")],
        rows=[
            (str(row[label_key] or _("Not given")), [p, c])
            for row, p, c in zip(rows, parent_cells, child_cells, strict=True)
        ],
        total=(_("Total"), [parent_total, child_total]),
    )


def reach_tables(filters: Filters, tallied: Tallied | None = None) -> list[Table]:
    tallied = tallied or Tallied(filters)
    by_municipality = [row for row in tallied.by_home if row["parents"]]
    by_language = [row for row in tallied.by_language if row["parents"]]
    referral_labels = dict(Registration.Referral.choices)
    by_referral = list(
        _tally(filters, ReferralTally, ReferralHomeTally)
        .values("referral")
        .annotate(parents=Sum("parents"))
        .order_by("referral")
    )
    cells, total = suppress_group(
        [row["parents"] for row in by_referral], sum(row["parents"] for row in by_referral)
    )
    return [
        _reach(
            by_municipality,
            "municipality__name",
            _("Reach per municipality of residence"),
            "reach_municipality",
        ),
        _reach(
            by_language, "course__language__name", _("Reach per course language"), "reach_language"
        ),
        Table(
            "referral",
            _("How parents heard of the course"),
            [_("Parents")],
            [
                (str(referral_labels.get(row["referral"], _("Not given"))), [cell])
                for row, cell in zip(by_referral, cells, strict=True)
            ],
            total=(_("Total"), [total]),
        ),
    ]


def staff_tables(filters: Filters) -> list[Table]:
    registrations = StaffRegistration.objects.filter(status=StaffRegistration.Status.CONFIRMED)
    if filters.date_from:
        registrations = registrations.filter(training_day__date__gte=filters.date_from)
    if filters.date_to:
        registrations = registrations.filter(training_day__date__lte=filters.date_to)
    rows = list(
        registrations.values("municipality__name")
        .annotate(registered=Count("pk"), came=Count("pk", filter=Q(checked_in_at__isnull=False)))
        .order_by("municipality__name")
    )
    registered, registered_total = suppress_group(
        [r["registered"] for r in rows], sum(r["registered"] for r in rows)
    )
    came, came_total = suppress_group([r["came"] for r in rows], sum(r["came"] for r in rows))
    workshops = list(
        WorkshopBooking.objects.exclude(status=WorkshopBooking.Status.WITHDRAWN)
        .values("municipality__name")
        .annotate(
            booked=Count("pk"), held=Count("pk", filter=Q(status=WorkshopBooking.Status.HELD))
        )
        .order_by("municipality__name")
    )
    clusters = list(
        ClusterMeeting.objects.filter(status=ClusterMeeting.Status.HELD)
        .values("municipalities__name")
        .annotate(meetings=Count("pk"))
        .order_by("municipalities__name")
    )
    return [
        Table(
            "training_days",
            _("Training days: staff per municipality"),
            [pgettext("number of people", "Registered"), _("Came")],
            [
                (r["municipality__name"], [a, b])
                for r, a, b in zip(rows, registered, came, strict=True)
            ],
            total=(_("Total"), [registered_total, came_total]),
        ),
        Table(
            "workshops",
            _("Workshops per municipality"),
            [_("Booked"), _("Held")],
            [(r["municipality__name"], [Cell(r["booked"]), Cell(r["held"])]) for r in workshops],
            chart=None,
        ),
        Table(
            "clusters",
            _("Cluster meetings held per municipality"),
            [_("Meetings")],
            [(r["municipalities__name"], [Cell(r["meetings"])]) for r in clusters],
        ),
    ]


def dashboard_tables(*, filters: Filters, course_page=None):
    """Every table, one at a time: an export can send the first before the last is counted."""
    programme = Programme.objects.select_related("central_municipality").first()
    if programme:
        yield targets_table(programme)
    tallied = Tallied(filters)
    yield funnel_table(filters, tallied)
    yield from attendance_tables(filters, course_page=course_page, tallied=tallied)
    yield from reach_tables(filters, tallied)
    yield from staff_tables(filters)


def dashboard(*, filters: Filters, course_page=1) -> list[Table]:
    """The dashboard's tables, the per-course one a page at a time."""
    return list(dashboard_tables(filters=filters, course_page=course_page))
