"""Training days offer a freed seat by e-mail, as courses do for parents."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from equalcity.models import Message, Role
from tests.factories import UserFactory
from trainings.models import StaffRegistration, TrainingDay
from trainings.services import (
    staff_offers_expire,
    staff_registration_cancel,
    staff_registration_create,
)

pytestmark = pytest.mark.django_db


def staff(municipality, **fields):
    return UserFactory(role=(Role.Kind.MUNICIPAL_STAFF, municipality), **fields)


@pytest.fixture
def full_day(training_day, molndal):
    training_day.capacity = 1
    training_day.save()
    people = [staff(molndal, language=language) for language in ("sv", "so", "ar")]
    registrations = [
        staff_registration_create(training_day_id=training_day.pk, user=p, municipality=molndal)
        for p in people
    ]
    return training_day, registrations


def test_a_freed_seat_is_offered_by_e_mail_in_the_staff_members_language(full_day):
    day, (seated, first, second) = full_day

    staff_registration_cancel(registration_id=seated.pk)

    first.refresh_from_db()
    assert first.status == "offered"
    day_starts = timezone.make_aware(dt.datetime.combine(day.date, day.starts_at))
    assert timezone.now() < first.offer_expires_at <= day_starts
    offer = Message.objects.get(kind="training_seat_offered")
    assert (offer.recipient_id, offer.channel, offer.language) == (first.pk, "email", "so")
    assert reverse("trainings:detail", kwargs={"pk": day.pk}).split("/", 2)[2] in offer.body


def test_the_offer_never_lasts_past_the_start_of_the_day(full_day, settings):
    settings.OFFER_HOURS = 24 * 365
    day, (seated, first, _second) = full_day

    staff_registration_cancel(registration_id=seated.pk)

    first.refresh_from_db()
    day_starts = timezone.make_aware(dt.datetime.combine(day.date, day.starts_at))
    assert first.offer_expires_at == day_starts


def test_the_staff_member_takes_the_seat_on_the_training_day_page(full_day, client):
    day, (seated, first, second) = full_day
    staff_registration_cancel(registration_id=seated.pk)
    client.force_login(first.user)

    page = client.get(reverse("trainings:detail", kwargs={"pk": day.pk})).content.decode()
    assert 'value="accept"' in page
    client.post(
        reverse("trainings:offer", kwargs={"pk": day.pk, "registration_pk": first.pk}),
        {"answer": "accept"},
    )

    first.refresh_from_db()
    assert (first.status, first.offer_answered_via) == ("confirmed", "link")
    second.refresh_from_db()
    assert second.status == "waitlisted"


def test_an_expired_offer_passes_to_the_next_in_line(full_day):
    _day, (seated, first, second) = full_day
    staff_registration_cancel(registration_id=seated.pk)
    first.refresh_from_db()

    assert staff_offers_expire(now=first.offer_expires_at) == {"expired": 1, "offered": 1}

    assert StaffRegistration.objects.get(pk=first.pk).offer_answer == "expired"
    assert StaffRegistration.objects.get(pk=second.pk).status == "offered"
    assert Message.objects.filter(kind="training_seat_offered", recipient_id=second.pk).exists()


def test_a_seat_freed_on_one_day_is_offered_to_that_days_queue_only(training_day, molndal):
    training_day.capacity = 1
    training_day.save()
    other_day = TrainingDay.objects.get(pk=training_day.pk)
    other_day.pk = None
    other_day.save()
    # The other day filled up first: its queue is the older one.
    queues = {}
    for day in (other_day, training_day):
        queues[day.pk] = [
            staff_registration_create(
                training_day_id=day.pk, user=staff(molndal), municipality=molndal
            )
            for _ in range(2)
        ]
    seated, first = queues[training_day.pk]
    _taken, waiting_longer = queues[other_day.pk]

    staff_registration_cancel(registration_id=seated.pk)

    assert StaffRegistration.objects.get(pk=first.pk).status == "offered"
    assert StaffRegistration.objects.get(pk=waiting_longer.pk).status == "waitlisted"
