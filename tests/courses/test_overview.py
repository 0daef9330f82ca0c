import datetime as dt

import pytest
from django.urls import reverse

from courses.models import Course, LanguageTarget
from courses.selectors import programme_overview
from tests.factories import (
    CourseFactory,
    CourseLanguageFactory,
    OrganisationFactory,
    ProgrammeFactory,
)


@pytest.mark.django_db
def test_the_overview_counts_courses_against_the_targets(goteborg, molndal):
    programme = ProgrammeFactory(
        central_municipality=goteborg,
        target_courses=30,
        target_central_courses=20,
        target_local_courses=10,
    )
    arabic = CourseLanguageFactory(code="ar", name="arabiska")
    tigrinya = CourseLanguageFactory(code="ti", name="tigrinja")
    LanguageTarget.objects.create(programme=programme, language=arabic, courses=6)
    LanguageTarget.objects.create(programme=programme, language=tigrinya, courses=6)
    kungalv = OrganisationFactory(slug="kungalv", name="Kungälv")
    plan = [
        (goteborg, arabic, Course.Status.OPEN),
        (goteborg, arabic, Course.Status.RUNNING),
        (goteborg, tigrinya, Course.Status.FINISHED),
        (molndal, arabic, Course.Status.RUNNING),
        (kungalv, tigrinya, Course.Status.CANCELLED),
    ]
    for number, (municipality, language, status) in enumerate(plan):
        CourseFactory(
            programme=programme,
            municipality=municipality,
            language=language,
            status=status,
            first_date=dt.date(2031, 9, 1 + number),
            registration_opens=dt.date(2031, 6, 1),
            registration_closes=dt.date(2031, 8, 30),
        )

    overview = programme_overview(programme=programme)

    total, central, local = overview["total"], overview["central"], overview["local"]
    assert (total.target, total.planned, total.running, total.finished, total.gap) == (
        30,
        4,
        2,
        1,
        26,
    )
    assert (central.target, central.planned, central.running, central.finished) == (20, 3, 1, 1)
    assert (local.target, local.planned, local.running, local.finished) == (10, 1, 1, 0)
    assert overview["cancelled"] == 1
    by_language = {row.label: (row.target, row.planned, row.gap) for row in overview["languages"]}
    assert by_language == {"arabiska": (6, 3, 3), "tigrinja": (6, 1, 5)}


@pytest.mark.django_db
def test_a_municipal_coordinator_sees_their_own_municipality_beside_the_targets(
    client, molndal_coordinator, goteborg, molndal, integrationscentrum
):
    from participants.services import registration_create
    from tests.participants.conftest import parent

    programme = ProgrammeFactory()
    ours = CourseFactory(programme=programme, municipality=molndal, capacity=2)
    CourseFactory(programme=programme, municipality=goteborg, organiser=integrationscentrum)
    for n in range(3):
        registration_create(
            course_id=ours.pk, municipality=molndal, **parent(phone=f"+4670555000{n}")
        )
    client.force_login(molndal_coordinator)

    (row,) = client.get(reverse("courses:overview")).context["municipalities"]

    assert (row.name, row.courses, row.seats, row.taken, row.waiting) == ("Mölndal", 1, 2, 2, 1)
    assert row.fill_rate == 100
