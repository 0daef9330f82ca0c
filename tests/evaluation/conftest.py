import datetime as dt

import pytest
from django.utils import timezone

from courses.models import Course, Meeting
from equalcity.models import Role
from participants.services import (
    attendance_record,
    registration_cancel,
    registration_create,
    walk_in_add,
)
from tests.factories import (
    CourseFactory,
    CourseLanguageFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
)
from tests.participants.conftest import parent

REFERRALS = ["friends", "school", "", "social_services", "health"]
# Marks for the participants of a course, meeting by meeting (one row per participant).
PATTERNS = ["PPPPPPP", "PLPPAPP", "LPAEPP", "PPAAA", "AP", "PPPPP", "E", "LLLLLLL", "PAPAPAP"]
STATUS = {"P": "present", "L": "late", "A": "absent", "E": "excused"}


def move_to_past(course, *, ended: int):
    """The first `ended` meetings lie in the past, a week apart; the others in the future."""
    for meeting in course.meetings.all():
        start = timezone.now() + dt.timedelta(days=7 * (meeting.number - ended) - 1)
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=start, ends_at=start + dt.timedelta(hours=2)
        )


def build_programme(*, goteborg, molndal, integrationscentrum, leader=None, size=1):
    """Courses in three languages filled, queued, cancelled and marked through the services:
    parents from three municipalities and none (a walk-in), every attendance status, meetings
    past and future, a course cancelled after it began. `leader` leads every course and records
    its attendance (one is made when none is given)."""
    leader = leader or UserFactory(role=(Role.Kind.COURSE_LEADER, integrationscentrum))
    programme = ProgrammeFactory(central_municipality=goteborg)
    partille = OrganisationFactory(slug="partille", name="Partille")
    languages = [
        CourseLanguageFactory(code="ar", name="arabiska"),
        CourseLanguageFactory(code="ti", name="tigrinja", interface_language="ti"),
        CourseLanguageFactory(code="so", name="somaliska", interface_language="so"),
    ]
    homes = [goteborg, molndal, partille]
    courses = add_courses(programme, languages, homes, integrationscentrum, leader, range(3 * size))
    # A mark changed afterwards, and a course cancelled after it began: its figures leave.
    first = courses[0].registrations.filter(status="confirmed").first()
    attendance_record(
        meeting=courses[0].meetings.get(number=1),
        registration_id=first.pk,
        status="absent",
        by=leader,
    )
    Course.objects.filter(pk=courses[-1].pk).update(status=Course.Status.CANCELLED)
    return programme, languages, partille


def add_courses(programme, languages, homes, organiser, leader, numbers):
    """`leader` leads the courses and records their attendance (one is made when None)."""
    leader = leader or UserFactory(role=(Role.Kind.COURSE_LEADER, organiser))
    today = timezone.localdate()
    courses = []
    for n in numbers:
        course = CourseFactory(
            programme=programme,
            language=languages[n % 3],
            municipality=homes[n % 2],
            organiser=organiser,
            capacity=5,
            registration_opens=today - dt.timedelta(days=10),
            registration_closes=today + dt.timedelta(days=5),
            first_date=today + dt.timedelta(days=10 + n),
        )
        course.leaders.add(leader)
        people = [
            registration_create(
                course_id=course.pk,
                municipality=homes[(n + i) % 3],
                **parent(
                    phone=f"+46702{course.pk:03d}{i:03d}",
                    children_0_5=i % 2,
                    children_6_12=i % 3,
                    children_13_17=(i + n) % 2,
                    referral=REFERRALS[(i + n) % len(REFERRALS)],
                ),
            )
            for i in range(7)
        ]
        registration_cancel(registration_id=people[1].pk)  # the first in the queue moves up
        registration_cancel(registration_id=people[-1].pk)  # a place in the queue given up
        move_to_past(course, ended=5 + n % 3)
        meetings = list(course.meetings.order_by("number"))
        walk_in_add(meeting=meetings[1], first_name="Walk", last_name="In", by=leader)
        confirmed = course.registrations.filter(status="confirmed", walk_in=False)
        for registration, pattern in zip(confirmed, PATTERNS[n % 2 :], strict=False):
            for meeting, mark in zip(meetings, pattern, strict=False):
                attendance_record(
                    meeting=meeting, registration_id=registration.pk, status=STATUS[mark], by=leader
                )
        courses.append(course)
    return courses


@pytest.fixture
def programme_built(goteborg, molndal, integrationscentrum, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return build_programme(
            goteborg=goteborg, molndal=molndal, integrationscentrum=integrationscentrum
        )
