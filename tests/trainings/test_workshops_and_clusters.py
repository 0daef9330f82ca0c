import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import OrganisationFactory, VenueFactory
from trainings.models import ClusterMeeting, StaffGroup, WorkshopBooking
from trainings.selectors import cluster_matrix
from trainings.services import (
    cluster_meeting_save,
    staff_group_size_warning,
    workshop_book,
    workshop_decide,
)

pytestmark = pytest.mark.django_db


def book(user, municipality, date):
    return workshop_book(
        user=user,
        municipality=municipality,
        requested_date=date,
        place="Stadshuset",
        expected_participants=20,
        contact_name="Mats",
        contact_email="mats@example.se",
    )


def test_one_workshop_per_municipality_and_programme_period(molndal_coordinator, molndal):
    book(molndal_coordinator, molndal, dt.date(2031, 10, 1))

    with pytest.raises(ValidationError) as refused:
        book(molndal_coordinator, molndal, dt.date(2032, 3, 1))
    assert refused.value.code == "already_booked"
    assert "Mölndal" in str(refused.value) and "2031/32" in str(refused.value)

    assert book(molndal_coordinator, molndal, dt.date(2032, 9, 1)).period == "2032/33"


def test_the_refusal_is_shown_on_the_page(client, molndal_coordinator, molndal):
    book(molndal_coordinator, molndal, dt.date(2031, 10, 1))
    client.force_login(molndal_coordinator)

    response = client.post(
        reverse("trainings:workshops"),
        {
            "municipality": molndal.pk,
            "requested_date": "2031-11-05",
            "place": "Kulturhuset",
            "expected_participants": 12,
            "contact_name": "Mats",
            "contact_email": "m@example.se",
        },
    )

    assert response.status_code == 200
    summary = response.content.decode().split('class="error-summary"')[1].split("</div>")[0]
    assert "Mölndal" in summary and "2031/32" in summary
    assert WorkshopBooking.objects.count() == 1


def test_gr_confirms_or_proposes_another_date(molndal_coordinator, regional_coordinator, molndal):
    booking = book(molndal_coordinator, molndal, dt.date(2031, 10, 1))

    with pytest.raises(ValidationError):
        workshop_decide(user=regional_coordinator, booking=booking, confirm=False)
    workshop_decide(
        user=regional_coordinator,
        booking=booking,
        confirm=False,
        other_date=dt.date(2031, 10, 8),
        note="Den 1 är lokalen bokad.",
    )

    booking.refresh_from_db()
    assert (booking.status, booking.confirmed_date) == ("other_date", dt.date(2031, 10, 8))


@pytest.fixture
def municipalities(region):
    return [OrganisationFactory(slug=f"k{n}", name=f"Kommun {n}", parent=region) for n in range(5)]


@pytest.mark.parametrize(("count", "allowed"), [(2, False), (3, True), (4, True), (5, False)])
def test_a_cluster_meeting_brings_together_three_or_four_municipalities(
    regional_coordinator, municipalities, goteborg, count, allowed
):
    meeting = ClusterMeeting(
        date=dt.date(2031, 5, 5),
        starts_at=dt.time(13),
        ends_at=dt.time(16),
        venue=VenueFactory(municipality=goteborg),
    )

    if allowed:
        cluster_meeting_save(
            user=regional_coordinator, meeting=meeting, municipalities=municipalities[:count]
        )
        assert meeting.municipalities.count() == count
    else:
        with pytest.raises(ValidationError) as refused:
            cluster_meeting_save(
                user=regional_coordinator, meeting=meeting, municipalities=municipalities[:count]
            )
        (message,) = refused.value.message_dict["municipalities"]
        assert "3" in message and "4" in message and str(count) in message
        assert ClusterMeeting.objects.count() == 0


@pytest.mark.parametrize(("size", "warned"), [(5, True), (6, False), (10, False), (11, True)])
def test_staff_groups_outside_six_to_ten_are_allowed_with_a_warning(molndal, size, warned):
    group = StaffGroup.objects.create(municipality=molndal)

    warning = staff_group_size_warning(group, size)

    assert (warning is not None) == warned
    if warned:
        assert f"{size}" in warning and "6" in warning and "10" in warning


def test_the_planning_view_counts_who_has_met_whom(regional_coordinator, municipalities, goteborg):
    for group in ([0, 1, 2], [0, 1, 3, 4]):
        meeting = ClusterMeeting(
            date=dt.date(2031, 5, 5),
            starts_at=dt.time(13),
            ends_at=dt.time(16),
            venue=VenueFactory(municipality=goteborg),
            status=ClusterMeeting.Status.HELD,
        )
        cluster_meeting_save(
            user=regional_coordinator,
            meeting=meeting,
            municipalities=[municipalities[i] for i in group],
        )

    names, rows = cluster_matrix()
    counts = {(row.name, column.name): count for row, cells in rows for column, count in cells}

    assert counts["Kommun 0", "Kommun 1"] == 2
    assert counts["Kommun 0", "Kommun 2"] == 1
    assert counts["Kommun 2", "Kommun 3"] == 0
    assert counts["Kommun 4", "Kommun 4"] is None


def test_only_gr_plans_cluster_meetings(client, molndal_coordinator):
    client.force_login(molndal_coordinator)

    assert client.post(reverse("trainings:clusters"), {}).status_code == 403
    assert client.get(reverse("trainings:clusters")).status_code == 200


def test_a_municipality_id_beyond_64_bits_is_an_error_on_the_form_not_a_crash(
    client, regional_coordinator, molndal, goteborg
):
    venue = VenueFactory(municipality=goteborg)
    client.force_login(regional_coordinator)

    response = client.post(
        reverse("trainings:clusters"),
        {
            "date": "2031-04-02",
            "starts_at": "13:00",
            "ends_at": "16:00",
            "venue": venue.pk,
            "municipalities": [molndal.pk, "99999999999999999999"],
        },
    )

    assert response.status_code == 200
    assert "99999999999999999999" in response.context["form"].errors["municipalities"][0]
    assert ClusterMeeting.objects.count() == 0
