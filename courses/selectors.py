"""Reads for courses, always filtered by the reader's scope."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypedDict

from django.conf import settings
from django.db.models import Count, Model, Prefetch, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from courses.models import Course, LanguageTarget, Meeting, Programme
from equalcity import translations
from equalcity.access import scope_for
from equalcity.i18n import LocalText, current_language, localized_fieldnames, translated
from equalcity.models import CourseLanguage, Organisation, User
from equalcity.public_cache import kept_while_unchanged


def with_themes(meetings: Iterable[Meeting], programme: Programme) -> list[Meeting]:
    """The meetings, each with `theme_title` and `theme_note` in the active language: the
    course's own theme for that meeting if it has one, otherwise the programme's. Each is a
    LocalText, Swedish where a translation is missing. One query for the programme's themes."""
    themes = {theme.number: theme for theme in programme.themes.all()}
    meetings = list(meetings)
    for meeting in meetings:
        programme_theme = themes.get(meeting.number)
        if (meeting.theme_sv or "").strip():
            meeting.theme_title = translated(meeting, "theme")
        elif programme_theme is not None:
            meeting.theme_title = translated(programme_theme, "title")
        else:
            meeting.theme_title = LocalText("", current_language())
        meeting.theme_note = (
            translated(programme_theme, "parent_text")
            if programme_theme is not None
            else LocalText("", current_language())
        )
    return meetings


def course_visible_filter(user: User, *, people: bool = False) -> Q:
    """The courses a staff member may see. Evaluators see courses (no people) read-only: with
    `people`, the courses whose parents the user may read about, evaluators' reading aside."""
    scope = scope_for(user)
    if scope.regional or (scope.evaluator and not people):
        return Q()
    visible = Q(pk__in=[])
    if scope.coordinated_org_ids:
        visible |= Q(municipality_id__in=scope.coordinated_org_ids)
        visible |= Q(organiser_id__in=scope.coordinated_org_ids)
    if scope.course_leader:
        visible |= Q(pk__in=Course.leaders.through.objects.filter(user=user).values("course_id"))
    return visible


def course_list(
    *,
    user: User,
    language: CourseLanguage | None = None,
    municipality: Organisation | None = None,
    status: str | None = None,
    q: str = "",
) -> QuerySet[Course]:
    """The courses a staff member may see, filtered; `q` finds words of the title (in any
    language), the venue or the municipality."""
    courses = (
        Course.objects.filter(course_visible_filter(user))
        .select_related("language", "municipality", "organiser", "venue", "programme")
        .prefetch_related(Prefetch("leaders", queryset=User.objects.order_by("first_name")))
        .order_by("first_date", "pk")
    )
    for word in q.split()[:5]:
        matches = Q(venue__name_sv__icontains=word) | Q(municipality__name__icontains=word)
        for field in localized_fieldnames("title"):
            matches |= Q(**{f"{field}__icontains": word})
        courses = courses.filter(matches)
    if language:
        courses = courses.filter(language=language)
    if municipality:
        courses = courses.filter(municipality=municipality)
    if status:
        courses = courses.filter(status=status)
    return courses


def course_get(*, user: User, pk: int) -> Course:
    """A course the user may see, or 404 (another municipality's course does not exist for them)."""
    return get_object_or_404(
        Course.objects.filter(course_visible_filter(user)).select_related(
            "language", "municipality", "organiser", "venue", "programme"
        ),
        pk=pk,
    )


def course_can_edit(*, user: User, course: Course) -> bool:
    return scope_for(user).coordinates(course.municipality_id, course.organiser_id)


def meeting_get_for_edit(*, user: User, pk: int) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related("course").filter(
            course__in=Course.objects.filter(course_visible_filter(user))
        ),
        pk=pk,
    )
    return meeting


def course_leader_choices(*, user: User) -> QuerySet[User]:
    """Staff who hold a course-leader role in the coordinator's scope."""
    scope = scope_for(user)
    leaders = User.objects.filter(roles__kind="course_leader", is_active=True)
    if not scope.regional:
        leaders = leaders.filter(roles__organisation_id__in=scope.coordinated_org_ids)
    return leaders.distinct().order_by("first_name", "last_name")


@dataclass(frozen=True)
class TargetRow:
    label: str
    target: int | None
    planned: int
    running: int
    finished: int

    @property
    def gap(self) -> int | None:
        return None if self.target is None else max(self.target - self.planned, 0)


_ACTIVE = ~Q(status=Course.Status.CANCELLED)
_COUNTS = {
    "planned": Count("pk", filter=_ACTIVE),
    "running": Count("pk", filter=Q(status=Course.Status.RUNNING)),
    "finished": Count("pk", filter=Q(status=Course.Status.FINISHED)),
}


class ProgrammeOverview(TypedDict):
    total: TargetRow
    central: TargetRow
    local: TargetRow
    cancelled: int
    languages: list[TargetRow]


def programme_overview(*, programme: Programme) -> ProgrammeOverview:
    """Targets against planned, running and finished courses: in total, by place, by language.

    Computed with three aggregate queries whatever the number of courses.
    """
    courses = Course.objects.filter(programme=programme)
    central = Q(municipality_id=programme.central_municipality_id)
    totals = courses.aggregate(
        **_COUNTS,
        central_planned=Count("pk", filter=_ACTIVE & central),
        central_running=Count("pk", filter=Q(status=Course.Status.RUNNING) & central),
        central_finished=Count("pk", filter=Q(status=Course.Status.FINISHED) & central),
        cancelled=Count("pk", filter=Q(status=Course.Status.CANCELLED)),
    )
    by_language = {
        row["language"]: row for row in courses.order_by().values("language").annotate(**_COUNTS)
    }
    targets = dict(
        LanguageTarget.objects.filter(programme=programme).values_list("language", "courses")
    )
    language_ids = set(targets) | set(by_language)
    languages = CourseLanguage.objects.filter(pk__in=language_ids)

    # `counts` is a row of the aggregates above: ints under the keys of _COUNTS, which
    # django-stubs cannot see through the ** (it types the rows as having "language" only).
    def row(
        label: str, target: int | None, counts: Mapping[str, Any], prefix: str = ""
    ) -> TargetRow:
        return TargetRow(
            label=label,
            target=target,
            planned=counts[f"{prefix}planned"],
            running=counts[f"{prefix}running"],
            finished=counts[f"{prefix}finished"],
        )

    empty = {"planned": 0, "running": 0, "finished": 0}
    local = {key: totals[key] - totals[f"central_{key}"] for key in empty}
    return {
        "total": row(programme.name, programme.target_courses, totals),
        "central": row(
            programme.central_municipality.name,
            programme.target_central_courses,
            totals,
            prefix="central_",
        ),
        "local": row("", programme.target_local_courses, local),
        "cancelled": totals["cancelled"],
        "languages": [
            row(language.name, targets.get(language.pk), by_language.get(language.pk, empty))
            for language in languages
        ],
    }


def parent_text_coverage() -> list[translations.Coverage]:
    """How much of what parents read exists in each language, for the programme overview.

    Counting it reads every live course and meeting (5,000 courses and 35,000 meetings
    nationally): it is counted again only when a text parents read has changed (a translation,
    a course, a meeting's theme all move the public pages' version)."""

    def count() -> list[translations.Coverage]:
        table = translations.coverage(for_parents_only=True)
        return [
            translations.total_coverage(table, code) for code in translations.target_languages()
        ]

    return kept_while_unchanged("parent-text-coverage", count)


def _language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


def _missing(instance: Model, field: str, language: str) -> bool:
    """A text exists in Swedish but not in `language`."""
    source = getattr(instance, build_localized_fieldname(field, settings.LANGUAGE_CODE)) or ""
    text = getattr(instance, build_localized_fieldname(field, language)) or ""
    return bool(source.strip()) and not text.strip()


def course_missing_texts(*, course: Course) -> list[str]:
    """What parents would read in Swedish instead of their language: the texts a course needs in
    Swedish and in the language it is given in before it opens for registration, as phrases
    ("the title in Arabic")."""
    languages = [settings.LANGUAGE_CODE]
    if course.language.interface_language and course.language.interface_language not in languages:
        languages.append(course.language.interface_language)
    themes = {theme.number: theme for theme in course.programme.themes.all()}
    overrides = (
        {m.number: m for m in course.meetings.all() if (m.theme_sv or "").strip()}
        if course.pk
        else {}
    )
    missing: list[str] = []
    for language in languages:
        name = _language_name(language)
        title = getattr(course, build_localized_fieldname("title", language)) or ""
        if not title.strip():
            missing.append(_("the title in %(language)s") % {"language": name})
        for field, phrase in (
            ("description", _("the description in %(language)s")),
            ("target_group", _("who the course is for, in %(language)s")),
        ):
            if _missing(course, field, language):
                missing.append(phrase % {"language": name})
        for number in range(1, course.programme.meeting_count + 1):
            theme = themes.get(number)
            own = overrides.get(number)
            if own is not None and _missing(own, "theme", language):
                missing.append(
                    _("this course's theme of meeting %(number)s in %(language)s")
                    % {"number": number, "language": name}
                )
            if theme is None:
                continue
            if (
                own is None
                and not (getattr(theme, build_localized_fieldname("title", language)) or "").strip()
            ):
                missing.append(
                    _("the theme of meeting %(number)s in %(language)s")
                    % {"number": number, "language": name}
                )
            if _missing(theme, "parent_text", language):
                missing.append(
                    _("the text for parents about meeting %(number)s in %(language)s")
                    % {"number": number, "language": name}
                )
        for field, phrase in (
            ("directions", _("the directions to the venue in %(language)s")),
            ("accessibility", _("the venue's accessibility in %(language)s")),
        ):
            if _missing(course.venue, field, language):
                missing.append(phrase % {"language": name})
    return missing


@dataclass(frozen=True)
class MunicipalityRow:
    name: str
    courses: int
    seats: int
    taken: int
    waiting: int

    @property
    def fill_rate(self) -> int:
        return round(100 * self.taken / self.seats) if self.seats else 0


def municipality_overview(*, user: User, programme: Programme) -> list[MunicipalityRow]:
    """For a municipal coordinator, their own municipality's courses of the programme: seats,
    seats taken, fill rate and queue (every municipality for a regional coordinator). One
    aggregate query over the counts the courses keep."""
    scope = scope_for(user)
    courses = Course.objects.filter(programme=programme).exclude(status=Course.Status.CANCELLED)
    if not scope.regional:
        courses = courses.filter(municipality_id__in=scope.coordinated_org_ids)
    rows = (
        courses.order_by()
        .values("municipality__name")
        .annotate(
            courses=Count("pk"),
            seats=Sum("capacity"),
            taken=Sum("confirmed_count"),
            queued=Sum("waiting_count"),  # not "waiting": Course has a property of that name
        )
        .order_by("municipality__name")
    )
    return [
        MunicipalityRow(
            name=row["municipality__name"],
            courses=row["courses"],
            seats=row["seats"] or 0,
            taken=row["taken"] or 0,
            waiting=row["queued"] or 0,
        )
        for row in rows
    ]
