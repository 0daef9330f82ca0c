"""Progress toward the certificate, and who risks not completing: the list a course leader calls.

A parent completes a course by attending the programme's threshold of meetings (the number the
certificates use). The leader should call a parent while the course still runs when

- the parent's last two recorded meetings were both missed (absent or excused), or
- the parent can no longer reach the threshold with the meetings that are left.

A parent who has completed is never on the list, nor is anyone once the course has no meeting
left: there is nothing left to call about.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from courses.models import Course, Meeting
from equalcity.models import User
from participants.models import Attendance, Registration
from participants.selectors.attendance import ATTENDED, CONFIRMED

ABSENCES_IN_A_ROW = 2


@dataclass(frozen=True)
class Risk:
    """Why a parent may not complete: one or both reasons."""

    absent_in_a_row: bool
    cannot_complete: bool

    def __bool__(self) -> bool:
        return self.absent_in_a_row or self.cannot_complete


def completion_risk(*, marks: Sequence[str | None], threshold: int, remaining: int) -> Risk:
    """The rule, on plain values. `marks` are the parent's marks at the meetings held so far, in
    meeting order (None where nothing was recorded); `remaining` counts the meetings left."""
    attended = sum(1 for mark in marks if mark in ATTENDED)
    if attended >= threshold or remaining == 0:
        return Risk(absent_in_a_row=False, cannot_complete=False)
    recorded = [mark for mark in marks if mark is not None]
    latest = recorded[-ABSENCES_IN_A_ROW:]
    return Risk(
        absent_in_a_row=len(latest) == ABSENCES_IN_A_ROW
        and not any(mark in ATTENDED for mark in latest),
        cannot_complete=attended + remaining < threshold,
    )


@dataclass
class Progress:
    """One parent's way toward the certificate."""

    registration: Registration
    attended: int
    threshold: int
    total: int
    remaining: int
    risk: Risk
    # (meeting, status or None), every meeting
    marks: list[tuple[Meeting, str | None]] = field(default_factory=list)

    @property
    def completed(self) -> bool:
        return self.attended >= self.threshold


def _meetings_by_course(
    course_ids: QuerySet[Course, Any] | list[int], now: dt.datetime
) -> defaultdict[int, list[Meeting]]:
    """`course_ids`: the ids, or a query for them (its rows' shape does not matter: a subquery)."""
    meetings: defaultdict[int, list[Meeting]] = defaultdict(list)
    for meeting in (
        Meeting.objects.filter(course__in=course_ids)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("course_id", "number")
    ):
        meetings[meeting.course_id].append(meeting)
    return meetings


def _progress(
    registration: Registration,
    meetings: list[Meeting],
    statuses: Mapping[int, str],
    now: dt.datetime,
) -> Progress:
    held = [m for m in meetings if m.starts_at <= now]
    remaining = len(meetings) - len(held)
    threshold = registration.course.programme.completion_threshold
    held_marks = [statuses.get(m.pk) for m in held]
    return Progress(
        registration=registration,
        attended=sum(1 for status in statuses.values() if status in ATTENDED),
        threshold=threshold,
        total=len(meetings),
        remaining=remaining,
        risk=completion_risk(marks=held_marks, threshold=threshold, remaining=remaining),
        marks=[(m, statuses.get(m.pk)) for m in meetings],
    )


def completion_at_risk(*, courses: QuerySet[Course]) -> list[Progress]:
    """The parents to call in these courses (a queryset), by course and name. Three queries,
    however many courses and parents."""
    now = timezone.now()
    course_ids = courses.values("pk")
    meetings = _meetings_by_course(course_ids, now)
    registrations = (
        Registration.objects.filter(course__in=course_ids, status=CONFIRMED)
        .select_related("course__programme", "course__language")
        .order_by("course__first_date", "course_id", "last_name", "first_name", "pk")
    )
    statuses: defaultdict[int, dict[int, str]] = defaultdict(dict)
    for registration_id, meeting_id, status in Attendance.objects.filter(
        registration__course__in=course_ids,
        registration__status=CONFIRMED,
        meeting__status=Meeting.Status.SCHEDULED,
    ).values_list("registration_id", "meeting_id", "status"):
        statuses[registration_id][meeting_id] = status
    found: list[Progress] = []
    for registration in registrations:
        progress = _progress(
            registration, meetings[registration.course_id], statuses[registration.pk], now
        )
        if progress.risk:
            found.append(progress)
    return found


def registration_progress(*, registration: Registration) -> Progress:
    """Attended / needed, each meeting's mark, and whether completion is at risk."""
    now = timezone.now()
    meetings = _meetings_by_course([registration.course_id], now)[registration.course_id]
    statuses = dict(
        registration.attendances.filter(meeting__status=Meeting.Status.SCHEDULED).values_list(
            "meeting_id", "status"
        )
    )
    return _progress(registration, meetings, statuses, now)


def courses_led(*, user: User) -> QuerySet[Course]:
    """The running courses a leader leads: the ones whose parents they may need to call."""
    return Course.objects.filter(leaders=user).exclude(
        status__in=[Course.Status.CANCELLED, Course.Status.DRAFT]
    )
