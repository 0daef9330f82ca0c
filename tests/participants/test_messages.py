import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from courses.models import Meeting
from courses.services import meeting_cancel, meeting_move
from equalcity.models import Message
from equalcity.outbox import message_send
from equalcity.tasks import send_message
from participants.messages import reminder_sms
from participants.models import PlannerRun, Registration
from participants.planning import plan_meeting_reminders, plan_parent_messages
from participants.services import (
    registration_cancel,
    registration_create,
    registration_set_reminders,
)
from tests.factories import CourseFactory
from tests.participants.conftest import parent

pytestmark = pytest.mark.django_db
LANGUAGES = ["sv", "en", "ar", "fa-af", "so", "ti"]
ETHIOPIC = re.compile(r"[\u1200-\u137F]")


def register(course, municipality, number, **overrides):
    return registration_create(
        course_id=course.pk,
        municipality=municipality,
        **parent(phone=f"+4670444{number:04d}", **overrides),
    )


def test_a_registration_queues_its_confirmation_in_the_parents_language(open_course, goteborg):
    registration = register(open_course, goteborg, 1, language="ti")

    message = Message.objects.get(kind="registration_confirmed")
    assert (message.kind, message.channel, message.language, message.to_address) == (
        "registration_confirmed",
        "sms",
        "ti",
        "+46704440001",
    )
    assert ETHIOPIC.search(message.body)
    assert f"/r/{registration.link_token}/" in message.body and message.segments <= 2
    # The parent asked for childcare; the course has none: they are told so, with whom to call.
    childcare = Message.objects.get(kind="registration_childcare")
    assert ETHIOPIC.search(childcare.body) and "031-367 91 64" in childcare.body


def test_queue_news_offer_and_cancellation_are_told(open_course, goteborg):
    open_course.capacity = 1
    open_course.save()
    seated = register(open_course, goteborg, 1, language="sv", needs_childcare=False)
    waiting = register(open_course, goteborg, 2, language="ar", needs_childcare=False)

    registration_cancel(registration_id=seated.pk)

    kinds = {(m.recipient_id, m.kind) for m in Message.objects.all()}
    assert kinds == {
        (seated.pk, "registration_confirmed"),
        (waiting.pk, "registration_waitlisted"),
        (seated.pk, "registration_cancelled"),
        (waiting.pk, "seat_offered"),
    }
    waitlisted = Message.objects.get(kind="registration_waitlisted")
    assert "١" in waitlisted.body and re.search(r"[\u0600-\u06FF]", waitlisted.body)
    # The offer is in Arabic, with the personal link.
    offer = Message.objects.get(kind="seat_offered")
    assert re.search(r"[\u0600-\u06FF]", offer.body) and waiting.link_token in offer.body


def test_a_parent_who_chose_e_mail_gets_e_mail(open_course, goteborg):
    register(open_course, goteborg, 1, channel="email", email="hodan@example.se", language="so")

    message = Message.objects.get()
    assert (message.channel, message.to_address) == ("email", "hodan@example.se")
    assert message.subject and "Integrationscentrum" in message.body


@pytest.fixture
def meeting_tomorrow(open_course):
    meeting = open_course.meetings.get(number=1)
    starts = timezone.now() + dt.timedelta(hours=20)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=starts, ends_at=starts + dt.timedelta(minutes=150)
    )
    meeting.refresh_from_db()
    return meeting


def test_one_reminder_per_parent_per_meeting_however_often_the_planner_runs(
    open_course, goteborg, meeting_tomorrow, settings, tmp_path
):
    settings.SITE_URL = "https://equalcity.example.se"
    settings.SMS_BACKEND = "file"
    settings.SMS_FILE_PATH = tmp_path
    people = [
        register(open_course, goteborg, n, language=lang)
        for n, lang in enumerate(["ti", "ar", "sv"])
    ]
    people[2].reminders = False
    people[2].save()

    assert plan_meeting_reminders() == 2
    assert plan_meeting_reminders() == 0
    plan_parent_messages()

    reminders = Message.objects.filter(kind="meeting_reminder").order_by("language")
    assert [r.language for r in reminders] == ["ar", "ti"]
    for reminder in reminders:
        assert send_message.apply(args=[reminder.pk]).get() == "sent"
        assert send_message.apply(args=[reminder.pk]).get() == "skipped"  # a forced retry
    assert len(list(tmp_path.glob("*.json"))) == 2
    tigrinya = reminders.get(language="ti")
    with translation.override("ti"):
        link = f"{settings.SITE_URL}/r/{people[0].link_token}/"
        assert tigrinya.body == reminder_sms(meeting_tomorrow, link=link)


def test_a_moved_meeting_sends_a_notice_and_the_reminder_uses_the_new_time(
    open_course, goteborg, meeting_tomorrow, django_capture_on_commit_callbacks
):
    register(open_course, goteborg, 1, language="sv")
    plan_meeting_reminders()
    old = Message.objects.get(kind="meeting_reminder")
    new_start = timezone.localtime(meeting_tomorrow.starts_at + dt.timedelta(hours=3))

    with django_capture_on_commit_callbacks(execute=False):
        meeting_move(meeting=meeting_tomorrow, starts_at=new_start, reason="Lokalen")
    plan_parent_messages()

    notice = Message.objects.get(kind="meeting_moved")
    assert f"{new_start:%H:%M}" in notice.body
    assert not Message.objects.filter(pk=old.pk).exists(), "the reminder for the old time is gone"
    reminder = Message.objects.get(kind="meeting_reminder")
    assert f"{new_start:%H:%M}" in reminder.body


def test_a_reminder_already_sent_is_not_withdrawn_and_a_cancelled_meeting_is_told(
    open_course, goteborg, meeting_tomorrow, django_capture_on_commit_callbacks
):
    register(open_course, goteborg, 1, language="en")
    plan_meeting_reminders()
    sent = Message.objects.get(kind="meeting_reminder")
    message_send(sent.pk)

    with django_capture_on_commit_callbacks(execute=False):
        meeting_cancel(meeting=meeting_tomorrow, reason="Sjuk")
    plan_parent_messages()

    assert Message.objects.filter(pk=sent.pk, status="sent").exists()
    cancelled = Message.objects.get(kind="meeting_cancelled")
    assert "cancelled" in cancelled.body
    assert plan_meeting_reminders() == 0


def test_a_cancelled_meeting_is_told_at_once_through_the_courses_hook(
    open_course, goteborg, meeting_tomorrow, django_capture_on_commit_callbacks, monkeypatch
):
    """Without the planner: courses.hooks calls the receiver participants registered, whose
    task (run here in the process, as a worker would) queues the notice."""
    from equalcity.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)
    register(open_course, goteborg, 1, language="en")

    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(meeting=meeting_tomorrow, reason="Sjuk")

    cancelled = Message.objects.get(kind="meeting_cancelled")
    assert "cancelled" in cancelled.body


def test_the_planner_makes_the_same_queries_for_5_or_50_registrations(
    goteborg, integrationscentrum, django_assert_num_queries
):
    today = timezone.localdate()

    def course_with(count, offset):
        course = CourseFactory(
            municipality=goteborg,
            organiser=integrationscentrum,
            capacity=100,
            registration_opens=today - dt.timedelta(days=3),
            registration_closes=today + dt.timedelta(days=20),
            first_date=today + dt.timedelta(days=30),
        )
        starts = timezone.now() + dt.timedelta(hours=5 + offset)
        Meeting.objects.filter(course=course, number=1).update(
            starts_at=starts, ends_at=starts + dt.timedelta(hours=2)
        )
        for n in range(count):
            registration_create(
                course_id=course.pk,
                municipality=goteborg,
                **parent(phone=f"+46705{offset}{n:05d}", language="so"),
            )
        return course

    course_with(5, 1)
    with CaptureQueriesContext(connection) as few:
        assert plan_meeting_reminders() == 5
    # The same first run again, over ten times the parents.
    Message.objects.filter(kind="meeting_reminder").delete()
    Meeting.objects.update(reminders_planned_for="")
    PlannerRun.objects.all().delete()
    course_with(45, 2)
    with django_assert_num_queries(len(few)):
        assert plan_meeting_reminders() == 50


def test_a_second_run_looks_only_at_what_changed_and_still_catches_a_late_seat(
    open_course, goteborg, meeting_tomorrow
):
    for n in range(3):
        register(open_course, goteborg, n, language="so", needs_childcare=False)
    assert plan_meeting_reminders() == 3
    with CaptureQueriesContext(connection) as nothing_new:
        assert plan_meeting_reminders() == 0
    # Nothing is rendered or inserted: the meetings, the last run, who changed, the bookkeeping.
    assert len(nothing_new) <= 8

    late = register(open_course, goteborg, 9, language="ti", needs_childcare=False)
    registration_set_reminders(registration_id=late.pk, enabled=False)
    registration_set_reminders(registration_id=late.pk, enabled=True)
    assert plan_meeting_reminders() == 1
    assert Message.objects.filter(kind="meeting_reminder", recipient_id=late.pk).count() == 1


def test_a_leader_is_prompted_once_when_a_meeting_ended_without_attendance(
    open_course, goteborg, integrationscentrum
):
    from equalcity.models import Role
    from participants.models import Attendance
    from participants.planning import plan_attendance_prompts
    from tests.factories import UserFactory

    leader = UserFactory(role=(Role.Kind.COURSE_LEADER, integrationscentrum), language="ar")
    open_course.leaders.add(leader)
    registration = register(open_course, goteborg, 1)
    first, second = open_course.meetings.filter(number__in=[1, 2]).order_by("number")
    for meeting, hours_ago in ((first, 30), (second, 5)):
        starts = timezone.now() - dt.timedelta(hours=hours_ago)
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=starts, ends_at=starts + dt.timedelta(hours=2)
        )
    Attendance.objects.create(registration=registration, meeting=first, status="present")

    assert plan_attendance_prompts() == 1
    assert plan_attendance_prompts() == 1  # offered again, the database keeps one

    (prompt,) = Message.objects.filter(kind="attendance_prompt")
    assert (prompt.to_address, prompt.language, prompt.channel) == (leader.email, "ar", "email")
    assert (prompt.about_type, prompt.about_id) == ("courses.meeting", second.pk)
    assert f"/ar/staff/meetings/{second.pk}/attendance/" in prompt.body


def test_a_parent_who_registers_after_a_meeting_was_cancelled_is_not_told_of_it(
    open_course, goteborg, django_capture_on_commit_callbacks
):
    early = register(open_course, goteborg, 1, language="sv", needs_childcare=False)
    fifth = open_course.meetings.get(number=5)
    with django_capture_on_commit_callbacks(execute=False):
        meeting_cancel(meeting=fifth, reason="Lokalen är upptagen")
    late = register(open_course, goteborg, 2, language="sv", needs_childcare=False)
    plan_parent_messages()  # the safety net runs too

    told = set(
        Message.objects.filter(kind="meeting_cancelled").values_list("recipient_id", flat=True)
    )
    assert told == {early.pk}
    assert late.pk not in told


def test_erasure_reaches_the_reminders_the_planner_wrote_in_sql(
    open_course, goteborg, meeting_tomorrow, goteborg_coordinator
):
    from participants.privacy import registration_erase

    registration = register(open_course, goteborg, 1, language="ar")
    assert plan_meeting_reminders() == 1
    reminder = Message.objects.get(kind="meeting_reminder")
    assert reminder.body and reminder.recipient_id == registration.pk

    registration_erase(registration=registration, actor=goteborg_coordinator, reason="Begäran")

    reminder.refresh_from_db()
    assert (reminder.to_address, reminder.body) == ("", "")
    assert not Message.objects.filter(recipient_id=registration.pk).exclude(body="").exists()


def test_the_safety_net_asks_the_same_queries_for_5_or_50_waiting_parents(open_course, goteborg):
    from equalcity.models import Message as Sent
    from participants.planning import plan_registration_events

    open_course.capacity = 1
    open_course.save()

    def queue(start, count):
        for n in range(start, start + count):
            register(open_course, goteborg, n, language="so", needs_childcare=False)
        Sent.objects.all().delete()  # as if the messages had never been queued

    queue(0, 5)
    with CaptureQueriesContext(connection) as few:
        assert plan_registration_events() == 5
    queue(5, 45)
    Sent.objects.all().delete()
    with CaptureQueriesContext(connection) as many:
        assert plan_registration_events() == 50

    def reads(context):  # the inserts come in batches as the database allows; reads must not grow
        return [q for q in context.captured_queries if q["sql"].startswith("SELECT")]

    assert len(reads(few)) == len(reads(many))
    # The queue places are right, counted in one query for everyone.
    tenth = Sent.objects.get(recipient_id=Registration.objects.get(phone="+46704440010").pk)
    assert "10" in tenth.body or "١٠" in tenth.body
    with CaptureQueriesContext(connection) as again:
        assert plan_registration_events() == 0
    # One query per kind of news (confirmed, waitlisted, promoted, cancelled, offered).
    assert len(again) <= 5, "told already: nothing is rendered"
