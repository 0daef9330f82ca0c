"""Parents answer by SMS: "1"/"2" for the next meeting, STOP, free text for the course's staff;
and the same answers by one tap from the e-mail and the personal-link page."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from equalcity.models import InboundMessage, Message, Role
from equalcity.outbox import messages_queue
from participants.messages import meeting_drafts
from participants.models import MeetingAnswer, Registration
from participants.privacy import registration_erase, registration_export
from participants.services import registration_create
from tests.factories import CourseFactory, UserFactory
from tests.outbox import deliver_queued
from tests.participants.conftest import parent
from tests.two_step import TwoStepClient

pytestmark = pytest.mark.django_db
SECRET = "s3cret-path"
OUR_NUMBER = "+46766860000"
ARABIC = re.compile(r"[\u0600-\u06FF]")


@pytest.fixture(autouse=True)
def _sms(settings, tmp_path):
    settings.ELKS_WEBHOOK_SECRET = SECRET
    settings.ELKS_NUMBERS = [OUR_NUMBER]
    settings.SMS_BACKEND = "file"
    settings.SMS_FILE_PATH = tmp_path


def course(goteborg, integrationscentrum, *, leaders=(), days=35, municipality=None):
    today = timezone.localdate()
    return CourseFactory(
        municipality=municipality or goteborg,
        organiser=integrationscentrum,
        registration_opens=today - dt.timedelta(days=7),
        registration_closes=today + dt.timedelta(days=days - 7),
        first_date=today + dt.timedelta(days=days),
        leaders=list(leaders),
    )


def register(course, phone="+46701230001", **overrides):
    return registration_create(
        course_id=course.pk,
        municipality=course.municipality,
        **parent(phone=phone, needs_childcare=False, **overrides),
    )


def remind(registration, number=1):
    """The reminder of one of the course's meetings, sent (with whatever else was queued)."""
    meeting = registration.course.meetings.get(number=number)
    messages_queue(meeting_drafts(meeting, [registration], kind="meeting_reminder"))
    deliver_queued()
    return meeting


def reply(client, text, *, sender="+46701230001", provider_id=None, **fields):
    data = {
        "id": provider_id or f"s{abs(hash((sender, text, timezone.now())))}",
        "from": sender,
        "to": OUR_NUMBER,
        "message": text,
        "created": "2027-02-05 09:21:03.123456",
        **fields,
    }
    return client.post(reverse("elks_inbound", kwargs={"secret": SECRET}), data)


def test_an_arabic_one_marks_the_parent_coming_and_thanks_them_in_arabic(
    client, goteborg, integrationscentrum
):
    registration = register(course(goteborg, integrationscentrum), language="ar")
    meeting = remind(registration)

    response = reply(client, "١")

    assert (response.status_code, response.content) == (200, b"")
    answer = MeetingAnswer.objects.get(registration=registration)
    assert (answer.meeting, answer.answer, answer.source) == (meeting, "coming", "sms")
    thanks = Message.objects.get(kind="meeting_answer_confirmed")
    assert (thanks.language, thanks.to_address, thanks.channel) == ("ar", "+46701230001", "sms")
    assert ARABIC.search(thanks.body) and "١" in thanks.body
    assert thanks.segments <= 2
    # A change of mind answers the thanks: "2" replaces the answer.
    deliver_queued()
    assert reply(client, "٢").status_code == 200
    answer.refresh_from_db()
    assert answer.answer == "cannot_come"
    assert MeetingAnswer.objects.count() == 1


def test_stop_turns_reminders_off_and_tells_how_to_turn_them_on(
    client, goteborg, integrationscentrum
):
    registration = register(course(goteborg, integrationscentrum), language="sv")
    remind(registration)

    assert reply(client, "STOPP").status_code == 200

    registration.refresh_from_db()
    assert registration.reminders is False
    told = Message.objects.get(kind="reminders_stopped")
    assert f"/r/{registration.link_token}/" in told.body
    assert InboundMessage.objects.get().handled is True


def test_a_number_on_two_courses_is_resolved_by_the_last_message(
    client, goteborg, integrationscentrum
):
    first = register(course(goteborg, integrationscentrum, days=35))
    second = register(course(goteborg, integrationscentrum, days=40))
    remind(first)
    second_meeting = remind(second)  # the last SMS to the number

    reply(client, "1")
    assert list(MeetingAnswer.objects.values_list("registration", "meeting")) == [
        (second.pk, second_meeting.pk)
    ]

    reply(client, "2")  # to our thanks: a change of mind about the same meeting
    assert MeetingAnswer.objects.get(registration=second).answer == "cannot_come"
    first_meeting = remind(first, number=2)
    reply(client, "1")
    assert MeetingAnswer.objects.get(registration=first).meeting == first_meeting
    assert MeetingAnswer.objects.get(registration=second).answer == "cannot_come"


def test_a_duplicate_provider_id_is_handled_once(client, goteborg, integrationscentrum):
    registration = register(course(goteborg, integrationscentrum))
    remind(registration)

    assert reply(client, "1", provider_id="dup-1").status_code == 200
    assert reply(client, "2", provider_id="dup-1").status_code == 200

    assert InboundMessage.objects.count() == 1
    assert MeetingAnswer.objects.get().answer == "coming"
    assert Message.objects.filter(kind="meeting_answer_confirmed").count() == 1


def test_bad_input_is_refused_with_4xx(client, settings, goteborg, integrationscentrum):
    url = reverse("elks_inbound", kwargs={"secret": SECRET})
    good = {"id": "x1", "from": "+46701230001", "to": OUR_NUMBER, "message": "1"}

    assert client.post(reverse("elks_inbound", kwargs={"secret": "guess"}), good).status_code == 404
    assert client.get(url).status_code == 405
    for broken in (
        {"to": "+46700000000"},  # not our number
        {"from": "not a number"},
        {"id": ""},
        {"id": "a\x00b"},
        {"created": "yesterday"},
        {"created": "2027-02-30 10:00:00"},
    ):
        assert client.post(url, {**good, **broken}).status_code == 400, broken
    assert InboundMessage.objects.count() == 0
    settings.ELKS_INBOUND_RATE_LIMIT = "2/m"
    codes = [reply(client, f"hej {n}", sender="+46701239999").status_code for n in range(3)]
    assert codes == [200, 200, 429]


def test_a_reply_from_a_number_we_never_wrote_to_is_kept_for_a_person(client):
    assert reply(client, "1", sender="+46701239998").status_code == 200

    inbound = InboundMessage.objects.get()
    assert (inbound.recipient_type, inbound.handled, inbound.interpretation) == (
        "",
        False,
        "coming",
    )


def test_free_text_waits_in_the_inbox_of_the_course_staff_only(
    client, goteborg, molndal, integrationscentrum
):
    leader_a = UserFactory(role=(Role.Kind.COURSE_LEADER, integrationscentrum))
    leader_b = UserFactory(role=(Role.Kind.COURSE_LEADER, molndal))
    coord_y = UserFactory(role=(Role.Kind.MUNICIPAL_COORDINATOR, molndal))
    coord_x = UserFactory(role=(Role.Kind.MUNICIPAL_COORDINATOR, goteborg))
    course_a = course(goteborg, integrationscentrum, leaders=[leader_a])
    course(molndal, molndal, leaders=[leader_b], municipality=molndal)
    registration = register(course_a, first_name="Zahra", language="ar")
    remind(registration)

    reply(client, "سأتأخر نصف ساعة")

    inbound = InboundMessage.objects.get()
    assert (inbound.interpretation, inbound.handled) == ("free_text", False)
    for user, sees in ((leader_a, True), (coord_x, True), (leader_b, False), (coord_y, False)):
        staff = TwoStepClient()
        staff.force_login(user)
        page = staff.get(reverse("participants:replies"))
        assert page.status_code == 200
        body = page.content.decode()
        assert ("سأتأخر نصف ساعة" in body, "Zahra" in body) == (sees, sees), user
    assert (
        '<blockquote dir="auto">سأتأخر نصف ساعة</blockquote>' in body.replace("\n", "")
        or sees is False
    )


def test_one_tap_answers_confirm_on_get_and_record_on_post(client, goteborg, integrationscentrum):
    registration = register(course(goteborg, integrationscentrum), language="ti")
    meeting = registration.course.meetings.get(number=1)
    url = reverse(
        "participants:meeting_answer",
        kwargs={"token": registration.link_token, "meeting": meeting.pk, "answer": "cannot_come"},
    )

    page = client.get(url)
    assert page.status_code == 200 and MeetingAnswer.objects.count() == 0
    assert client.post(url).status_code == 302
    assert MeetingAnswer.objects.get().answer == "cannot_come"
    assert MeetingAnswer.objects.get().source == "link"
    # The personal-link page offers the same answers, and says what was answered.
    personal = client.get(reverse("participants:registration", args=[registration.link_token]))
    assert url in personal.content.decode()
    wrong = url.replace("cannot_come", "maybe")
    assert client.get(wrong).status_code == 404


def test_an_email_reminder_carries_one_tap_links_with_the_parents_own_token(
    goteborg, integrationscentrum
):
    from participants.planning import plan_meeting_reminders

    this = course(goteborg, integrationscentrum)
    registration = register(this, channel="email", email="amal@example.se", language="sv")
    meeting = this.meetings.get(number=1)
    soon = meeting.starts_at - dt.timedelta(hours=20)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: soon)
        plan_meeting_reminders(now=soon)

    reminder = Message.objects.get(kind="meeting_reminder")
    assert reminder.channel == "email"
    for answer in ("coming", "cannot_come"):
        path = f"/r/{registration.link_token}/meetings/{meeting.pk}/{answer}/"
        assert path in reminder.body
    assert "QQTOKENSLOT" not in reminder.body
    assert "Svara 1" not in reminder.body and "Reply 1" not in reminder.body


def test_the_sheet_and_the_course_page_show_the_answers(goteborg, integrationscentrum):
    coordinator = UserFactory(role=(Role.Kind.MUNICIPAL_COORDINATOR, goteborg))
    this = course(goteborg, integrationscentrum)
    coming = register(this, phone="+46701230001", first_name="Amal")
    register(this, phone="+46701230002", first_name="Hodan")
    meeting = this.meetings.get(number=1)
    MeetingAnswer.objects.create(
        registration=coming,
        meeting=meeting,
        answer="coming",
        source="sms",
        answered_at=timezone.now(),
    )
    staff = TwoStepClient()
    staff.force_login(coordinator)

    sheet = staff.get(reverse("participants:attendance_sheet", args=[meeting.pk])).content.decode()
    assert sheet.count("meeting-answer--coming") == 1
    assert sheet.count("meeting-answer--none") == 1
    page = staff.get(reverse("courses:detail", args=[this.pk])).content.decode()
    counts = re.sub(r"\s+", "", page.split('class="facts answer-counts"')[1].split("</dl>")[0])
    assert (
        counts
        == "><dt>Kommer</dt><dd>1</dd><dt>Kanintekomma</dt><dd>0</dd><dt>Ingetsvar</dt><dd>1</dd>"
    )


def test_the_demo_command_feeds_the_same_service(goteborg, integrationscentrum, capsys):
    registration = register(course(goteborg, integrationscentrum))
    remind(registration)

    call_command("sms_reply", "--from", "070-123 00 01", "፪")

    assert MeetingAnswer.objects.get(registration=registration).answer == "cannot_come"
    assert "handled" in capsys.readouterr().out


def test_erasure_forgets_what_the_parent_wrote(client, goteborg, integrationscentrum):
    registration = register(course(goteborg, integrationscentrum))
    remind(registration)
    reply(client, "Jag kommer sent")
    actor = UserFactory(role=(Role.Kind.REGIONAL_COORDINATOR, goteborg.parent))
    assert registration_export(registration=registration, actor=actor)["replies"][0]["text"] == (
        "Jag kommer sent"
    )

    registration_erase(registration=registration, actor=actor, reason="asked")

    inbound = InboundMessage.objects.get()
    assert (inbound.body, inbound.from_number) == ("", "")
    assert Registration.objects.get(pk=registration.pk).anonymised_at is not None


def test_a_tigrinya_one_takes_the_seat_offered_and_a_two_passes_it_on(
    client, goteborg, integrationscentrum
):
    """A seat frees up: the first in line is offered it by SMS and answers "፩" (Ethiopic one);
    the seat is theirs and they get the usual confirmation. The next offer, answered "2",
    passes the seat to the next in line at once."""
    from participants.services import registration_cancel

    full = course(goteborg, integrationscentrum)
    full.capacity = 1
    full.save()
    seated = register(full, phone="+46701230010")
    first = register(full, phone="+46701230011", language="ti")
    second = register(full, phone="+46701230012")
    third = register(full, phone="+46701230013")
    deliver_queued()

    registration_cancel(registration_id=seated.pk)
    deliver_queued()
    offer = Message.objects.get(recipient_id=first.pk, kind="seat_offered")
    assert offer.status == "sent"

    assert reply(client, "፩", sender=first.phone).status_code == 200
    first.refresh_from_db()
    assert first.status == "confirmed" and first.offer_answered_via == "sms"
    assert Message.objects.filter(recipient_id=first.pk, kind="registration_promoted").exists()

    registration_cancel(registration_id=first.pk)
    deliver_queued()
    assert Message.objects.filter(recipient_id=second.pk, kind="seat_offered").exists()
    assert reply(client, "2", sender=second.phone).status_code == 200
    second.refresh_from_db()
    assert (second.status, second.offer_answer) == ("cancelled", "declined")
    assert Registration.objects.get(pk=third.pk).status == "offered"
