"""The coordinator's course list and programme overview cost the same with 3 or 60 courses
(more than the list's page of 50)."""

import datetime as dt

import pytest
from django.urls import reverse

from courses.models import Course, LanguageTarget
from equalcity.models import Role
from tests.factories import CourseFactory, CourseLanguageFactory, ProgrammeFactory, UserFactory


def add_courses(count, *, programme, municipality, leader):
    languages = [CourseLanguageFactory(code=code, name=code) for code in ("ar", "so", "ti")]
    for number in range(count):
        course = CourseFactory(
            programme=programme,
            municipality=municipality,
            language=languages[number % 3],
            first_date=dt.date(2031, 9, 1) + dt.timedelta(days=number % 5),
            registration_opens=dt.date(2031, 6, 1),
            registration_closes=dt.date(2031, 8, 30),
            status=[Course.Status.OPEN, Course.Status.RUNNING, Course.Status.FINISHED][number % 3],
            leaders=[leader],
        )
        assert course.meetings.count() == 7


#: What each page may cost at most, whatever the number of courses (measured: 2 fewer).
BUDGET = {"courses:list": 11, "courses:overview": 18}


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["courses:list", "courses:overview"])
def test_queries_do_not_grow_with_the_number_of_courses(
    client,
    regional_coordinator,
    goteborg,
    url_name,
    django_assert_max_num_queries,
    django_assert_num_queries,
):
    programme = ProgrammeFactory(central_municipality=goteborg)
    leader = UserFactory(role=(Role.Kind.COURSE_LEADER, goteborg))
    add_courses(3, programme=programme, municipality=goteborg, leader=leader)
    LanguageTarget.objects.create(programme=programme, language=CourseLanguageFactory(), courses=6)
    client.force_login(regional_coordinator)
    url = reverse(url_name)
    get(client, url)  # warm up: sessions, content types

    with django_assert_max_num_queries(BUDGET[url_name]) as few:
        first = get(client, url)
    add_courses(57, programme=programme, municipality=goteborg, leader=leader)
    with django_assert_num_queries(len(few)):
        second = get(client, url)

    if url_name == "courses:list":
        assert len(first.context["courses"]) == 3
        # The list pages 50 at a time; the count says how many there are in all.
        assert len(second.context["courses"]) == 50
        assert second.context["page"].paginator.count == 60
    else:
        assert first.context["overview"]["total"].planned == 3
        assert second.context["overview"]["total"].planned == 60
