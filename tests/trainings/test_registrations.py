import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from equalcity.models import Role
from tests.factories import UserFactory
from trainings.models import MunicipalitySeats, StaffRegistration
from trainings.services import staff_registration_cancel, staff_registration_create

pytestmark = pytest.mark.django_db


def staff(municipality):
    return UserFactory(role=(Role.Kind.MUNICIPAL_STAFF, municipality))


def register(day, user, municipality):
    return staff_registration_create(training_day_id=day.pk, user=user, municipality=municipality)


def test_a_municipality_cannot_take_more_than_its_seats_and_others_still_can(
    training_day, molndal, partille
):
    MunicipalitySeats.objects.create(training_day=training_day, municipality=molndal, seats=2)
    m1, m2, m3 = (register(training_day, staff(molndal), molndal) for _ in range(3))
    p1 = register(training_day, staff(partille), partille)

    assert [r.status for r in (m1, m2, m3, p1)] == [
        "confirmed",
        "confirmed",
        "waitlisted",
        "confirmed",
    ]
    p2 = register(training_day, staff(partille), partille)
    assert p2.status == "confirmed"  # 4 of 4 seats now taken
    p3 = register(training_day, staff(partille), partille)
    assert p3.status == "waitlisted"

    # Partille frees a seat: Mölndal's waiter is first in line but Mölndal is at its cap,
    # so the seat is offered to Partille's waiter.
    offered = staff_registration_cancel(registration_id=p1.pk)
    assert [r.pk for r in offered] == [p3.pk]
    # Mölndal frees a seat: its own waiter is offered it, and the offer holds it.
    offered = staff_registration_cancel(registration_id=m1.pk)
    assert [r.pk for r in offered] == [m3.pk]
    holding = StaffRegistration.objects.filter(
        status__in=["confirmed", "offered"], municipality=molndal
    )
    assert sorted(holding.values_list("status", flat=True)) == ["confirmed", "offered"]


def test_registration_closes_at_the_deadline_and_no_one_registers_twice(training_day, molndal):
    person = staff(molndal)
    register(training_day, person, molndal)
    with pytest.raises(ValidationError) as refused:
        register(training_day, person, molndal)
    assert refused.value.code == "duplicate"

    training_day.registration_deadline = timezone.localdate() - dt.timedelta(days=1)
    training_day.save()
    with pytest.raises(ValidationError):
        register(training_day, staff(molndal), molndal)


def test_staff_register_themselves_and_coordinators_register_their_own_staff(
    client, training_day, molndal, goteborg, molndal_coordinator
):
    person = staff(molndal)
    client.force_login(person)
    client.post(reverse("trainings:register", args=[training_day.pk]))
    assert StaffRegistration.objects.get().user == person

    colleague, outsider = staff(molndal), staff(goteborg)
    client.force_login(molndal_coordinator)
    client.post(reverse("trainings:register", args=[training_day.pk]), {"user": colleague.pk})
    assert StaffRegistration.objects.filter(
        user=colleague, registered_by=molndal_coordinator, municipality=molndal
    ).exists()
    response = client.post(
        reverse("trainings:register", args=[training_day.pk]), {"user": outsider.pk}
    )
    assert response.status_code == 403, "another municipality's staff are not in the choices"
    assert not StaffRegistration.objects.filter(user=outsider).exists()


def test_each_sees_only_their_own_municipalitys_registrations(
    client, training_day, molndal, goteborg, molndal_coordinator, regional_coordinator
):
    own, other = staff(molndal), staff(goteborg)
    register(training_day, own, molndal)
    register(training_day, other, goteborg)
    url = reverse("trainings:detail", args=[training_day.pk])

    client.force_login(molndal_coordinator)
    assert [r.user for r in client.get(url).context["registrations"]] == [own]
    client.force_login(other)
    assert [r.user for r in client.get(url).context["registrations"]] == [other]
    client.force_login(regional_coordinator)
    assert {r.user for r in client.get(url).context["registrations"]} == {own, other}


def test_check_in_on_the_day(client, training_day, molndal, molndal_coordinator):
    registration = register(training_day, staff(molndal), molndal)
    client.force_login(molndal_coordinator)

    client.post(
        reverse("trainings:check_in", args=[training_day.pk, registration.pk]), {"present": "1"}
    )

    registration.refresh_from_db()
    assert registration.checked_in_at is not None
