"""Writes for courses: create, edit, and change single meetings."""

import datetime as dt
import logging
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Expression, Max, Min, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from courses import hooks
from courses.models import Course, Meeting
from courses.scheduling import PlannedMeeting, plan_meetings, public_holidays
from courses.selectors import course_missing_texts
from equalcity import course_figures
from equalcity.capacity import (
    HOLDING,
    enrolment_models_for,
    seats_taken,
    waiting_count,
    waitlist_offer,
)
from equalcity.i18n import localized_fieldnames
from equalcity.models import User
from equalcity.public_cache import public_pages_changed

logger = logging.getLogger(__name__)


def course_planned_meetings(*, course: Course) -> list[PlannedMeeting]:
    """The meetings the course's first date and start time lead to, before anything is saved."""
    return plan_meetings(
        municipality_id=course.municipality_id,
        first_date=course.first_date,
        start_time=course.start_time,
        count=course.programme.meeting_count,
        minutes=course.programme.meeting_minutes,
    )


def _replace_meetings(course: Course) -> None:
    """Lay the meetings out anew. Their themes come from the programme (see
    `courses.selectors.with_themes`); a course's own theme for a meeting is kept."""
    overrides = {
        meeting.number: meeting
        for meeting in course.meetings.exclude(theme_sv="").exclude(theme_sv__isnull=True)
    }
    theme_fields = localized_fieldnames("theme")
    course.meetings.all().delete()
    Meeting.objects.bulk_create(
        Meeting(
            course=course,
            number=planned.number,
            starts_at=planned.starts_at,
            ends_at=planned.ends_at,
            **{
                field: getattr(overrides[planned.number], field)
                for field in theme_fields
                if planned.number in overrides
            },
        )
        for planned in course_planned_meetings(course=course)
    )


@transaction.atomic
def course_save(*, course: Course, leaders: Iterable[User] | None = None) -> Course:
    """Create or update a course; its meetings are laid out again when its dates change.

    Once a meeting has taken place the dates are history: they can no longer be laid out anew,
    only moved one meeting at a time.
    """
    course.full_clean()
    is_new = course._state.adding
    dates_changed = is_new
    capacity_raised = False
    was_open = False
    if not is_new:
        stored = Course.objects.select_for_update().get(pk=course.pk)
        was_open = stored.status in (Course.Status.OPEN, Course.Status.FULL)
        capacity_raised = course.capacity > stored.capacity
        dates_changed = (stored.first_date, stored.start_time, stored.municipality_id) != (
            course.first_date,
            course.start_time,
            course.municipality_id,
        )
        if dates_changed and course.meetings.filter(starts_at__lte=timezone.now()).exists():
            raise ValidationError(
                {
                    "first_date": _(
                        "The course has already begun, so its dates cannot be laid out "
                        "again. Move single meetings instead."
                    )
                }
            )
    if course.status == Course.Status.OPEN and not was_open:
        _check_texts_for_parents(course)
    course.save()
    if leaders is not None:
        course.leaders.set(leaders)
    if dates_changed:
        _replace_meetings(course)
        course_dates_refresh(course=course)
    if capacity_raised:
        # The course row is locked: offer the new seats to the waiting list, in arrival order
        # (the planner tells them: participants.planning.plan_registration_events).
        for model in enrolment_models_for(Course):
            waitlist_offer(holder=course, model=model)
    course_fill_refresh(course=course)
    return course


def _check_texts_for_parents(course: Course) -> None:
    """A course opens for registration only when parents can read about it in their language."""
    missing = course_missing_texts(course=course)
    if missing:
        raise ValidationError(
            {
                "status": _(
                    "The course cannot open for registration until its texts for parents exist "
                    "in Swedish and in the course's language. Missing: %(missing)s. Add them in "
                    "the translation workspace, then open the course."
                )
                % {"missing": "; ".join(missing)}
            },
            code="texts_missing",
        )


def meeting_theme_set(*, meeting: Meeting, theme: str) -> Meeting:
    """Give one meeting of one course a theme of its own (in Swedish; translated in the
    workspace), or, with an empty theme, let it follow the programme again in every language."""
    fields = localized_fieldnames("theme")
    if theme.strip():
        if theme != meeting.theme_sv:
            # A new Swedish text: the old translations no longer say the same thing.
            for field in fields:
                setattr(meeting, field, "")
            meeting.theme_sv = theme
    else:
        for field in fields:
            setattr(meeting, field, "")
    meeting.full_clean()
    meeting.save(update_fields=fields)
    transaction.on_commit(public_pages_changed)
    return meeting


def course_fill_refresh(*, course: Course) -> None:
    """Open ↔ full, as seats are taken and freed. Call with the course row locked.

    Every change of seats passes here: the public pages that show them, and the figures kept
    about the course's registrations, are renewed once the change is committed."""
    transaction.on_commit(public_pages_changed)
    course_figures.course_changed(course_id=course.pk)
    course.confirmed_count = seats_taken(course)
    course.waiting_count = waiting_count(course)
    fields = ["confirmed_count", "waiting_count"]
    if course.status in (Course.Status.OPEN, Course.Status.FULL):
        course.status = (
            Course.Status.FULL if course.confirmed_count >= course.capacity else Course.Status.OPEN
        )
        fields += ["status", "updated_at"]
    course.save(update_fields=fields)


def courses_stored_counts_refresh(courses: QuerySet[Course] | None = None) -> int:
    """Recount every course's seats, queue and dates in one statement: after a bulk load (the
    demo, a benchmark) or to repair. The services keep them up to date otherwise. The figures
    kept about registrations and attendance (`equalcity.course_figures`) are renewed as well."""
    courses = Course.objects.all() if courses is None else courses

    def counted(*statuses: str) -> Expression:
        total: Expression = Value(0)
        for model in enrolment_models_for(Course):
            count = (
                model.objects.filter(**{model.holder_field: OuterRef("pk")}, status__in=statuses)
                .order_by()
                .values(model.holder_field)
                .annotate(n=Count("pk"))
                .values("n")
            )
            total = total + Coalesce(Subquery(count), Value(0))
        return total

    course_figures.all_changed()
    scheduled = Meeting.objects.filter(course=OuterRef("pk")).exclude(
        status=Meeting.Status.CANCELLED
    )
    return courses.update(
        confirmed_count=counted(*HOLDING),
        waiting_count=counted("waitlisted"),
        first_meeting_at=Subquery(scheduled.order_by("starts_at").values("starts_at")[:1]),
        last_meeting_at=Subquery(scheduled.order_by("-starts_at").values("starts_at")[:1]),
    )


def course_dates_refresh(*, course: Course) -> None:
    """The first and last meeting that will take place, stored on the course for its lists."""
    dates = course.meetings.exclude(status=Meeting.Status.CANCELLED).aggregate(
        first=Min("starts_at"), last=Max("starts_at")
    )
    course.first_meeting_at, course.last_meeting_at = dates["first"], dates["last"]
    course.save(update_fields=["first_meeting_at", "last_meeting_at"])


def _check_new_time(meeting: Meeting, starts_at: dt.datetime) -> None:
    if starts_at <= timezone.now():
        raise ValidationError({"date": _("Choose a date and time in the future.")})
    local_day = timezone.localtime(starts_at).date()
    holiday = public_holidays(local_day, local_day).get(local_day)
    if holiday:
        raise ValidationError(
            {
                "date": _("%(date)s is a day off: %(reason)s. Choose another date.")
                % {"date": local_day.isoformat(), "reason": holiday}
            }
        )
    clash = (
        meeting.course.meetings.exclude(pk=meeting.pk)
        .exclude(status=Meeting.Status.CANCELLED)
        .filter(starts_at__date=local_day)
        .first()
    )
    if clash:
        raise ValidationError(
            {
                "date": _("Meeting %(number)s of this course is already on that day.")
                % {"number": clash.number}
            }
        )


@transaction.atomic
def meeting_move(*, meeting: Meeting, starts_at: dt.datetime, reason: str) -> Meeting:
    """Move one meeting to a new date and time; it keeps its number and its original date."""
    meeting = Meeting.objects.select_for_update().select_related("course").get(pk=meeting.pk)
    if meeting.is_cancelled:
        raise ValidationError(_("A cancelled meeting cannot be moved."))
    _check_new_time(meeting, starts_at)
    length = meeting.ends_at - meeting.starts_at
    if meeting.moved_from is None:
        meeting.moved_from = meeting.starts_at
    meeting.starts_at = starts_at
    meeting.ends_at = starts_at + length
    meeting.change_reason = reason
    meeting.changed_at = timezone.now()
    meeting.full_clean()
    meeting.save()
    course_dates_refresh(course=meeting.course)
    _tell_participants(meeting)
    transaction.on_commit(public_pages_changed)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.ends_at <= timezone.now():
        raise ValidationError(_("A meeting that has already taken place cannot be cancelled."))
    meeting.status = Meeting.Status.CANCELLED
    meeting.change_reason = reason
    meeting.changed_at = timezone.now()
    meeting.full_clean()
    meeting.save()
    course_dates_refresh(course=meeting.course)
    _tell_participants(meeting)
    transaction.on_commit(public_pages_changed)
    return meeting


def _tell_participants(meeting: Meeting) -> None:
    """Participants hear of a change at once, after commit, through the receiver their app
    registered (courses.hooks; courses does not depend on participants)."""
    transaction.on_commit(lambda: hooks.meeting_changed(meeting_id=meeting.pk))
