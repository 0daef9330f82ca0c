import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import Meeting
from equalcity.models import Role
from evaluation.selectors import dashboard
from evaluation.selectors.tables import Filters
from evaluation.suppression import suppress_group
from participants.services import attendance_record, registration_create
from tests.factories import CourseFactory, CourseLanguageFactory, ProgrammeFactory, UserFactory
from tests.participants.conftest import parent

pytestmark = pytest.mark.django_db


def test_a_lone_small_cell_takes_a_second_one_with_it_when_a_total_is_shown():
    cells, total = suppress_group([12, 3, 7, 0], total=22)

    assert [str(c) for c in cells] == ["12", "<5", "≥5", "0"]
    assert str(total) == "22"
    assert [str(c) for c in suppress_group([2, 1], total=3)[0]] == ["<5", "<5"]
    assert [str(c) for c in suppress_group([6, 7], total=13)[0]] == ["6", "7"]


@pytest.fixture
def programme_data(goteborg, molndal, integrationscentrum, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return _programme(goteborg, molndal, integrationscentrum)


def _programme(goteborg, molndal, integrationscentrum):
    """Two courses: Arabic in Göteborg (8 parents), Tigrinya in Mölndal (3 parents)."""
    programme = ProgrammeFactory(central_municipality=goteborg)
    today = timezone.localdate()
    arabic = CourseLanguageFactory(code="ar", name="arabiska")
    tigrinya = CourseLanguageFactory(code="ti", name="tigrinja", interface_language="ti")
    leader = UserFactory(role=(Role.Kind.COURSE_LEADER, integrationscentrum))
    courses = []
    for language, municipality, count in [(arabic, goteborg, 8), (tigrinya, molndal, 3)]:
        course = CourseFactory(
            programme=programme,
            language=language,
            municipality=municipality,
            organiser=integrationscentrum,
            capacity=20,
            registration_opens=today - dt.timedelta(days=10),
            registration_closes=today + dt.timedelta(days=5),
            first_date=today + dt.timedelta(days=10),
        )
        course.leaders.add(leader)
        people = [
            registration_create(
                course_id=course.pk,
                municipality=municipality,
                **parent(
                    phone=f"+46701{course.pk:02d}{n:04d}",
                    first_name=f"Namn{n}",
                    children_6_12=2,
                    referral="friends" if n % 2 else "school",
                ),
            )
            for n in range(count)
        ]
        for meeting in course.meetings.all():
            start = timezone.now() - dt.timedelta(days=60 - 7 * meeting.number)
            Meeting.objects.filter(pk=meeting.pk).update(
                starts_at=start, ends_at=start + dt.timedelta(hours=2)
            )
        courses.append((course, people))
    (_ar, ar_people), (_ti, ti_people) = courses
    meetings = list(_ar.meetings.order_by("number"))
    for index, registration in enumerate(ar_people):
        for meeting in meetings[: 7 if index < 5 else 2]:  # five complete, three stop early
            attendance_record(
                meeting=meeting, registration_id=registration.pk, status="present", by=leader
            )
    for registration in ti_people:
        attendance_record(
            meeting=_ti.meetings.get(number=1),
            registration_id=registration.pk,
            status="late",
            by=leader,
        )
    return programme


def table(tables, key):
    return next(t for t in tables if t.key == key)


def shown(t):
    return {label: [str(c) for c in cells] for label, cells in t.rows}


def test_the_dashboards_numbers_on_a_fixture_programme(programme_data):
    tables = dashboard(filters=Filters())

    funnel = shown(table(tables, "funnel"))
    assert list(funnel.values()) == [["11"], ["0"], ["11"], ["5"]]
    # Mölndal's 3 parents are hidden; with the total of 11 shown, Göteborg's 8 would give
    # them away, so it is hidden too (as "≥5"). Children (3 each) are 24 and 9: both shown.
    assert shown(table(tables, "reach_municipality")) == {
        "Göteborg": ["≥5", "24"],
        "Mölndal": ["<5", "9"],
    }
    reach = table(tables, "reach_municipality")
    assert [str(c) for c in reach.total[1]] == ["11", "33"]
    per_meeting = shown(table(tables, "attendance_meeting"))
    assert per_meeting["Träff 1"] == ["100%", "11"]
    assert per_meeting["Träff 3"] == ["100%", "5"]
    assert shown(table(tables, "attendance_language"))["tigrinja"] == ["<5", "<5"]


def test_filters_narrow_the_numbers(programme_data, molndal):
    tables = dashboard(filters=Filters(municipality=molndal))

    assert list(shown(table(tables, "funnel")).values()) == [["<5"], ["0"], ["<5"], ["0"]]


def test_the_same_queries_for_3_or_40_courses(client, evaluator, goteborg, integrationscentrum):
    programme = ProgrammeFactory(central_municipality=goteborg)
    today = timezone.localdate()

    def add(count):
        for n in range(count):
            CourseFactory(
                programme=programme,
                municipality=goteborg,
                organiser=integrationscentrum,
                registration_opens=today,
                registration_closes=today,
                first_date=today + dt.timedelta(days=3 + n % 30),
            )

    client.force_login(evaluator)
    add(3)
    client.get(reverse("evaluation:dashboard"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("evaluation:dashboard"))
    add(37)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("evaluation:dashboard"))

    assert len(few) == len(many)
    assert shown(table(response.context["tables"], "targets"))["Alla kurser"][1] == "40"


def test_course_leaders_and_staff_do_not_see_the_statistics(client, molndal, integrationscentrum):
    for role, organisation in [
        (Role.Kind.COURSE_LEADER, integrationscentrum),
        (Role.Kind.MUNICIPAL_STAFF, molndal),
    ]:
        client.force_login(UserFactory(role=(role, organisation)))
        assert client.get(reverse("evaluation:dashboard")).status_code == 403


def test_a_chosen_municipality_stays_chosen_and_narrows_the_page(
    client, evaluator, programme_data, molndal
):
    client.force_login(evaluator)

    response = client.get(reverse("evaluation:dashboard"), {"municipality": molndal.pk})

    html = response.content.decode()
    assert re.search(rf'<option value="{molndal.pk}"[^>]* selected>Mölndal</option>', html)
    funnel = shown(table(response.context["tables"], "funnel"))
    assert list(funnel.values()) == [["<5"], ["0"], ["<5"], ["0"]]
    assert shown(table(response.context["tables"], "reach_municipality")) == {
        "Mölndal": ["<5", "9"]
    }
