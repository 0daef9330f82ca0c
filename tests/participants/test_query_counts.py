"""The catalogue and a course page cost the same, and no more than their budget, with 5 or 65
courses."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from participants.services import registration_create
from tests.factories import CourseFactory
from tests.participants.conftest import parent

pytestmark = pytest.mark.django_db


def add_open_courses(count, municipality, *, registrations=2):
    today = timezone.localdate()
    courses = []
    for number in range(count):
        course = CourseFactory(
            municipality=municipality,
            capacity=1,
            registration_opens=today - dt.timedelta(days=3),
            registration_closes=today + dt.timedelta(days=20),
            first_date=today + dt.timedelta(days=30 + number % 20),
        )
        for person in range(registrations):
            registration_create(
                course_id=course.pk,
                municipality=municipality,
                **parent(phone=f"+467033{number:03d}{person:02d}"),
            )
        courses.append(course)
    return courses


#: What each page may cost at most, whatever the number of courses (measured: 2 fewer).
CATALOGUE_BUDGET = 6
COURSE_PAGE_BUDGET = 7


def render(client, url):
    """The page rendered anew (the public-page cache is emptied first)."""
    cache.clear()
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_the_catalogue_does_not_grow_with_the_number_of_courses(
    client, goteborg, django_assert_max_num_queries, django_assert_num_queries
):
    add_open_courses(5, goteborg)
    url = reverse("participants:catalogue")
    render(client, url)

    with django_assert_max_num_queries(CATALOGUE_BUDGET) as few:
        first = render(client, url)
    add_open_courses(60, goteborg, registrations=0)
    with django_assert_num_queries(len(few)):
        second = render(client, url)

    assert first.context["page"].paginator.count == 5
    # 65 courses: the first page of 20, the soonest first, and the count of all of them.
    assert second.context["page"].paginator.count == 65
    assert len(second.context["courses"]) == 20
    assert all(
        course.seats_left == 0 and course.waiting == 1 for course in first.context["courses"]
    )
    last = client.get(url, {"page": 4})
    assert len(last.context["courses"]) == 5 and not last.context["page"].has_next()


def test_a_course_page_does_not_grow_with_the_number_of_courses(
    client, goteborg, django_assert_max_num_queries, django_assert_num_queries
):
    (course,) = add_open_courses(1, goteborg)
    url = reverse("participants:course", kwargs={"pk": course.pk})
    render(client, url)

    with django_assert_max_num_queries(COURSE_PAGE_BUDGET) as few:
        render(client, url)
    add_open_courses(30, goteborg, registrations=0)
    course.capacity = 100
    course.save()
    for person in range(40):  # the course under test grows too
        registration_create(
            course_id=course.pk,
            municipality=goteborg,
            **parent(phone=f"+4670339{person:04d}"),
        )
    with django_assert_num_queries(len(few)):
        response = render(client, url)

    assert (response.context["course"].confirmed, response.context["course"].waiting) == (41, 1)
