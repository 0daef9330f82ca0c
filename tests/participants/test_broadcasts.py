"""The course leader speaks to the group: preview in every language, one message per parent in
their language, sent once, the cancel template cancelling properly, free text only where the
sender writes the language, and nobody outside the course."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from equalcity.models import AuditEvent, Message, Role
from participants.models import Registration
from participants.planning import plan_parent_messages
from participants.services import registration_create
from tests.factories import UserFactory
from tests.participants.conftest import parent
from tests.two_step import TwoStepClient

pytestmark = pytest.mark.django_db
GROUP = {"sv": 1, "ar": 2, "ti": 1}


@pytest.fixture
def leader(integrationscentrum):
    return UserFactory(role=(Role.Kind.COURSE_LEADER, integrationscentrum), language="sv")


@pytest.fixture
def course(open_course, goteborg, leader):
    open_course.leaders.add(leader)
    number = 0
    for language, count in GROUP.items():
        for _ in range(count):
            number += 1
            registration_create(
                course_id=open_course.pk,
                municipality=goteborg,
                **parent(phone=f"+4670555{number:04d}", language=language, needs_childcare=False),
            )
    Message.objects.all().delete()
    return open_course


def client_for(user):
    client = TwoStepClient()
    client.force_login(user)
    return client


def post(client, course, **fields):
    meeting = course.meetings.order_by("starts_at").first()
    data = {"template": "room", "meeting": meeting.pk, "key": "k" * 16, **fields}
    with translation.override("en"):
        return client.post(reverse("participants:broadcast", kwargs={"pk": course.pk}), data)


def test_the_preview_shows_the_message_in_each_language_of_the_group(course, leader):
    response = post(client_for(leader), course, room="Sal Glädjen", preview="")

    page = response.content.decode()
    assert response.status_code == 200
    previews = dict(
        re.findall(r'<p class="sms-preview" lang="([^"]+)" dir="[^"]+">(.*?)</p>', page)
    )
    assert set(previews) == set(GROUP)  # each language of the group, and no other
    assert all("Sal Glädjen" in text for text in previews.values())  # the room as typed
    assert '<p class="sms-preview" lang="ar" dir="rtl">' in page
    assert '<span lang="sv">Sal Glädjen</span>' in previews["ar"]  # marked as Swedish
    assert "2 parents" in page  # how many get the Arabic text
    assert Message.objects.count() == 0  # nothing is sent by a preview


def test_confirming_sends_one_message_per_parent_in_their_language_once(
    course, leader, django_capture_on_commit_callbacks
):
    client = client_for(leader)
    with django_capture_on_commit_callbacks(execute=True):
        first = post(client, course, item="matlåda", template="bring", confirm="")
        again = post(client, course, item="matlåda", template="bring", confirm="")  # twice

    assert first.status_code == 302
    page = client.get(again["Location"]).content.decode()
    assert "already been sent" in page
    sent = Message.objects.filter(kind="course_broadcast")
    parents = Registration.objects.filter(course=course)
    assert sorted(sent.values_list("language", flat=True)) == sorted(
        parents.values_list("language", flat=True)
    )
    assert all("matlåda" in message.body for message in sent)
    arabic = sent.filter(language="ar").first().body
    assert "\u2066matlåda\u2069" in arabic  # kept left to right in Arabic
    assert sent.get(language="sv").body != sent.get(language="ti").body
    assert AuditEvent.objects.filter(action="messaged_group", actor=leader).count() == 1


def test_the_cancel_template_cancels_the_meeting_and_sends_the_notices_once(
    course, leader, django_capture_on_commit_callbacks
):
    client = client_for(leader)
    meeting = course.meetings.order_by("starts_at").first()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, course, template="cancelled", confirm="")
    with django_capture_on_commit_callbacks(execute=True):
        post(client, course, template="cancelled", meeting=meeting.pk, confirm="")
    plan_parent_messages()  # the notices of changed meetings (the task's fallback)
    plan_parent_messages()

    meeting.refresh_from_db()
    assert meeting.is_cancelled
    notices = Message.objects.filter(kind="meeting_cancelled")
    assert notices.count() == sum(GROUP.values())
    assert not Message.objects.filter(kind="course_broadcast").exists()


def test_free_text_is_refused_for_parents_whose_language_the_sender_does_not_write(course, leader):
    client = client_for(leader)
    response = post(
        client, course, template="free_text", text="Vi ses!", text_language="ar", confirm=""
    )

    assert response.status_code == 200
    assert "You do not write Arabic" in response.content.decode()
    assert not Message.objects.exists()
    # The form says beforehand which parents cannot get a text of one's own.
    with translation.override("en"):
        page = client.get(reverse("participants:broadcast", kwargs={"pk": course.pk}))
    assert "2 parents who read Arabic" in page.content.decode()
    assert "1 parent who reads Tigrinya" in page.content.decode()


def test_free_text_in_swedish_goes_only_to_the_swedish_reader(
    course, leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(
            client_for(leader),
            course,
            template="free_text",
            text="Vi ses vid entrén.",
            text_language="sv",
            confirm="",
        )

    sent = Message.objects.filter(kind="course_broadcast")
    assert list(sent.values_list("language", flat=True)) == ["sv"]
    assert "Vi ses vid entrén." in sent.get().body


def test_a_translator_who_writes_tigrinya_may_write_to_the_tigrinya_reader(
    course, leader, django_capture_on_commit_callbacks
):
    Role.objects.filter(user=leader).update(languages=["ti"])
    with django_capture_on_commit_callbacks(execute=True):
        post(
            client_for(leader),
            course,
            template="free_text",
            text="ሎሚ ብዙሕ ኣይንጸንሕን።",
            text_language="ti",
            confirm="",
        )
    assert list(Message.objects.values_list("language", flat=True)) == ["ti"]


def test_staff_outside_the_course_get_nothing(course, molndal):
    outsider = UserFactory(role=(Role.Kind.MUNICIPAL_COORDINATOR, molndal))
    other_leader = UserFactory(role=(Role.Kind.COURSE_LEADER, molndal))
    for user in (outsider, other_leader):
        response = post(client_for(user), course, room="Sal 3", confirm="")
        assert response.status_code in (403, 404)
    assert not Message.objects.exists()


def test_a_text_of_ones_own_longer_than_two_sms_is_refused_in_words(course, leader):
    Role.objects.filter(user=leader).update(languages=["ti"])
    response = post(
        client_for(leader),
        course,
        template="free_text",
        text="ሎሚ ብዙሕ ኣይንጸንሕን። " * 8,
        text_language="ti",
        preview="",
    )

    assert "too long for two SMS in Tigrinya" in response.content.decode()
    assert not Message.objects.exists()
