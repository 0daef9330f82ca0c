import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from courses.models import Meeting
from equalcity.models import Role
from participants.models import Attendance
from participants.selectors.attendance import Completion, attendance_matrix, completion
from participants.services import registration_create, walk_in_add
from tests.factories import CourseFactory, UserFactory
from tests.participants.conftest import parent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("attended", "remaining", "expected"),
    [
        (4, 0, Completion.NOT_COMPLETED),
        (5, 0, Completion.COMPLETED),
        (7, 0, Completion.COMPLETED),
        (3, 2, Completion.IN_PROGRESS),
        (2, 2, Completion.NOT_COMPLETED),
        (0, 7, Completion.IN_PROGRESS),
    ],
)
def test_completion_follows_the_threshold_of_five_of_seven(attended, remaining, expected):
    assert completion(attended=attended, threshold=5, remaining=remaining) == expected


@pytest.fixture
def held_course(goteborg, integrationscentrum):
    """A course whose seven meetings have all taken place."""
    today = timezone.localdate()
    course = CourseFactory(
        municipality=goteborg,
        organiser=integrationscentrum,
        registration_opens=today - dt.timedelta(days=120),
        registration_closes=today + dt.timedelta(days=20),
        first_date=today + dt.timedelta(days=30),
        capacity=3,
    )
    return course


def seat(course, municipality, number, **extra):
    return registration_create(
        course_id=course.pk,
        municipality=municipality,
        **parent(phone=f"+4670666{number:04d}", **extra),
    )


def into_the_past(course):
    for meeting in course.meetings.all():
        start = timezone.now() - dt.timedelta(days=60 - 7 * meeting.number)
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=start, ends_at=start + dt.timedelta(hours=2)
        )


def mark(registration, meetings, status="present"):
    for meeting in meetings:
        Attendance.objects.create(registration=registration, meeting=meeting, status=status)


def test_four_of_seven_is_not_completed_and_five_is(held_course, goteborg):
    four, five = seat(held_course, goteborg, 1), seat(held_course, goteborg, 2)
    into_the_past(held_course)
    meetings = list(held_course.meetings.order_by("number"))
    mark(four, meetings[:4])
    mark(five, meetings[:4])
    mark(five, meetings[4:5], status="late")  # late counts as attended
    mark(four, meetings[4:7], status="excused")

    _meetings, rows = attendance_matrix(course=held_course)

    assert {row.registration.pk: (row.attended, row.completion) for row in rows} == {
        four.pk: (4, Completion.NOT_COMPLETED),
        five.pk: (5, Completion.COMPLETED),
    }


def test_a_walk_in_joins_the_course_and_the_meeting_even_over_capacity(
    held_course, goteborg, leader
):
    for number in range(3):
        seat(held_course, goteborg, number)
    meeting = held_course.meetings.get(number=1)

    registration, over = walk_in_add(
        meeting=meeting, first_name="Sahra", last_name="Warsame", by=leader
    )

    assert over is True
    assert (registration.walk_in, registration.status, registration.phone) == (
        True,
        "confirmed",
        "",
    )
    assert Attendance.objects.get(registration=registration, meeting=meeting).status == "present"
    assert held_course.registrations.filter(status="confirmed").count() == 4


@pytest.fixture
def leader(held_course, integrationscentrum):
    user = UserFactory(role=(Role.Kind.COURSE_LEADER, integrationscentrum))
    held_course.leaders.add(user)
    return user


def test_only_the_courses_leaders_and_coordinators_in_scope_open_a_sheet(
    client,
    held_course,
    leader,
    goteborg_coordinator,
    molndal_coordinator,
    evaluator,
    integrationscentrum,
    goteborg,
):
    registration = seat(held_course, goteborg, 1)
    sheet = reverse("participants:attendance_sheet", args=[held_course.meetings.first().pk])
    matrix = reverse("participants:attendance_matrix", args=[held_course.pk])
    other_leader = UserFactory(role=(Role.Kind.COURSE_LEADER, integrationscentrum))

    for user, status in [
        (leader, 200),
        (goteborg_coordinator, 200),
        (molndal_coordinator, 404),
        (other_leader, 404),
        (evaluator, 404),
    ]:
        client.force_login(user)
        assert client.get(sheet).status_code == status, user
        assert client.get(matrix).status_code == status, user
        assert (
            client.post(
                sheet,
                {"registration": registration.pk, "status": "present"},
                HTTP_X_REQUESTED_WITH="fetch",
            ).status_code
            == status
        )
    assert Attendance.objects.get().recorded_by == goteborg_coordinator


def test_a_tap_is_saved_at_once_and_a_second_tap_changes_it(client, held_course, goteborg, leader):
    registration = seat(held_course, goteborg, 1)
    meeting = held_course.meetings.get(number=2)
    client.force_login(leader)
    url = reverse("participants:attendance_sheet", args=[meeting.pk])

    first = client.post(
        url, {"registration": registration.pk, "status": "present"}, HTTP_X_REQUESTED_WITH="fetch"
    )
    second = client.post(
        url, {"registration": registration.pk, "status": "late"}, HTTP_X_REQUESTED_WITH="fetch"
    )

    assert first.json() == {"saved": True} and second.json() == {"saved": True}
    assert Attendance.objects.get(registration=registration, meeting=meeting).status == "late"


def test_without_javascript_the_whole_sheet_is_saved_with_one_button(
    client, held_course, goteborg, leader
):
    people = [seat(held_course, goteborg, n) for n in range(3)]
    meeting = held_course.meetings.get(number=1)
    client.force_login(leader)

    client.post(
        reverse("participants:attendance_sheet", args=[meeting.pk]),
        {f"status_{people[0].pk}": "present", f"status_{people[1].pk}": "excused"},
    )

    assert dict(Attendance.objects.values_list("registration", "status")) == {
        people[0].pk: "present",
        people[1].pk: "excused",
    }


def test_follow_up_notes_are_only_for_the_leader_and_the_organisers_coordinators(
    client, held_course, goteborg, leader, goteborg_coordinator, regional_coordinator
):
    registration = seat(held_course, goteborg, 1)
    client.force_login(leader)
    client.post(
        reverse("participants:follow_up", args=[registration.pk]),
        {"note": "Behöver kontakt med socialtjänsten."},
    )
    registration.refresh_from_db()
    assert registration.follow_up_note == "Behöver kontakt med socialtjänsten."

    matrix = reverse("participants:attendance_matrix", args=[held_course.pk])
    for user, sees in [(leader, True), (goteborg_coordinator, True)]:
        client.force_login(user)
        assert ("Behöver kontakt" in client.get(matrix).content.decode()) == sees


@pytest.mark.parametrize(
    "target",
    [
        "x",
        "",
        "//evil.example",
        "/\\evil.example",
        "https://evil.example/",
        "http://testserver.evil.example/",
        "javascript:alert(1)",
        "/sv/staff/\x00",
        " /sv/staff/",
        None,
    ],
)
def test_a_follow_up_note_ignores_a_next_that_is_not_our_path(
    client, held_course, goteborg, leader, target
):
    registration = seat(held_course, goteborg, 1)
    client.force_login(leader)
    data = {"note": "Ring pappan."} | ({} if target is None else {"next": target})

    response = client.post(reverse("participants:follow_up", args=[registration.pk]), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("participants:attendance_matrix", args=[held_course.pk])
    registration.refresh_from_db()
    assert registration.follow_up_note == "Ring pappan."


def test_a_follow_up_note_goes_back_to_the_sheet_it_was_written_on(
    client, held_course, goteborg, leader
):
    registration = seat(held_course, goteborg, 1)
    sheet = reverse("participants:attendance_sheet", args=[held_course.meetings.first().pk])
    client.force_login(leader)

    response = client.post(
        reverse("participants:follow_up", args=[registration.pk]),
        {"note": "Ring pappan.", "next": sheet},
    )

    assert response["Location"] == sheet


def test_paper_ticks_are_entered_afterwards_in_the_matrix(client, held_course, goteborg, leader):
    registration = seat(held_course, goteborg, 1)
    first, second = held_course.meetings.filter(number__in=[1, 2]).order_by("number")
    client.force_login(leader)

    client.post(
        reverse("participants:attendance_matrix", args=[held_course.pk]),
        {
            f"a_{registration.pk}_{first.pk}": "present",
            f"a_{registration.pk}_{second.pk}": "absent",
        },
    )

    assert dict(Attendance.objects.values_list("meeting", "status")) == {
        first.pk: "present",
        second.pk: "absent",
    }


@pytest.mark.parametrize(
    "url_name", ["participants:attendance_sheet", "participants:attendance_matrix"]
)
def test_the_sheet_and_the_matrix_cost_the_same_for_5_or_50_participants(
    client, goteborg, integrationscentrum, leader, url_name
):
    today = timezone.localdate()
    course = CourseFactory(
        municipality=goteborg,
        organiser=integrationscentrum,
        capacity=60,
        registration_opens=today - dt.timedelta(days=3),
        registration_closes=today + dt.timedelta(days=20),
        first_date=today + dt.timedelta(days=30),
        leaders=[leader],
    )
    meeting = course.meetings.get(number=1)
    arg = meeting.pk if "sheet" in url_name else course.pk

    def add(start, count):
        for number in range(start, start + count):
            registration = seat(course, goteborg, number)
            Attendance.objects.create(registration=registration, meeting=meeting, status="present")

    client.force_login(leader)
    add(0, 5)
    client.get(reverse(url_name, args=[arg]))
    with CaptureQueriesContext(connection) as few:
        response = client.get(reverse(url_name, args=[arg]))
    add(5, 45)
    with CaptureQueriesContext(connection) as many:
        again = client.get(reverse(url_name, args=[arg]))

    assert len(few) == len(many)
    assert len(response.context["rows"]) == 5
    assert len(again.context["rows"]) == 50


def test_the_leaders_today_page_opens_todays_sheet(client, held_course, leader):
    meeting = held_course.meetings.get(number=1)
    start = timezone.localtime().replace(hour=9, minute=30, second=0, microsecond=0)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    client.force_login(leader)

    with translation.override("sv"):
        page = client.get(reverse("participants:my_courses"))

    assert reverse("participants:attendance_sheet", args=[meeting.pk]) in page.content.decode()
    assert list(page.context["today"]) == [Meeting.objects.get(pk=meeting.pk)]
