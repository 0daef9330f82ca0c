"""Actions refuse a user out of scope themselves, whoever calls them: a task, a shell, a new
view that forgets its decorator (Wagtail's `check()` before `execute()`)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from equalcity.models import Message, Role
from equalcity.outbox import message_retry
from participants.models import Attendance
from participants.privacy import registration_erase
from participants.services import (
    attendance_mark_everyone_present,
    attendance_record,
    attendance_record_changes,
    follow_up_note_save,
    registration_create,
    walk_in_add,
)
from tests.factories import UserFactory, VenueFactory
from tests.participants.conftest import parent
from trainings.models import ClusterMeeting, TrainingDay
from trainings.services import cluster_meeting_record, training_day_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def registration(open_course, goteborg):
    return registration_create(course_id=open_course.pk, municipality=goteborg, **parent())


def test_only_a_coordinator_of_the_course_may_erase_a_parent(
    registration, molndal_coordinator, goteborg_coordinator
):
    with pytest.raises(PermissionDenied):
        registration_erase(registration=registration, actor=molndal_coordinator, reason="Begäran")
    registration.refresh_from_db()
    assert (registration.anonymised_at, registration.first_name) == (None, "Yonas")

    registration_erase(registration=registration, actor=goteborg_coordinator, reason="Begäran")
    registration.refresh_from_db()
    assert registration.anonymised_at is not None and registration.first_name != "Yonas"


def test_only_the_courses_leaders_and_coordinators_record_its_attendance(
    registration, open_course, integrationscentrum, molndal_coordinator, goteborg_coordinator
):
    """Called without the sheet's view, the attendance writes refuse another course's leader
    and a coordinator of another municipality, and write nothing for them."""
    meeting = open_course.meetings.get(number=1)
    leader, other_courses_leader = (
        UserFactory(role=(Role.Kind.COURSE_LEADER, integrationscentrum)) for _ in range(2)
    )
    open_course.leaders.add(leader)
    mark = (meeting, registration.pk, None, Attendance.Status.PRESENT)

    for outsider in (other_courses_leader, molndal_coordinator):
        with pytest.raises(PermissionDenied):
            attendance_record(
                meeting=meeting, registration_id=registration.pk, status="present", by=outsider
            )
        with pytest.raises(PermissionDenied):
            attendance_record_changes(marks=[mark], by=outsider)
        with pytest.raises(PermissionDenied):
            attendance_mark_everyone_present(meeting=meeting, by=outsider)
        with pytest.raises(PermissionDenied):
            walk_in_add(meeting=meeting, first_name="Sahra", last_name="Warsame", by=outsider)
        with pytest.raises(PermissionDenied):
            follow_up_note_save(registration=registration, note="Ring henne", by=outsider)
    assert not Attendance.objects.exists()
    assert not open_course.registrations.filter(walk_in=True).exists()
    registration.refresh_from_db()
    assert registration.follow_up_note == ""

    assert attendance_record_changes(marks=[mark], by=leader) == 1
    attendance_record(
        meeting=meeting, registration_id=registration.pk, status="late", by=goteborg_coordinator
    )
    follow_up_note_save(registration=registration, note="Ring henne", by=leader)
    assert Attendance.objects.get().status == Attendance.Status.LATE
    registration.refresh_from_db()
    assert (registration.follow_up_note, registration.follow_up_by) == ("Ring henne", leader)


def test_only_a_coordinator_who_sees_a_failed_message_may_send_it_again(
    registration, molndal_coordinator, goteborg_coordinator, regional_coordinator
):
    failed = Message.objects.get(kind="registration_confirmed", recipient_id=registration.pk)
    Message.objects.filter(pk=failed.pk).update(status=Message.Status.FAILED)

    with pytest.raises(PermissionDenied):
        message_retry(user=molndal_coordinator, message=failed)
    failed.refresh_from_db()
    assert failed.status == Message.Status.FAILED

    assert message_retry(user=goteborg_coordinator, message=failed).status == "queued"
    Message.objects.filter(pk=failed.pk).update(status=Message.Status.FAILED)
    assert message_retry(user=regional_coordinator, message=failed).status == "queued"


def test_only_gr_plans_a_training_day_or_records_a_cluster_meeting(
    region, goteborg, goteborg_coordinator, regional_coordinator
):
    venue = VenueFactory(municipality=goteborg)
    date = timezone.localdate() + dt.timedelta(days=30)
    day = TrainingDay(
        organiser=region,
        title="Att arbeta med tolk",
        date=date,
        starts_at=dt.time(9),
        ends_at=dt.time(16),
        venue=venue,
        registration_deadline=date - dt.timedelta(days=7),
    )
    meeting = ClusterMeeting.objects.create(
        date=date, starts_at=dt.time(13), ends_at=dt.time(16), venue=venue
    )

    with pytest.raises(PermissionDenied):
        training_day_save(user=goteborg_coordinator, day=day)
    with pytest.raises(PermissionDenied):
        cluster_meeting_record(
            user=goteborg_coordinator, meeting=meeting, attendees=[], minutes="Inget"
        )
    assert not TrainingDay.objects.exists()
    meeting.refresh_from_db()
    assert (meeting.status, meeting.minutes) == (ClusterMeeting.Status.PLANNED, "")

    assert training_day_save(user=regional_coordinator, day=day).pk is not None
