"""The planner (participants.planning): which reminders, notices and prompts are due, for whom.

The reminders are written in bulk, in SQL; the texts they must carry are the ones the
one-by-one functions of participants.messages write for a single parent.
"""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from courses.models import Meeting
from courses.services import course_dates_refresh, course_save
from equalcity.models import Message, Role
from equalcity.sms import sms_length
from participants.messages import Event, event_drafts, meeting_drafts, reminder_sms
from participants.models import PlannerRun, Registration
from participants.offers import offer_accept
from participants.planning import (
    notify_meeting_change,
    plan_attendance_prompts,
    plan_meeting_changes,
    plan_meeting_reminders,
    plan_parent_messages,
    plan_registration_events,
)
from participants.services import (
    registration_cancel,
    registration_create,
    registration_set_reminders,
)
from tests.factories import CourseFactory, UserFactory
from tests.participants.conftest import parent

pytestmark = pytest.mark.django_db
SITE = "https://equalcity.example.se"


def register(course, municipality, number, **overrides):
    overrides.setdefault("needs_childcare", False)
    return registration_create(
        course_id=course.pk,
        municipality=municipality,
        **parent(phone=f"+4670555{number:04d}", **overrides),
    )


def fresh(registration):
    return Registration.objects.get(pk=registration.pk)


def meet(course, number, *, starts, hours=2):
    """Put a course's meeting at `starts` (as the schedule, or a move, leaves it)."""
    Meeting.objects.filter(course=course, number=number).update(
        starts_at=starts, ends_at=starts + dt.timedelta(hours=hours)
    )
    course_dates_refresh(course=course)
    return Meeting.objects.select_related("course__venue").get(course=course, number=number)


def link(registration):
    return f"{SITE}/r/{registration.link_token}/"


def reminder_to(registration):
    return Message.objects.get(kind="meeting_reminder", recipient_id=registration.pk)


@pytest.fixture
def other_course(goteborg, integrationscentrum, open_course):
    return CourseFactory(
        municipality=goteborg,
        organiser=integrationscentrum,
        capacity=10,
        registration_opens=open_course.registration_opens,
        registration_closes=open_course.registration_closes,
        first_date=open_course.first_date,
    )


def test_each_parent_gets_the_reminder_of_their_own_meeting_in_their_language(
    open_course, other_course, goteborg, settings
):
    settings.SITE_URL = SITE + "/"  # as an administrator may well write it
    people = {
        "sv": register(open_course, goteborg, 1, language="sv"),
        "en": register(open_course, goteborg, 2, language="en"),
        "so": register(other_course, goteborg, 3, language="so"),
        "en2": register(other_course, goteborg, 4, language="en"),
    }
    now = timezone.now()
    first = meet(open_course, 1, starts=now + dt.timedelta(hours=20))
    second = meet(other_course, 1, starts=now + dt.timedelta(hours=22, minutes=30))

    assert plan_meeting_reminders() == 4

    for registration, meeting in [
        (people["sv"], first),
        (people["en"], first),
        (people["so"], second),
        (people["en2"], second),
    ]:
        reminder = reminder_to(registration)
        with translation.override(registration.language):
            expected = reminder_sms(meeting, link=link(registration))
        assert link(registration) in expected, "Swedish, English and Somali have room for it"
        assert (reminder.body, reminder.channel, reminder.subject) == (expected, "sms", "")
        assert reminder.segments == sms_length(reminder.body).segments


def test_a_parent_who_chose_e_mail_gets_the_reminder_with_one_tap_answers(
    open_course, goteborg, settings
):
    settings.SITE_URL = SITE
    by_email = register(
        open_course, goteborg, 1, language="ar", channel="email", email="hodan@example.se"
    )
    by_sms = register(open_course, goteborg, 2, language="ar")
    meeting = meet(open_course, 1, starts=timezone.now() + dt.timedelta(hours=20))

    assert plan_meeting_reminders() == 2

    email = reminder_to(by_email)
    (one_by_one,) = meeting_drafts(meeting, [fresh(by_email)], kind="meeting_reminder")
    assert (email.channel, email.to_address) == ("email", "hodan@example.se")
    assert email.subject == one_by_one.subject and re.search(r"[\u0600-\u06FF]", email.subject)

    def lines(text):  # the bulk e-mail has no childcare paragraph, nor its blank line
        return [line for line in text.splitlines() if line.strip()]

    assert lines(email.body) == lines(one_by_one.body)
    assert f"{SITE}/r/{by_email.link_token}/" in email.body
    assert "\u2068" in email.body, "the Swedish address keeps its order in Arabic text"
    sms = reminder_to(by_sms)
    with translation.override("ar"):
        assert (sms.channel, sms.subject, sms.body) == (
            "sms",
            "",
            reminder_sms(meeting, link=link(by_sms)),
        )


def test_a_later_run_catches_a_new_seat_a_promotion_and_reminders_turned_back_on(
    open_course, goteborg
):
    # Each in a language of their own: a reminder due in one language is written for everyone
    # of that language on the course, so only then does each of them count.
    open_course.capacity = 2
    open_course.save()
    quiet = register(open_course, goteborg, 1, language="so")
    registration_set_reminders(registration_id=quiet.pk, enabled=False)
    leaving = register(open_course, goteborg, 2, language="en")
    waiting = register(open_course, goteborg, 3, language="ar")
    meet(open_course, 1, starts=timezone.now() + dt.timedelta(hours=20))
    assert plan_meeting_reminders() == 1

    registration_set_reminders(registration_id=quiet.pk, enabled=True)
    registration_cancel(registration_id=leaving.pk)
    offer_accept(registration_id=waiting.pk, source="link")
    open_course.capacity = 3
    course_save(course=open_course)
    newcomer = register(open_course, goteborg, 4, language="sv")
    assert newcomer.status == "confirmed"

    assert plan_meeting_reminders() == 3

    told = set(
        Message.objects.filter(kind="meeting_reminder").values_list("recipient_id", flat=True)
    )
    assert told == {leaving.pk, quiet.pk, waiting.pk, newcomer.pk}


def test_a_run_over_reminders_all_written_renders_nothing_even_without_a_record_of_the_last_run(
    open_course, goteborg
):
    for n in range(3):
        register(open_course, goteborg, n, language=["so", "ar", "ti"][n])
    meet(open_course, 1, starts=timezone.now() + dt.timedelta(hours=20))
    assert plan_meeting_reminders() == 3
    PlannerRun.objects.all().delete()  # a restored database, say: every meeting is looked at

    with CaptureQueriesContext(connection) as queries:
        assert plan_meeting_reminders() == 0

    # The meetings, the last run, who still lacks a reminder (nobody), marking the meetings and
    # recording the run, in savepoints: nothing is rendered, nothing written to the outbox.
    assert len(queries) <= 10


def test_a_moved_meeting_is_told_to_the_parents_of_its_course_who_had_their_seat_before(
    open_course, other_course, goteborg
):
    open_course.capacity = 2
    open_course.save()
    seated = register(open_course, goteborg, 1, language="sv")
    leaving = register(open_course, goteborg, 2, language="sv")
    waiting = register(open_course, goteborg, 3, language="sv")
    still_waiting = register(open_course, goteborg, 4, language="sv")
    cancelled = register(open_course, goteborg, 5, language="sv")
    registration_cancel(registration_id=cancelled.pk)
    elsewhere = register(other_course, goteborg, 6, language="sv")
    now = timezone.now()
    meeting = meet(open_course, 1, starts=now + dt.timedelta(hours=20))
    meet(other_course, 1, starts=now + dt.timedelta(hours=22))
    assert plan_meeting_reminders() == 3
    sent = reminder_to(leaving)
    Message.objects.filter(pk=sent.pk).update(status="sent")

    # The meeting moves an hour later; afterwards a seat frees up and the next in line takes
    # it: their confirmation carries the new time already.
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=meeting.starts_at + dt.timedelta(hours=1),
        ends_at=meeting.ends_at + dt.timedelta(hours=1),
        changed_at=now,
    )
    registration_cancel(registration_id=leaving.pk)
    offer_accept(registration_id=waiting.pk, source="sms")

    assert notify_meeting_change(meeting_id=meeting.pk) == 1

    told = Message.objects.filter(kind="meeting_moved").values_list("recipient_id", flat=True)
    assert list(told) == [seated.pk]
    assert fresh(still_waiting).status == "waitlisted"
    # The queued reminder for the old time is gone; the one already sent stays on record, and
    # the other course's reminder is untouched.
    reminders = set(
        Message.objects.filter(kind="meeting_reminder").values_list("recipient_id", "status")
    )
    assert reminders == {(leaving.pk, "sent"), (elsewhere.pk, "queued")}


def test_the_planner_does_not_tell_a_move_once_the_meeting_has_begun(open_course, goteborg):
    register(open_course, goteborg, 1)
    now = timezone.now()
    meeting = meet(open_course, 1, starts=now + dt.timedelta(hours=2))
    Meeting.objects.filter(pk=meeting.pk).update(changed_at=now)

    assert plan_meeting_changes(now=now + dt.timedelta(hours=3)) == 0
    assert plan_meeting_changes(now=now) == 1


def test_a_leader_is_prompted_only_for_a_meeting_just_held_with_parents_on_the_course(
    open_course, other_course, goteborg, integrationscentrum
):
    leader = UserFactory(role=(Role.Kind.COURSE_LEADER, integrationscentrum), language="sv")
    open_course.leaders.add(leader)
    other_course.leaders.add(leader)
    register(open_course, goteborg, 1)
    gone = register(other_course, goteborg, 2)
    registration_cancel(registration_id=gone.pk)
    now = timezone.now()
    held = meet(open_course, 1, starts=now - dt.timedelta(hours=5))
    cancelled = meet(open_course, 2, starts=now - dt.timedelta(hours=4))
    Meeting.objects.filter(pk=cancelled.pk).update(status=Meeting.Status.CANCELLED)
    meet(open_course, 3, starts=now - dt.timedelta(days=4))  # long past: no longer asked
    meet(other_course, 1, starts=now - dt.timedelta(hours=5))  # nobody left on the course

    assert plan_attendance_prompts() == 1

    (prompt,) = Message.objects.filter(kind="attendance_prompt")
    assert (prompt.about_id, prompt.to_address) == (held.pk, leader.email)


def test_the_safety_net_tells_a_parent_their_place_when_that_message_was_lost(
    open_course, goteborg
):
    open_course.capacity = 1
    open_course.save()
    register(open_course, goteborg, 1)
    first, second = (register(open_course, goteborg, n, language="so") for n in (2, 3))
    Message.objects.filter(recipient_id=second.pk, kind="registration_waitlisted").delete()

    assert plan_registration_events() == 1

    (told,) = Message.objects.filter(recipient_id=second.pk, kind="registration_waitlisted")
    (expected,) = event_drafts(fresh(second), Event.WAITLISTED, position=2)
    assert told.body == expected.body and "2" in told.body
    assert Message.objects.filter(recipient_id=first.pk).count() == 1


def test_the_safety_net_tells_of_seats_offered_when_the_capacity_was_raised(
    open_course, goteborg, goteborg_coordinator
):
    open_course.capacity = 1
    open_course.save()
    register(open_course, goteborg, 1)
    waiting = register(open_course, goteborg, 2, language="sv")
    on_the_phone = registration_create(
        course_id=open_course.pk,
        municipality=goteborg,
        registered_by=goteborg_coordinator,
        **parent(phone="031-367 91 64", needs_childcare=False),
    )

    open_course.capacity = 3
    course_save(course=open_course)  # the courses app offers the seats, and tells nobody

    assert (fresh(waiting).status, fresh(on_the_phone).status) == ("offered", "offered")
    assert plan_registration_events() == 1
    (offer,) = Message.objects.filter(kind="seat_offered")
    (expected,) = event_drafts(fresh(waiting), Event.OFFERED)
    assert (offer.recipient_id, offer.body) == (waiting.pk, expected.body)
    assert plan_registration_events() == 0


def test_the_safety_net_tells_a_lost_cancellation_but_never_the_end_of_an_offer(
    open_course, goteborg
):
    from participants.offers import offer_decline

    open_course.capacity = 1
    open_course.save()
    leaving = register(open_course, goteborg, 1)
    declining = register(open_course, goteborg, 2)
    register(open_course, goteborg, 3)
    registration_cancel(registration_id=leaving.pk)
    offer_decline(registration_id=declining.pk, source="sms")
    Message.objects.filter(kind="registration_cancelled").delete()

    assert plan_registration_events() == 1

    told = Message.objects.filter(kind="registration_cancelled").values_list("recipient_id")
    assert list(told) == [(leaving.pk,)]


def test_one_run_of_the_planner_does_what_is_due_at_its_moment(
    open_course, goteborg, integrationscentrum
):
    """The planner as at two days from now: the offer made today has run out, the meetings
    held by then are asked about, the next one is reminded of; what happened more than three
    days before that moment (a lost confirmation, a move) is no longer its business."""
    leader = UserFactory(role=(Role.Kind.COURSE_LEADER, integrationscentrum), language="sv")
    open_course.leaders.add(leader)
    open_course.capacity = 3
    open_course.save()
    now = timezone.now()
    early, late, leaving = (register(open_course, goteborg, n) for n in range(3))
    offered = register(open_course, goteborg, 3)
    registration_cancel(registration_id=leaving.pk)
    # `early` registered three days ago; `late`'s confirmation, two days ago, was lost.
    Registration.objects.filter(pk=early.pk).update(created_at=now - dt.timedelta(days=3))
    Registration.objects.filter(pk=late.pk).update(created_at=now - dt.timedelta(days=2))
    Message.objects.filter(recipient_id=late.pk, kind="registration_confirmed").delete()
    moved = meet(open_course, 1, starts=now + dt.timedelta(hours=30))
    Meeting.objects.filter(pk=moved.pk).update(changed_at=now - dt.timedelta(days=2))
    meet(open_course, 2, starts=now + dt.timedelta(hours=38))
    meet(open_course, 3, starts=now + dt.timedelta(hours=60))
    moment = now + dt.timedelta(hours=49)
    assert fresh(offered).offer_expires_at < moment

    report = plan_parent_messages(now=moment)

    assert report == {
        "offers": {"expired": 1, "offered": 0},
        "reminders": 2,
        "registration_events": 0,
        "meeting_changes": 0,
        "attendance_prompts": 2,
        "handed_over": Message.objects.count(),
    }
    assert not Message.objects.filter(enqueued_at=None).exists()


def test_where_two_sms_hold_it_an_arabic_or_tigrinya_reminder_carries_the_link_too(
    open_course, goteborg, settings
):
    """A right-to-left or Ethiopic SMS has 67 characters a segment: the link fits only with a
    short place and date. The bulk text is measured with the parent's link in it, as sent."""
    settings.SITE_URL = "https://e.se"
    open_course.venue.sms_address = "Hallen"
    open_course.venue.save()
    people = [
        register(open_course, goteborg, n, language=lang) for n, lang in [(1, "ar"), (2, "ti")]
    ]
    starts = timezone.make_aware(dt.datetime(2030, 3, 5, 17, 0))  # a date of known length
    meeting = meet(open_course, 1, starts=starts)

    assert plan_meeting_reminders(now=starts - dt.timedelta(hours=20)) == 2

    for registration in people:
        with translation.override(registration.language):
            expected = reminder_sms(meeting, link=f"https://e.se/r/{registration.link_token}/")
        assert registration.link_token in expected
        reminder = reminder_to(registration)
        assert (reminder.body, reminder.segments) == (expected, 2)


def test_no_reminder_for_a_cancelled_meeting_or_a_course_called_off(
    open_course, other_course, goteborg
):
    from courses.models import Course

    register(open_course, goteborg, 1)
    register(other_course, goteborg, 2)
    now = timezone.now()
    cancelled = meet(open_course, 1, starts=now + dt.timedelta(hours=20))
    Meeting.objects.filter(pk=cancelled.pk).update(status=Meeting.Status.CANCELLED)
    meet(other_course, 1, starts=now + dt.timedelta(hours=20))
    Course.objects.filter(pk=other_course.pk).update(status=Course.Status.CANCELLED)

    assert plan_meeting_reminders() == 0
    assert not Message.objects.filter(kind="meeting_reminder").exists()


def test_a_run_with_nothing_new_only_asks_who_changed_since_the_last(open_course, goteborg):
    for n in range(3):
        register(open_course, goteborg, n, language="so")
    meet(open_course, 1, starts=timezone.now() + dt.timedelta(hours=20))
    assert plan_meeting_reminders() == 3

    with CaptureQueriesContext(connection) as queries:
        assert plan_meeting_reminders() == 0

    # The meetings in the window, the last run, who changed since (nobody), and the record of
    # this run (read and updated, in a savepoint): no parent is looked at again.
    assert len(queries) == 7


def test_a_leaders_message_about_a_meeting_is_not_withdrawn_when_the_meeting_moves(
    open_course, goteborg
):
    from equalcity.outbox import Draft, messages_queue
    from equalcity.refs import Ref

    registration = register(open_course, goteborg, 1, language="sv")
    meeting = meet(open_course, 1, starts=timezone.now() + dt.timedelta(hours=20))
    messages_queue(
        [
            Draft(
                kind="course_broadcast",
                recipient=Ref.to(registration),
                about=Ref.to(meeting),
                stamp="k1",
                channel="sms",
                language="sv",
                to_address=registration.phone,
                body="Ta med er id-handling.",
            )
        ]
    )
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=meeting.starts_at + dt.timedelta(hours=1),
        ends_at=meeting.ends_at + dt.timedelta(hours=1),
        changed_at=timezone.now(),
    )

    assert notify_meeting_change(meeting_id=meeting.pk) == 1

    assert Message.objects.filter(kind="course_broadcast", status="queued").exists()


def test_attendance_prompts_ask_the_same_queries_for_one_meeting_or_many(
    goteborg, integrationscentrum, django_assert_num_queries
):
    leader = UserFactory(role=(Role.Kind.COURSE_LEADER, integrationscentrum), language="so")
    now = timezone.now()

    def held(count, offset):
        for n in range(count):
            course = CourseFactory(
                municipality=goteborg,
                organiser=integrationscentrum,
                capacity=5,
            )
            course.leaders.add(leader)
            register(course, goteborg, offset + n)
            meet(course, 1, starts=now - dt.timedelta(hours=4 + n))

    held(1, 0)
    with CaptureQueriesContext(connection) as one:
        assert plan_attendance_prompts() == 1
    held(4, 100)
    with django_assert_num_queries(len(one)):
        assert plan_attendance_prompts() == 5  # the first again: the database keeps one


def test_the_safety_net_asks_the_same_queries_for_5_or_50_lost_confirmations(
    goteborg, integrationscentrum
):
    course = CourseFactory(municipality=goteborg, organiser=integrationscentrum, capacity=100)

    def lost(start, count):
        for n in range(start, start + count):
            register(course, goteborg, n, language="so", channel="email", email=f"p{n}@ex.se")
        Message.objects.all().delete()

    lost(0, 5)
    with CaptureQueriesContext(connection) as few:
        assert plan_registration_events() == 5
    lost(5, 45)
    with CaptureQueriesContext(connection) as many:
        assert plan_registration_events() == 50

    def reads(context):
        return [q for q in context.captured_queries if q["sql"].startswith("SELECT")]

    assert len(reads(few)) == len(reads(many))
