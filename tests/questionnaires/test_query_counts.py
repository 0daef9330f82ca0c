"""The device's list of names, a question page and the sheet's questionnaire buttons cost the
same with a small and a full course."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from equalcity.models import Role
from tests.factories import CourseFactory, UserFactory
from tests.questionnaires.conftest import meetings_from, seat

pytestmark = pytest.mark.django_db


def course_with(parents, questions, goteborg, integrationscentrum):
    today = timezone.localdate()
    leader = UserFactory(role=(Role.Kind.COURSE_LEADER, integrationscentrum))
    course = CourseFactory(
        programme=questions[0].programme,
        municipality=goteborg,
        organiser=integrationscentrum,
        registration_opens=today - dt.timedelta(days=30),
        registration_closes=today + dt.timedelta(days=20),
        first_date=today + dt.timedelta(days=30),
        capacity=40,
        leaders=[leader],
    )
    for number in range(parents):
        seat(course, 100 * parents + number, language=["ar", "so", "ti"][number % 3])
    meetings_from(course, timezone.now() - dt.timedelta(minutes=30))
    return course, leader


def _device(client, course, leader):
    client.force_login(leader)
    meeting = course.meetings.get(number=1)
    client.post(reverse("questionnaires:open", kwargs={"pk": meeting.pk}))
    return meeting


def _answer_half(client, course):
    """Half the parents answer on the device first, so 'answered' has something to find."""
    for registration in list(course.registrations.all())[::2]:
        client.post(reverse("questionnaires:kiosk_pick"), {"registration": registration.pk})
        client.post("/sv/staff/questionnaire/device/intro/")
        client.post("/sv/staff/questionnaire/device/1/", {"value": "4"})


@pytest.mark.parametrize("page", ["list", "question", "sheet"])
def test_questionnaire_pages_cost_the_same_for_3_and_30_parents(
    client, questions, goteborg, integrationscentrum, page
):
    counts = []
    for parents in (3, 30):
        course, leader = course_with(parents, questions, goteborg, integrationscentrum)
        meeting = _device(client, course, leader)
        _answer_half(client, course)
        if page == "question":
            first = course.registrations.order_by("pk").last()
            client.post(reverse("questionnaires:kiosk_pick"), {"registration": first.pk})
            url = "/sv/staff/questionnaire/device/2/"
        elif page == "list":
            url = reverse("questionnaires:kiosk_start")
        else:
            client.post(reverse("questionnaires:kiosk_exit"), {"password": "correct-horse-battery"})
            url = reverse("participants:attendance_sheet", kwargs={"pk": meeting.pk})
        client.get(url)  # sessions and caches warm
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(captured))
        client.logout()
    assert counts[0] == counts[1], counts
    assert counts[1] <= BUDGET[page], counts


#: What each page may cost at most (measured: the list 10, a question 11, the sheet 17).
BUDGET = {"list": 10, "question": 11, "sheet": 17}
