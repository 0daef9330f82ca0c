import datetime as dt
from collections import Counter
from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command

from courses.models import Course, Meeting, SchoolBreak
from equalcity.models import Organisation, Role, User
from participants.models import Attendance, Registration
from questionnaires.models import Answer, Question, Respondent, Response, ScaleStep
from tests.demo.alive import (
    every_course_language,
    languages_open_for_registration,
    leaders_meetings_today,
    training_days_open_ahead,
)
from tests.demo.clock import clock_at
from trainings.models import ClusterMeeting, TrainingDay, WorkshopBooking

MODELS = (
    Organisation,
    User,
    Role,
    Authenticator,
    Course,
    Meeting,
    SchoolBreak,
    Registration,
    Attendance,
    TrainingDay,
    ClusterMeeting,
    WorkshopBooking,
    Question,
    ScaleStep,
    Respondent,
    Response,
    Answer,
)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def dates():
    """Every date a user sees: the meetings' and the training days'."""
    return (
        set(Meeting.objects.values_list("pk", "starts_at", "status")),
        set(TrainingDay.objects.values_list("pk", "date", "registration_deadline", "status")),
    )


@pytest.mark.django_db
def test_the_demo_programme_is_seed_001_and_loading_it_twice_changes_nothing():
    call_command("seed_demo", stdout=StringIO())
    first, first_dates = counts(), dates()
    call_command("seed_demo", stdout=StringIO())

    assert counts() == first
    assert dates() == first_dates
    assert Organisation.objects.filter(kind="municipality").count() == 13
    assert set(Organisation.objects.filter(takes_part=True).values_list("name", flat=True)) == {
        "Göteborg",
        "Härryda",
        "Kungälv",
        "Lerum",
        "Lilla Edet",
        "Mölndal",
        "Partille",
        "Stenungsund",
        "Öckerö",
    }
    courses = Course.objects.select_related("municipality", "language")
    assert courses.count() == 30
    assert Counter(c.municipality.name == "Göteborg" for c in courses) == {True: 20, False: 10}
    assert Counter(c.language.code for c in courses) == {
        "ar": 6,
        "fa-AF": 6,
        "en": 6,
        "so": 6,
        "ti": 6,
    }
    assert Meeting.objects.count() == 30 * 7
    regional = TrainingDay.objects.filter(kind="regional").order_by("date")
    assert TrainingDay.objects.filter(kind="course_leaders").count() == 1
    assert list(regional.values_list("title_sv", flat=True)) == [
        "Länderkunskap med fokus på Mellanöstern och Afrikas horn",
        "Tillit och bemötande med fokus på socialtjänsten",
        "Att göra socialtjänsten tillgänglig och begriplig",
        "Att arbeta med tolk",
    ]
    assert set(
        Role.objects.filter(user__email__endswith="@demo.equalcity.se").values_list(
            "kind", flat=True
        )
    ) == set(Role.Kind.values)


@pytest.mark.django_db
def test_a_demo_loaded_weeks_ago_comes_alive_again_without_doubling():
    with clock_at(dt.date(2026, 3, 2)):
        call_command("seed_demo", stdout=StringIO())
    later = dt.date(2026, 5, 20)

    with clock_at(later):
        call_command("seed_demo", stdout=StringIO())
        after, after_dates = counts(), dates()
        assert leaders_meetings_today()
        assert languages_open_for_registration() == every_course_language()
        assert training_days_open_ahead()
        assert Course.objects.filter(status="open", first_date__lt=later).count() == 0
        call_command("seed_demo", stdout=StringIO())

        assert counts() == after and dates() == after_dates
    assert 30 < after["Course"] <= 30 + 11, "only the open courses and a running one added"
