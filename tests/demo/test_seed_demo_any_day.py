"""Whatever day seed_demo runs on, the demo is alive: something to register for in every
language, a meeting today for the demo leader with parents to mark, a training day open in the
coming weeks and one held with its summary, a workshop to book and a cluster meeting ahead.

One seeded database per day, shared by the tests of that day (seeding takes seconds)."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from courses.models import Meeting
from courses.scheduling import closed_days
from demo.seed.people import DEMO_LEADER
from equalcity.models import Organisation, User
from questionnaires.selectors import answered, meeting_phase, open_phase
from tests.demo.alive import (
    every_course_language,
    languages_open_for_registration,
    leaders_meetings_today,
    training_days_open_ahead,
    unmarked_parents,
)
from tests.demo.clock import clock_at
from trainings.models import ClusterMeeting, TrainingDay

DAYS = {
    "monday": dt.date(2026, 3, 2),
    # A Saturday that is also a public holiday (All Saints' Day), right after the autumn break.
    "all-saints-saturday": dt.date(2026, 10, 31),
    # Midsummer Eve, in the summer break (in 2027 midsummer is 25–26 June).
    "midsummer-eve": dt.date(2026, 6, 19),
    "christmas-eve": dt.date(2026, 12, 24),
}
# Each day costs a seeded demo (seconds): four days cover a weekday, a holiday on a weekend, a
# holiday in the summer break and one in the Christmas break. A sweep of 68 dates (every 11 days
# through 2026 and 2027) found the demo alive on each when this was written.

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", params=list(DAYS.values()), ids=list(DAYS))
def day(request, django_db_setup, django_db_blocker):
    """The demo seeded with the clock on the day; rolled back when the day's tests are done."""
    with django_db_blocker.unblock(), clock_at(request.param), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        yield request.param
        transaction.set_rollback(True)


def test_parents_can_register_for_a_course_in_every_language(day):
    assert languages_open_for_registration() == every_course_language()


def test_the_demo_leader_has_a_meeting_today_with_parents_to_mark(day, client):
    today = leaders_meetings_today()

    assert today, f"no meeting on {day} for the demo leader"
    meeting = today[0]
    assert unmarked_parents(meeting) == 3
    assert meeting.course.meetings.filter(starts_at__date__lt=day).count() == meeting.number - 1
    client.force_login(User.objects.get(email=DEMO_LEADER))
    page = client.get(reverse("participants:my_courses")).content.decode()
    sheet = reverse("participants:attendance_sheet", args=[meeting.pk])
    assert sheet in page
    sheet_page = client.get(sheet).content.decode()
    for registration in meeting.course.registrations.all():
        assert registration.first_name in sheet_page


def test_the_demo_leader_can_open_questionnaire_mode_at_a_meeting_parents_still_answer(day, client):
    leader = User.objects.get(email=DEMO_LEADER)
    meetings = [
        meeting
        for meeting in Meeting.objects.filter(course__leaders=leader).select_related("course")
        if meeting_phase(meeting) and meeting_phase(meeting) == open_phase(meeting.course)
    ]
    assert meetings, f"no first or last meeting on {day} whose parents can answer"
    meeting = meetings[0]
    client.force_login(leader)
    with translation.override("en"):
        sheet = reverse("participants:attendance_sheet", args=[meeting.pk])
        kiosk = reverse("questionnaires:open", args=[meeting.pk])
    assert kiosk in client.get(sheet).content.decode()
    assert "Start questionnaire mode" in client.get(kiosk).content.decode()
    unanswered = meeting.course.registrations.filter(status="confirmed").count() - len(
        answered(list(meeting.course.registrations.all()), meeting_phase(meeting))
    )
    assert unanswered > 0, "parents left to answer"


def test_the_leaders_meeting_is_only_moved_when_the_course_cannot_meet_today(day):
    meeting = leaders_meetings_today()[0]
    closed = closed_days(municipality_id=meeting.course.municipality_id, first=day, last=day)

    if day in closed:
        assert meeting.moved_from is not None and meeting.change_reason
    else:
        assert meeting.moved_from is None, "laid out on today by the scheduler"


def test_staff_find_a_training_day_open_soon_and_one_held_with_its_summary(day):
    open_days = training_days_open_ahead()
    held = TrainingDay.objects.filter(date__lt=day, status=TrainingDay.Status.HELD)

    assert open_days and all(d.registration_deadline >= day for d in open_days)
    assert any(d.summary_sv and d.summary_en and d.key_points_sv for d in held)
    assert all(d.date.weekday() < 5 for d in TrainingDay.objects.all())


def test_molndal_has_its_workshop_to_book_and_a_cluster_meeting_ahead(day, client):
    molndal = Organisation.objects.get(slug="molndal")
    ahead = ClusterMeeting.objects.filter(
        municipalities=molndal, status=ClusterMeeting.Status.PLANNED, date__gt=day
    )
    assert ahead.exists()

    client.force_login(User.objects.get(email="molndal@demo.equalcity.se"))
    page = client.get(reverse("trainings:documents")).content.decode()
    assert reverse("trainings:workshops") in page
    assert timezone.localdate() == day
