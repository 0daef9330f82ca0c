"""The dashboard's numbers counted straight from registrations and attendance marks, as the
dashboard counted them before it kept tallies: the reference the tallies must equal."""

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from courses.models import Course
from evaluation.selectors.attendance import course_label
from evaluation.selectors.tables import Filters, Table
from evaluation.suppression import suppress_group, suppress_rate
from participants.models import Attendance, Registration

ATTENDED = Q(status__in=[Attendance.Status.PRESENT, Attendance.Status.LATE])


def _courses(filters: Filters):
    courses = Course.objects.exclude(status=Course.Status.CANCELLED)
    if filters.date_from:
        courses = courses.filter(first_date__gte=filters.date_from)
    if filters.date_to:
        courses = courses.filter(first_date__lte=filters.date_to)
    if filters.language:
        courses = courses.filter(language=filters.language)
    return courses


def _people(filters: Filters):
    people = Registration.objects.filter(course__in=_courses(filters))
    if filters.municipality:
        people = people.filter(municipality=filters.municipality)
    return people


def _marks(filters: Filters):
    marks = Attendance.objects.filter(
        meeting__course__in=_courses(filters), meeting__ends_at__lte=timezone.now()
    )
    if filters.municipality:
        marks = marks.filter(registration__municipality=filters.municipality)
    return marks


def funnel_table(filters: Filters) -> Table:
    people = _people(filters)
    counts = people.aggregate(
        registered=Count("pk", distinct=True),
        waitlisted=Count("pk", filter=Q(waitlisted_at__isnull=False), distinct=True),
        started=Count(
            "pk",
            filter=Q(attendances__meeting__number=1, attendances__status__in=["present", "late"]),
            distinct=True,
        ),
    )
    counts["completed"] = (
        people.annotate(
            attended=Count("attendances", filter=Q(attendances__status__in=["present", "late"]))
        )
        .filter(attended__gte=F("course__programme__completion_threshold"))
        .count()
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
        rows=[(label, [suppress_group([counts[key]])[0][0]]) for label, key in labels],
    )


def _rate_rows(grouped, label_key):
    return [
        (
            str(row[label_key] or _("Not given")),
            [
                suppress_rate(row["attended"], row["recorded"]),
                suppress_group([row["recorded"]])[0][0],
            ],
        )
        for row in grouped
    ]


def attendance_tables(filters: Filters) -> list[Table]:
    marks = _marks(filters)
    columns = [_("Attendance"), _("Marks recorded")]
    per = {
        "number": marks.values("meeting__number")
        .annotate(attended=Count("pk", filter=ATTENDED), recorded=Count("pk"))
        .order_by("meeting__number"),
        "language": marks.values("meeting__course__language__name")
        .annotate(attended=Count("pk", filter=ATTENDED), recorded=Count("pk"))
        .order_by("meeting__course__language__name"),
        "municipality": marks.values("registration__municipality__name")
        .annotate(attended=Count("pk", filter=ATTENDED), recorded=Count("pk"))
        .order_by("registration__municipality__name"),
        "course": marks.values(
            "meeting__course",
            "meeting__course__language__name",
            "meeting__course__municipality__name",
            "meeting__course__first_date",
        )
        .annotate(attended=Count("pk", filter=ATTENDED), recorded=Count("pk"))
        .order_by("meeting__course__first_date", "meeting__course"),
    }
    by_number = [
        (
            pgettext("meeting number", "Meeting %(number)s") % {"number": row["meeting__number"]},
            [
                suppress_rate(row["attended"], row["recorded"]),
                suppress_group([row["recorded"]])[0][0],
            ],
        )
        for row in per["number"]
    ]
    by_course = [
        (
            course_label({key.removeprefix("meeting__"): value for key, value in row.items()}),
            [
                suppress_rate(row["attended"], row["recorded"]),
                suppress_group([row["recorded"]])[0][0],
            ],
        )
        for row in per["course"]
    ]
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
            _rate_rows(per["language"], "meeting__course__language__name"),
            note=note,
        ),
        Table(
            "attendance_municipality",
            _("Attendance per municipality of residence"),
            columns,
            _rate_rows(per["municipality"], "registration__municipality__name"),
            note=note,
        ),
        Table("attendance_course", _("Attendance per course"), columns, by_course, note=note),
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
    people = _people(filters).filter(status=Registration.Status.CONFIRMED)
    children = Coalesce(Sum(F("children_0_5") + F("children_6_12") + F("children_13_17")), 0)
    by_municipality = list(
        people.values("municipality__name")
        .annotate(parents=Count("pk"), children=children)
        .order_by("municipality__name")
    )
    by_language = list(
        people.values("course__language__name")
        .annotate(parents=Count("pk"), children=children)
        .order_by("course__language__name")
    )
    referral_labels = dict(Registration.Referral.choices)
    by_referral = list(people.values("referral").annotate(parents=Count("pk")).order_by("referral"))
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


def counted_directly(*, filters: Filters) -> list[Table]:
    return [funnel_table(filters), *attendance_tables(filters), *reach_tables(filters)]
