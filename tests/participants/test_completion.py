"""Progress toward the certificate, and who the leader should call: the rule, the list and its
cost, and "mark everyone present"."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from courses.models import Course, Meeting
from equalcity.models import Role
from participants.completion import completion_at_risk, completion_risk
from participants.models import Attendance
from participants.services import attendance_mark_everyone_present, registration_create
from tests.factories import CourseFactory, UserFactory
from tests.participants.conftest import parent

P, A, E, L = "present", "absent", "excused", "late"


@pytest.mark.parametrize(
    ("marks", "remaining", "in_a_row", "cannot"),
    [
        ([P, A, A], 4, True, False),  # the last two missed
        ([P, E, A], 4, True, False),  # excused counts as missed
        ([P, A, None, A], 4, True, False),  # an unrecorded meeting does not break the row
        ([A, A, P], 4, False, False),  # came back
        ([P, A, L], 4, False, False),  # late is attended
        ([P], 6, False, False),  # one meeting is no row
        ([P, P, P, A], 3, False, False),  # can still reach five
        ([P, P, P, P, A, A], 1, True, False),
        ([P, A, P, A], 2, False, True),  # 2 + 2 < 5
        ([P, P, P, P, P, A, A], 0, False, False),  # completed: nobody to call
        ([P, P, A, A, A], 0, False, False),  # the course is over: nothing left to call about
    ],
)
def test_the_rule_two_absences_in_a_row_or_the_threshold_out_of_reach(
    marks, remaining, in_a_row, cannot
):
    risk = completion_risk(marks=marks, threshold=5, remaining=remaining)

    assert (risk.absent_in_a_row, risk.cannot_complete) == (in_a_row, cannot)
    assert bool(risk) is (in_a_row or cannot)


@pytest.fixture
def running(db, goteborg, integrationscentrum):
    """A course of seven meetings (five needed), four of them held, and its leader."""
    today = timezone.localdate()
    leader = UserFactory(role=(Role.Kind.COURSE_LEADER, integrationscentrum))
    course = make_course(goteborg, integrationscentrum, leader, today)
    return course, leader


def make_course(goteborg, integrationscentrum, leader, today):
    course = CourseFactory(
        municipality=goteborg,
        organiser=integrationscentrum,
        capacity=60,
        registration_opens=today - dt.timedelta(days=3),
        registration_closes=today + dt.timedelta(days=20),
        first_date=today + dt.timedelta(days=30),
        leaders=[leader],
    )
    assert course.programme.completion_threshold == 5
    return course


def four_held(course):
    """After registration: meetings 1–4 in the past, 5–7 ahead."""
    now = timezone.now()
    for meeting in course.meetings.all():
        start = now + dt.timedelta(days=7 * (meeting.number - 4) - 1)
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=start, ends_at=start + dt.timedelta(hours=2)
        )


def person(course, municipality, number, marks, first_name="Amina"):
    registration = registration_create(
        course_id=course.pk,
        municipality=municipality,
        **parent(phone=f"+4670444{number:04d}", first_name=first_name, last_name=f"N{number}"),
    )
    meetings = list(course.meetings.order_by("number"))
    Attendance.objects.bulk_create(
        Attendance(registration=registration, meeting=meeting, status=mark)
        for meeting, mark in zip(meetings, marks, strict=False)
        if mark
    )
    return registration


@pytest.mark.django_db
def test_the_list_names_who_missed_two_in_a_row_and_who_can_no_longer_complete(running, goteborg):
    course, _leader = running
    drifting = person(course, goteborg, 1, [P, P, A, A])
    out_of_reach = person(course, goteborg, 2, [A, A, P, A])  # 1 + 3 left < 5
    steady = person(course, goteborg, 3, [P, P, P, A])
    came_back = person(course, goteborg, 4, [A, A, P, P])
    person(course, goteborg, 5, [P, P, P, P])
    four_held(course)

    found = {p.registration.pk: p for p in completion_at_risk(courses=Course.objects.all())}

    assert set(found) == {drifting.pk, out_of_reach.pk}
    assert found[drifting.pk].risk.absent_in_a_row and not found[drifting.pk].risk.cannot_complete
    assert found[out_of_reach.pk].risk.cannot_complete
    assert (found[out_of_reach.pk].attended, found[out_of_reach.pk].threshold) == (1, 5)
    assert steady.pk not in found and came_back.pk not in found


@pytest.mark.django_db
def test_the_list_costs_the_same_for_one_course_or_many(goteborg, integrationscentrum):
    leader = UserFactory(role=(Role.Kind.COURSE_LEADER, integrationscentrum))
    today = timezone.localdate()

    def add_course(count):
        course = make_course(goteborg, integrationscentrum, leader, today)
        for number in range(count):
            person(course, goteborg, number, [P, P, A, A])
        four_held(course)

    courses = Course.objects.filter(leaders=leader)
    add_course(2)
    with CaptureQueriesContext(connection) as few:
        small = completion_at_risk(courses=courses)
    add_course(12)
    add_course(5)
    with CaptureQueriesContext(connection) as many:
        large = completion_at_risk(courses=courses)

    assert (len(small), len(large)) == (2, 19)
    assert len(few) == len(many) == 3


@pytest.mark.django_db
def test_everyone_not_yet_marked_is_marked_present_and_the_marks_made_stay(running, goteborg):
    course, leader = running
    meeting = course.meetings.get(number=4)
    first, second, third = (person(course, goteborg, n, []) for n in range(3))
    Attendance.objects.create(registration=second, meeting=meeting, status=A)
    four_held(course)

    marked = attendance_mark_everyone_present(meeting=meeting, by=leader)
    attendance_mark_everyone_present(meeting=meeting, by=leader)  # a second tap changes nothing

    assert marked == 2
    rows = Attendance.objects.filter(meeting=meeting)
    assert {row.registration_id: row.status for row in rows} == {
        first.pk: P,
        second.pk: A,
        third.pk: P,
    }
    assert {row.recorded_by_id for row in rows if row.status == P} == {leader.pk}


@pytest.mark.django_db
def test_only_the_courses_leader_marks_everyone_present_and_only_by_post(
    client, running, goteborg, integrationscentrum
):
    course, leader = running
    meeting = course.meetings.get(number=4)
    registration = person(course, goteborg, 1, [])
    four_held(course)
    url = reverse("participants:everyone_present", args=[meeting.pk])
    other = UserFactory(role=(Role.Kind.COURSE_LEADER, integrationscentrum))

    client.force_login(other)
    assert client.post(url).status_code == 404
    client.force_login(leader)
    assert client.get(url).status_code == 405
    assert not Attendance.objects.exists()

    response = client.post(url)

    assert response["Location"] == reverse("participants:attendance_sheet", args=[meeting.pk])
    assert Attendance.objects.get(registration=registration).status == P


@pytest.mark.django_db
def test_the_leader_sees_progress_and_whom_to_call_and_the_coordinator_too(
    client, running, goteborg, goteborg_coordinator
):
    course, leader = running
    drifting = person(course, goteborg, 7, [P, P, A, A], first_name="Hodan")
    four_held(course)
    client.force_login(leader)

    my_courses = client.get(reverse("participants:my_courses")).content.decode()
    sheet = client.get(
        reverse("participants:attendance_sheet", args=[course.meetings.get(number=4).pk])
    ).content.decode()
    page = client.get(reverse("participants:person", args=[drifting.pk]))

    assert 'href="tel:+46704440007"' in my_courses and "Hodan" in my_courses
    with translation.override("sv"):
        progress = ngettext(
            "%(attended)s of %(needed)s meeting for the certificate",
            "%(attended)s of %(needed)s meetings for the certificate",
            5,
        ) % {"attended": 2, "needed": 5}
    assert progress in sheet
    assert page.status_code == 200
    html = page.content.decode()
    assert progress in html and 'href="tel:+46704440007"' in html
    assert reverse("participants:person_erase", args=[drifting.pk]) not in html, "coordinators'"

    client.force_login(goteborg_coordinator)
    course_page = client.get(reverse("courses:detail", args=[course.pk])).content.decode()
    assert 'href="tel:+46704440007"' in course_page and "Hodan" in course_page
