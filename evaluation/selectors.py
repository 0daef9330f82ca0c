"""The programme's numbers, counted by the database and suppressed where they count people."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from courses.models import Course, Programme
from courses.selectors import programme_overview
from evaluation.models import FunnelTally, MeetingTally, ReachTally
from evaluation.suppression import Cell, suppress_group, suppress_rate
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

    @property
    def numbered(self) -> bool:
        """Labels too long for a chart: the chart numbers its bars, the table the labels."""
        return any(len(label) > SHORT_LABEL for label, _cells in self.rows)

    @property
    def drawn(self) -> bool:
        """A chart of a few dozen bars says something; of 290 nothing the table does not."""
        return self.chart is not None and 0 < len(self.rows) <= CHART_MAX_ROWS


def _course_filter(filters: Filters, prefix: str = "course__") -> Q:
    """The filters on the course, as seen from a tally (`course__`) or a meeting's tally."""
    q = ~Q(**{f"{prefix}status": Course.Status.CANCELLED})
    if filters.date_from:
        q &= Q(**{f"{prefix}first_date__gte": filters.date_from})
    if filters.date_to:
        q &= Q(**{f"{prefix}first_date__lte": filters.date_to})
    if filters.language:
        q &= Q(**{f"{prefix}language": filters.language})
    if filters.municipality:
        q &= Q(municipality=filters.municipality)
    return q


def _people(filters: Filters):
    """Registrations, counted: every status, from the funnel's tally."""
    return FunnelTally.objects.filter(_course_filter(filters))


def _confirmed(filters: Filters):
    return ReachTally.objects.filter(_course_filter(filters))


def _marks(filters: Filters):
    """Marks of the meetings that have ended, counted per meeting and municipality."""
    return MeetingTally.objects.filter(
        _course_filter(filters), meeting__ends_at__lte=timezone.now()
    )


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


def funnel_table(filters: Filters) -> Table:
    sums = _people(filters).aggregate(
        n_registered=_sum("registered"),
        n_waitlisted=_sum("waitlisted"),
        n_started=_sum("registered", started=True),
        n_completed=_sum("registered", attended__gte=F("course__programme__completion_threshold")),
    )
    counts = {key.removeprefix("n_"): value for key, value in sums.items()}
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
        rows=[(label, [suppress_group([counts[key]])[0][0]]) for label, key in labels],
    )


def _rate_cells(row):
    return [
        suppress_rate(row["attended"], row["recorded"]),
        suppress_group([row["recorded"]])[0][0],
    ]


def _rate_rows(grouped, label_key):
    return [(str(row[label_key] or _("Not given")), _rate_cells(row)) for row in grouped]


def _per(marks, *fields):
    return (
        marks.values(*fields)
        .annotate(attended=Sum("attended"), recorded=Sum("recorded"))
        .order_by(*fields)
    )


def course_label(row) -> str:
    return _("%(language)s, %(municipality)s, starts %(date)s") % {
        "language": row["course__language__name"],
        "municipality": row["course__municipality__name"],
        "date": f"{row['course__first_date']:%Y-%m-%d}",
    }


COURSES_PER_PAGE = 25


def attendance_tables(filters: Filters, *, course_page=None) -> list[Table]:
    """`course_page`: show the per-course table one page at a time (None: every course)."""
    marks = _marks(filters)
    columns = [_("Attendance"), _("Marks recorded")]
    by_number = [
        (
            pgettext("meeting number", "Meeting %(number)s") % {"number": row["meeting__number"]},
            _rate_cells(row),
        )
        for row in _per(marks, "meeting__number")
    ]
    per_course = marks.values(
        "course", "course__language__name", "course__municipality__name", "course__first_date"
    )
    per_course = per_course.annotate(attended=Sum("attended"), recorded=Sum("recorded")).order_by(
        "course__first_date", "course"
    )
    page = None
    if course_page is not None:
        page = Paginator(per_course, COURSES_PER_PAGE).get_page(course_page)
        per_course = page.object_list
    per_course = list(per_course)
    by_course = [(course_label(row), _rate_cells(row)) for row in per_course]
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
            _rate_rows(_per(marks, "course__language__name"), "course__language__name"),
            note=note,
        ),
        Table(
            "attendance_municipality",
            _("Attendance per municipality of residence"),
            columns,
            _rate_rows(_per(marks, "municipality__name"), "municipality__name"),
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


def reach_tables(filters: Filters) -> list[Table]:
    people = _confirmed(filters)
    sums = {"parents": Sum("parents"), "children": Sum("children")}
    by_municipality = list(
        people.values("municipality__name").annotate(**sums).order_by("municipality__name")
    )
    by_language = list(
        people.values("course__language__name").annotate(**sums).order_by("course__language__name")
    )
    referral_labels = dict(Registration.Referral.choices)
    by_referral = list(
        people.values("referral").annotate(parents=Sum("parents")).order_by("referral")
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
    yield funnel_table(filters)
    yield from attendance_tables(filters, course_page=course_page)
    yield from reach_tables(filters)
    yield from staff_tables(filters)


def dashboard(*, filters: Filters, course_page=1) -> list[Table]:
    """The dashboard's tables, the per-course one a page at a time."""
    return list(dashboard_tables(filters=filters, course_page=course_page))
