"""Questionnaire mode on the leader's device: a list of names, each parent's questionnaire in
their language, back to the list, and no way from there into the staff pages."""

import pytest
from django.urls import reverse

from questionnaires.models import Response

pytestmark = pytest.mark.django_db


@pytest.fixture
def device(client, leader, first_meeting_course):
    """The leader's phone with questionnaire mode on for the first meeting."""
    client.force_login(leader)
    meeting = first_meeting_course.meetings.get(number=1)
    response = client.post(reverse("questionnaires:open", kwargs={"pk": meeting.pk}))
    assert response["Location"] == reverse("questionnaires:kiosk_start")
    return client


START = "/sv/staff/questionnaire/device/"


def _pick(device, registration):
    return device.post(reverse("questionnaires:kiosk_pick"), {"registration": registration.pk})


def test_the_sheet_of_the_first_meeting_offers_the_questionnaire(
    client, leader, first_meeting_course
):
    client.force_login(leader)
    first, third = (first_meeting_course.meetings.get(number=n) for n in (1, 3))

    sheet = client.get(reverse("participants:attendance_sheet", kwargs={"pk": first.pk}))
    other = client.get(reverse("participants:attendance_sheet", kwargs={"pk": third.pk}))

    assert reverse("questionnaires:open", kwargs={"pk": first.pk}) in sheet.content.decode()
    assert "0 av 3" in sheet.content.decode()
    assert "questionnaire" not in other.content.decode()
    assert client.get(reverse("questionnaires:open", kwargs={"pk": third.pk})).status_code == 404


def test_two_parents_one_after_the_other_in_their_own_languages(device, first_meeting_course):
    fatima = first_meeting_course.registrations.get(language="ar")
    hodan = first_meeting_course.registrations.get(language="so")

    start = device.get(reverse("questionnaires:kiosk_start")).content.decode()
    assert "فاطمة" in start and "Hodan" in start

    assert _pick(device, fatima)["Location"] == "/ar/staff/questionnaire/device/intro/"
    device.post("/ar/staff/questionnaire/device/intro/")
    device.post("/ar/staff/questionnaire/device/1/", {"value": "5"})
    assert device.post("/ar/staff/questionnaire/device/2/", {"value": "1"})["Location"] == (
        "/ar/staff/questionnaire/device/thanks/"
    )
    assert device.get("/ar/staff/questionnaire/device/thanks/").status_code == 200

    # The device has forgotten Fatima: a question page now leads back to the list.
    assert device.get("/ar/staff/questionnaire/device/1/")["Location"] == (
        "/ar/staff/questionnaire/device/"
    )
    # The list between parents is in the leader's language, whatever the last parent's was.
    assert device.get("/ar/staff/questionnaire/device/")["Location"] == START
    start = device.get(START).content.decode()
    assert f'value="{fatima.pk}"' not in start  # answered: no longer a button
    assert f'value="{hodan.pk}"' in start

    assert _pick(device, hodan)["Location"] == "/so/staff/questionnaire/device/intro/"
    device.post("/so/staff/questionnaire/device/intro/")
    device.post("/so/staff/questionnaire/device/1/", {"value": "3", "stop": "1"})

    by_language = {
        response.language: sorted(response.answers.values_list("question__position", "value"))
        for response in Response.objects.all()
    }
    assert by_language == {"ar": [(1, 5), (2, 1)], "so": [(1, 3)]}


def test_a_parent_cannot_pick_someone_who_has_answered_or_is_not_in_the_course(
    device, first_meeting_course
):
    fatima = first_meeting_course.registrations.get(language="ar")
    _pick(device, fatima)
    device.post("/ar/staff/questionnaire/device/intro/")
    device.get("/ar/staff/questionnaire/device/thanks/")

    for value in (fatima.pk, 999999, "1 OR 1=1", "٣", ""):
        response = device.post(reverse("questionnaires:kiosk_pick"), {"registration": value})
        assert response["Location"] == reverse("questionnaires:kiosk_start")
        assert device.get("/ar/staff/questionnaire/device/1/")["Location"] == (
            reverse("questionnaires:kiosk_start")
        )


@pytest.mark.parametrize(
    "path",
    ["/sv/staff/my-courses/", "/sv/staff/", "/sv/staff/messages/", "/ar/courses/", "/sv/admin/"],
)
def test_a_device_in_questionnaire_mode_opens_no_other_page(device, path):
    response = device.get(path)

    assert response.status_code == 302
    assert response["Location"] == reverse("questionnaires:kiosk_start")


def test_the_leader_ends_the_mode_with_their_password(device, first_meeting_course):
    exit_url = reverse("questionnaires:kiosk_exit")

    wrong = device.post(exit_url, {"password": "guess"})
    assert "inte lösenordet" in wrong.content.decode()
    assert device.get("/sv/staff/my-courses/").status_code == 302

    ended = device.post(exit_url, {"password": "correct-horse-battery"})
    meeting = first_meeting_course.meetings.get(number=1)
    assert ended["Location"] == reverse("participants:attendance_sheet", kwargs={"pk": meeting.pk})
    assert device.get("/sv/staff/my-courses/").status_code == 200


def test_five_wrong_passwords_log_the_device_out(device):
    exit_url = reverse("questionnaires:kiosk_exit")
    for _attempt in range(4):
        device.post(exit_url, {"password": "guess"})

    response = device.post(exit_url, {"password": "guess"})

    assert response["Location"].startswith(reverse("account_login"))
    assert device.get("/sv/staff/my-courses/")["Location"].startswith(reverse("account_login"))


def test_logging_out_is_the_one_way_out_besides_the_password(device):
    response = device.post(reverse("account_logout"))

    assert response.status_code == 302
    assert response["Location"] != reverse("questionnaires:kiosk_start")
    assert device.get("/sv/staff/my-courses/")["Location"].startswith(reverse("account_login"))
