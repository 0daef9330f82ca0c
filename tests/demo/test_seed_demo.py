from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from courses.models import Course, Meeting, SchoolBreak
from equalcity.models import Organisation, Role, User
from trainings.models import TrainingDay


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Organisation, User, Role, Course, Meeting, SchoolBreak, TrainingDay)
    }


@pytest.mark.django_db
def test_the_demo_programme_is_seed_001_and_loading_it_twice_changes_nothing():
    call_command("seed_demo", stdout=StringIO())
    first = counts()
    call_command("seed_demo", stdout=StringIO())

    assert counts() == first
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
