"""Writes for registrations and attendance: register, cancel, record attendance, add a walk-in,
note a follow-up. Seats and queue come from equalcity.capacity. Each attendance write checks
its caller's permission itself (Wagtail's `check()` before `execute()`), so a task, a shell or
a view that forgets to ask cannot skip it."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Course, Meeting
from courses.services import course_fill_refresh
from equalcity import course_figures
from equalcity.capacity import enrolment_cancel, seat_take, seats_taken
from equalcity.models import Organisation, User
from participants.models import Attendance, Registration
from participants.notifications import Event, registration_notify
from participants.offers import offers_notify
from participants.selectors.attendance import CONFIRMED, confirmed_participants, may_record
from participants.selectors.registrations import (
    ACTIVE,
    may_see_follow_up,
    registration_closed_reason,
)


@transaction.atomic
def registration_create(
    *,
    course_id: int,
    first_name: str,
    last_name: str,
    phone: str,
    email: str = "",
    municipality: Organisation | None,
    children_0_5: int = 0,
    children_6_12: int = 0,
    children_13_17: int = 0,
    needs_childcare: bool = False,
    needs_accessibility: bool = False,
    needs_note: str = "",
    needs_note_consent: bool = False,
    referral: str = "",
    channel: str = Registration.Channel.SMS,
    language: str,
    registered_by: User | None = None,
) -> Registration:
    """Register a parent: a seat if one is free, otherwise the next place in the queue.

    The course row is locked for the whole transaction, so fifty parents pressing "send" at
    once are served one after the other and the course never takes more than its seats.
    """
    course = Course.objects.select_for_update().select_related("municipality").get(pk=course_id)
    closed = registration_closed_reason(course=course)
    if closed:
        raise ValidationError(closed, code="closed")
    if (
        course.eligibility == Course.Eligibility.MUNICIPALITY
        and municipality != course.municipality
    ):
        raise ValidationError(
            {
                "municipality": _(
                    "This course is for people who live in %(municipality)s. The "
                    "courses in Göteborg are open to parents from the whole region."
                )
                % {"municipality": course.municipality.name}
            },
            code="not_eligible",
        )
    if phone and course.registrations.filter(phone=phone, status__in=ACTIVE).exists():
        raise ValidationError(
            {
                "phone": _(
                    "You are already registered for this course with this phone number. "
                    "Use the personal link in your confirmation to see or change your "
                    "registration."
                )
            },
            code="duplicate",
        )
    registration = Registration(
        course=course,
        first_name=first_name,
        last_name=last_name,
        phone=phone,
        email=email,
        municipality=municipality,
        children_0_5=children_0_5,
        children_6_12=children_6_12,
        children_13_17=children_13_17,
        needs_childcare=needs_childcare,
        needs_accessibility=needs_accessibility,
        needs_note=needs_note if needs_note_consent else "",
        needs_note_consent=needs_note_consent and bool(needs_note),
        referral=referral,
        channel=channel,
        language=language,
        registered_by=registered_by,
    )
    seat_take(enrolment=registration)
    registration.full_clean()
    registration.save()
    course_fill_refresh(course=course)
    registration_notify(
        registration=registration,
        event=Event.CONFIRMED
        if registration.status == Registration.Status.CONFIRMED
        else Event.WAITLISTED,
    )
    return registration


@transaction.atomic
def registration_cancel(*, registration_id: int) -> list[Registration]:
    """Cancel a registration; a freed seat is offered to the next in line. Returns the offers.

    Cancelling twice is harmless: the second call finds nothing active and does nothing.
    """
    course_id = Registration.objects.values_list("course_id", flat=True).get(pk=registration_id)
    course = Course.objects.select_for_update().get(pk=course_id)
    registration = Registration.objects.get(pk=registration_id)
    if not registration.is_active:
        return []
    registration.course = course  # the locked row
    offered = enrolment_cancel(enrolment=registration)
    course_fill_refresh(course=course)
    registration_notify(registration=registration, event=Event.CANCELLED)
    offers_notify(offered)
    return offered


def registration_set_reminders(*, registration_id: int, enabled: bool) -> None:
    """The parent turns reminders before each meeting on or off (from their personal link)."""
    Registration.objects.filter(pk=registration_id).exclude(reminders=enabled).update(
        reminders=enabled, reminders_changed_at=timezone.now()
    )


def _require_recorder(*, user: User, course: Course) -> None:
    """Attendance is recorded by the course's own leaders and the coordinators in scope."""
    if not may_record(user=user, course=course):
        raise PermissionDenied


def attendance_record(
    *, meeting: Meeting, registration_id: int, status: str, by: User
) -> Attendance:
    """Record one tap. Tapping again changes the mark; two taps at once keep the last."""
    _require_recorder(user=by, course=meeting.course)
    return _attendance_save(meeting=meeting, registration_id=registration_id, status=status, by=by)


def _attendance_save(
    *, meeting: Meeting, registration_id: int, status: str, by: User
) -> Attendance:
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


def attendance_mark_everyone_present(*, meeting: Meeting, by: User) -> int:
    """One tap at the start of a meeting: everyone not yet marked is marked present, recorded
    by this staff member like any tap; marks already made stay. The leader then changes the
    exceptions. Returns how many were marked."""
    _require_recorder(user=by, course=meeting.course)
    unmarked = confirmed_participants(meeting.course).exclude(attendances__meeting=meeting)
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


def attendance_record_changes(
    *, marks: Iterable[tuple[Meeting, int, str | None, str | None]], by: User
) -> int:
    """Save a whole form of marks (the sheet without JavaScript, the paper list in the matrix):
    `marks` are (meeting, registration id, recorded status, submitted status); only the ones
    that change are written. The permission is checked once per course, not per mark."""
    marks = list(marks)
    for course in {meeting.course_id: meeting.course for meeting, *_rest in marks}.values():
        _require_recorder(user=by, course=course)
    changed = 0
    for meeting, registration_id, recorded, submitted in marks:
        if submitted in Attendance.Status.values and submitted != recorded:
            _attendance_save(
                meeting=meeting, registration_id=registration_id, status=submitted, by=by
            )
            changed += 1
    return changed


@transaction.atomic
def walk_in_add(
    *, meeting: Meeting, first_name: str, last_name: str, phone: str = "", by: User
) -> tuple[Registration, bool]:
    """A parent who came without registering joins the course and this meeting. Over capacity
    is allowed; the second value says so, for a warning."""
    _require_recorder(user=by, course=meeting.course)
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


def follow_up_note_save(*, registration: Registration, note: str, by: User) -> None:
    """Only those who may read follow-up notes (participants.selectors.registrations.
    may_see_follow_up) write them."""
    if not may_see_follow_up(user=by, course=registration.course):
        raise PermissionDenied
    registration.follow_up_note = note
    registration.follow_up_by = by
    registration.follow_up_at = timezone.now()
    registration.save(update_fields=["follow_up_note", "follow_up_by", "follow_up_at"])
