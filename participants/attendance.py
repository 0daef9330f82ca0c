"""Attendance: who may record it, recording it tap by tap, walk-ins, completion, the matrix."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from courses.models import Course, Meeting
from courses.selectors import course_can_edit
from courses.services import course_fill_refresh
from equalcity import course_figures
from equalcity.capacity import seats_taken
from participants.models import Attendance, MeetingAnswer, Registration
from participants.selectors import may_see_follow_up  # noqa: F401 - the one rule for notes

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


def is_course_leader(user, course) -> bool:
    return course.leaders.filter(pk=user.pk).exists()


def may_record(*, user, course) -> bool:
    """The course's own leaders and the coordinators in scope."""
    return is_course_leader(user, course) or course_can_edit(user=user, course=course)


def course_for_attendance(*, user, pk) -> Course:
    course = get_object_or_404(
        Course.objects.select_related("programme", "language", "venue", "organiser"), pk=pk
    )
    if not may_record(user=user, course=course):
        raise Http404
    return course


def meeting_for_attendance(*, user, pk) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related(
            "course__programme", "course__language", "course__venue", "course__organiser"
        ),
        pk=pk,
    )
    if not may_record(user=user, course=meeting.course):
        raise Http404
    return meeting


def _participants(course):
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
        _participants(meeting.course)
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


def attendance_record(*, meeting: Meeting, registration_id: int, status: str, by) -> Attendance:
    """Record one tap. Tapping again changes the mark; two taps at once keep the last."""
    registration = get_object_or_404(
        Registration, pk=registration_id, course=meeting.course_id, status=CONFIRMED
    )
    if status not in Attendance.Status.values:
        raise ValueError(status)
    for _attempt in range(2):
        try:
            with transaction.atomic():
                attendance, _created = Attendance.objects.update_or_create(
                    registration=registration,
                    meeting=meeting,
                    defaults={"status": status, "recorded_by": by},
                )
            course_figures.course_changed(course_id=meeting.course_id)
            return attendance
        except IntegrityError:
            continue  # the other tap created the row first: update it
    raise IntegrityError("attendance could not be saved")


def attendance_mark_everyone_present(*, meeting: Meeting, by) -> int:
    """One tap at the start of a meeting: everyone not yet marked is marked present, recorded
    by this staff member like any tap; marks already made stay. The leader then changes the
    exceptions. Returns how many were marked."""
    unmarked = _participants(meeting.course).exclude(attendances__meeting=meeting)
    rows = [
        Attendance(
            registration=registration,
            meeting=meeting,
            status=Attendance.Status.PRESENT,
            recorded_by=by,
        )
        for registration in unmarked.only("pk")
    ]
    # The rows are built from the course's own confirmed registrations and a fixed status, so
    # there is nothing for full_clean() to find (it would cost a query per row).
    # A tap saved meanwhile wins: its row exists, and this one is skipped.
    Attendance.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def attendance_record_changes(*, marks, by) -> int:
    """Save a whole form of marks (the sheet without JavaScript, the paper list in the matrix):
    `marks` are (meeting, registration id, recorded status, submitted status); only the ones
    that change are written."""
    changed = 0
    for meeting, registration_id, recorded, submitted in marks:
        if submitted in Attendance.Status.values and submitted != recorded:
            attendance_record(
                meeting=meeting, registration_id=registration_id, status=submitted, by=by
            )
            changed += 1
    return changed


@transaction.atomic
def walk_in_add(
    *, meeting: Meeting, first_name: str, last_name: str, phone: str = "", by=None
) -> tuple[Registration, bool]:
    """A parent who came without registering joins the course and this meeting. Over capacity
    is allowed; the second value says so, for a warning."""
    course = Course.objects.select_for_update().select_related("language").get(pk=meeting.course_id)
    over_capacity = seats_taken(course) >= course.capacity
    registration = Registration(
        course=course,
        first_name=first_name,
        last_name=last_name,
        phone=phone,
        status=CONFIRMED,
        walk_in=True,
        registered_by=by,
        language=course.language.interface_language or "sv",
    )
    registration.full_clean()
    registration.save()
    Attendance.objects.create(
        registration=registration, meeting=meeting, status=Attendance.Status.PRESENT, recorded_by=by
    )
    course_fill_refresh(course=course)
    return registration, over_capacity


def follow_up_note_save(*, registration: Registration, note: str, by) -> None:
    registration.follow_up_note = note
    registration.follow_up_by = by
    registration.follow_up_at = timezone.now()
    registration.save(update_fields=["follow_up_note", "follow_up_by", "follow_up_at"])


def remaining_meetings(course, *, now=None) -> int:
    now = now or timezone.now()
    return course.meetings.filter(status=Meeting.Status.SCHEDULED, starts_at__gt=now).count()


@dataclass
class MatrixRow:
    registration: Registration
    cells: list
    attended: int
    completion: str


def attendance_matrix(*, course: Course):
    """Participants × meetings, with attended counts and completion: three queries."""
    meetings = list(course.meetings.order_by("number"))
    now = timezone.now()
    remaining = sum(
        1 for m in meetings if m.status == Meeting.Status.SCHEDULED and m.starts_at > now
    )
    registrations = (
        _participants(course)
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


def completers(*, course: Course):
    threshold = course.programme.completion_threshold
    return (
        _participants(course)
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


def leader_courses(*, user):
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
                    status=Meeting.Status.SCHEDULED, ends_at__gte=now - timezone.timedelta(hours=12)
                ).order_by("starts_at"),
                to_attr="upcoming",
            )
        )
        .order_by("first_date")
    )


def todays_meetings(*, user):
    today = timezone.localdate()
    return (
        Meeting.objects.filter(
            course__leaders=user, starts_at__date=today, status=Meeting.Status.SCHEDULED
        )
        .select_related("course__language", "course__venue")
        .order_by("starts_at")
    )
