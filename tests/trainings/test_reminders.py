import datetime as dt
import re

import pytest
from django.utils import timezone

from equalcity.models import Message, Role
from tests.factories import UserFactory, VenueFactory
from trainings.models import StaffRegistration, TrainingDay
from trainings.planning import plan_staff_messages, plan_training_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def training_day(region, goteborg):
    day = timezone.localdate() + dt.timedelta(days=2)
    return TrainingDay.objects.create(
        organiser=region,
        title="Att arbeta med tolk",
        title_ti="ምስ ተርጓሚ ምስራሕ",
        date=day,
        starts_at=dt.time(9),
        ends_at=dt.time(16),
        venue=VenueFactory(municipality=goteborg),
        registration_deadline=day - dt.timedelta(days=7),
        status=TrainingDay.Status.OPEN,
    )


def register(day, user, municipality, status="confirmed"):
    return StaffRegistration.objects.create(
        training_day=day, user=user, municipality=municipality, status=status
    )


def test_staff_get_one_reminder_two_days_before_in_their_language(training_day, molndal):
    tigrinya = UserFactory(role=(Role.Kind.MUNICIPAL_STAFF, molndal), language="ti")
    swedish = UserFactory(role=(Role.Kind.MUNICIPAL_STAFF, molndal))
    waiting = UserFactory(role=(Role.Kind.MUNICIPAL_STAFF, molndal))
    register(training_day, tigrinya, molndal)
    register(training_day, swedish, molndal)
    register(training_day, waiting, molndal, status="waitlisted")

    assert plan_staff_messages()["training_reminders"] == 2
    assert plan_training_reminders() == 2  # offered again, created nothing
    reminders = Message.objects.filter(kind="training_reminder")

    assert sorted(reminders.values_list("to_address", flat=True)) == sorted(
        [tigrinya.email, swedish.email]
    )
    ti = reminders.get(to_address=tigrinya.email)
    assert ti.channel == "email" and re.search(r"[\u1200-\u137F]", ti.subject + ti.body)
    assert "ምስ ተርጓሚ ምስራሕ" in ti.subject


def test_no_reminder_earlier_than_two_days_before(training_day, molndal):
    training_day.date = timezone.localdate() + dt.timedelta(days=3)
    training_day.save()
    register(training_day, UserFactory(role=(Role.Kind.MUNICIPAL_STAFF, molndal)), molndal)

    assert plan_training_reminders() == 0
