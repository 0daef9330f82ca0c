"""Attendance, read: who may record it, the sheet of a meeting, the matrix of a course,
completion toward the certificate, a leader's courses and today's meetings."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from courses.models import Course, Meeting
from courses.selectors import course_can_edit
from equalcity.models import User
from participants.models import Attendance, MeetingAnswer, Registration

ATTENDED = (Attendance.Status.PRESENT, Attendance.Status.LATE)
CONFIRMED = Registration.Status.CONFIRMED


class Completion:
    COMPLETED = "completed"
    IN_PROGRESS = "in_progress"
    NOT_COMPLETED = "not_completed"


def completion(*, attended: int, threshold: int, remaining: int) -> str:
    """Completed at the threshold; in progress while the remaining meetings can still get the
    participant there; otherwise not completed."""
    if attended >= threshold:
        return Completion.COMPLETED
    if attended + remaining >= threshold:
        return Completion.IN_PROGRESS
    return Completion.NOT_COMPLETED


def is_course_leader(user: User, course: Course) -> bool:
    return course.leaders.filter(pk=user.pk).exists()


def may_record(*, user: User, course: Course) -> bool:
    """The course's own leaders and the coordinators in scope."""
    return is_course_leader(user, course) or course_can_edit(user=user, course=course)


def course_for_attendance(*, user: User, pk: int) -> Course:
    course: Course = get_object_or_404(
        Course.objects.select_related("programme", "language", "venue", "organiser"), pk=pk
    )
    if not may_record(user=user, course=course):
        raise Http404
    return course


def meeting_for_attendance(*, user: User, pk: int) -> Meeting:
    meeting: Meeting = get_object_or_404(
        Meeting.objects.select_related(
            "course__programme", "course__language", "course__venue", "course__organiser"
        ),
        pk=pk,
    )
    if not may_record(user=user, course=meeting.course):
        raise Http404
    return meeting


def confirmed_participants(course: Course) -> QuerySet[Registration]:
    """The course's confirmed participants in the order of the sheet and the matrix."""
    return course.registrations.filter(status=CONFIRMED).order_by("last_name", "first_name", "pk")


@dataclass
class SheetRow:
    registration: Registration
    status: str | None
    attended: int = 0  # meetings attended so far, toward the certificate's threshold
    answer: str | None = None  # what the parent said beforehand: coming, cannot come


def sheet_rows(*, meeting: Meeting) -> list[SheetRow]:
    """Every confirmed participant, what is recorded for this meeting, how many meetings they
    have attended and what they answered beforehand: three queries."""
    registrations = (
        confirmed_participants(meeting.course)
        .annotate(attended=Count("attendances", filter=Q(attendances__status__in=ATTENDED)))
        .prefetch_related(
            Prefetch(
                "attendances",
                queryset=Attendance.objects.filter(meeting=meeting),
                to_attr="this_meeting",
            ),
            Prefetch(
                "meeting_answers",
                queryset=MeetingAnswer.objects.filter(meeting=meeting),
                to_attr="answer_for_meeting",
            ),
        )
    )
    return [
        SheetRow(
            r,
            r.this_meeting[0].status if r.this_meeting else None,
            r.attended,
            r.answer_for_meeting[0].answer if r.answer_for_meeting else None,
        )
        for r in registrations
    ]


def remaining_meetings(course: Course, *, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    return course.meetings.filter(status=Meeting.Status.SCHEDULED, starts_at__gt=now).count()


@dataclass
class MatrixRow:
    registration: Registration
    cells: list[tuple[Meeting, str | None]]  # each meeting and the mark recorded, if any
    attended: int
    completion: str


def attendance_matrix(*, course: Course) -> tuple[list[Meeting], list[MatrixRow]]:
    """Participants × meetings, with attended counts and completion: three queries."""
    meetings = list(course.meetings.order_by("number"))
    now = timezone.now()
    remaining = sum(
        1 for m in meetings if m.status == Meeting.Status.SCHEDULED and m.starts_at > now
    )
    registrations = (
        confirmed_participants(course)
        .annotate(attended=Count("attendances", filter=Q(attendances__status__in=ATTENDED)))
        .prefetch_related("attendances")
    )
    threshold = course.programme.completion_threshold
    rows = []
    for registration in registrations:
        marks = {a.meeting_id: a.status for a in registration.attendances.all()}
        rows.append(
            MatrixRow(
                registration=registration,
                cells=[(meeting, marks.get(meeting.pk)) for meeting in meetings],
                attended=registration.attended,
                completion=completion(
                    attended=registration.attended, threshold=threshold, remaining=remaining
                ),
            )
        )
    return meetings, rows


def completers(*, course: Course) -> QuerySet[Registration]:
    threshold = course.programme.completion_threshold
    return (
        confirmed_participants(course)
        .annotate(attended=Count("attendances", filter=Q(attendances__status__in=ATTENDED)))
        .filter(attended__gte=threshold)
    )


def attended_count(registration: Registration) -> int:
    return registration.attendances.filter(status__in=ATTENDED).count()


def registration_completion(registration: Registration) -> str:
    course = registration.course
    return completion(
        attended=attended_count(registration),
        threshold=course.programme.completion_threshold,
        remaining=remaining_meetings(course),
    )


def leader_courses(*, user: User) -> QuerySet[Course]:
    """The courses a leader leads, soonest first, with their next meeting."""
    now = timezone.now()
    return (
        Course.objects.filter(leaders=user)
        .exclude(status__in=[Course.Status.CANCELLED, Course.Status.DRAFT])
        .select_related("language", "venue")
        .prefetch_related(
            Prefetch(
                "meetings",
                queryset=Meeting.objects.filter(
                    status=Meeting.Status.SCHEDULED, ends_at__gte=now - dt.timedelta(hours=12)
                ).order_by("starts_at"),
                to_attr="upcoming",
            )
        )
        .order_by("first_date")
    )


def todays_meetings(*, user: User) -> QuerySet[Meeting]:
    today = timezone.localdate()
    return (
        Meeting.objects.filter(
            course__leaders=user, starts_at__date=today, status=Meeting.Status.SCHEDULED
        )
        .select_related("course__language", "course__venue")
        .order_by("starts_at")
    )
