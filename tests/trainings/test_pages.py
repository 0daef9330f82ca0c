import datetime as dt

import pytest
from django.urls import reverse

from equalcity.models import Role
from tests.factories import UserFactory, VenueFactory
from tests.pdf_utils import missing_glyphs, pdf_text
from trainings.models import ClusterMeeting, StaffGroup, StaffGroupMember, TrainingDay
from trainings.services import cluster_meeting_save

pytestmark = pytest.mark.django_db


def test_gr_plans_a_training_day_with_its_programme(client, regional_coordinator, region, goteborg):
    venue = VenueFactory(municipality=goteborg)
    client.force_login(regional_coordinator)
    form = {
        "kind": "regional",
        "organiser": region.pk,
        "date": "2031-09-11",
        "starts_at": "09:00",
        "ends_at": "16:00",
        "venue": venue.pk,
        "capacity": 60,
        "registration_deadline": "2031-08-28",
        "status": "open",
        "title_sv": "Att göra socialtjänsten tillgänglig och begriplig",
        "programme": "09:00 | Välkommen | GR\n10:00 | Begriplig information",
    }

    bad = client.post(reverse("trainings:create"), {**form, "programme": "nio | Välkommen"})
    assert bad.status_code == 200 and TrainingDay.objects.count() == 0
    response = client.post(reverse("trainings:create"), form)

    day = TrainingDay.objects.get()
    assert response.status_code == 302
    assert [(i.starts_at, i.title, i.speaker) for i in day.programme_items.all()] == [
        (dt.time(9), "Välkommen", "GR"),
        (dt.time(10), "Begriplig information", ""),
    ]


def test_only_gr_plans_training_days(client, molndal_coordinator):
    client.force_login(molndal_coordinator)

    assert client.get(reverse("trainings:create")).status_code == 403


def test_the_summary_written_by_the_coordinator_becomes_a_pdf(
    client, regional_coordinator, training_day, molndal
):
    client.force_login(regional_coordinator)
    client.post(
        reverse("trainings:summary", args=[training_day.pk]),
        {
            "summary_sv": "Dagen handlade om tolkens roll.\nVi övade på samtal.",
            "key_points_sv": "Boka tolk i god tid\nTala direkt till familjen",
            "discussion_questions_sv": "Hur bokar vi tolk i vårt arbetslag?",
        },
    )

    client.force_login(UserFactory(role=(Role.Kind.MUNICIPAL_STAFF, molndal)))
    response = client.get(reverse("trainings:document", args=[training_day.pk, "summary", "sv"]))
    pdf = b"".join(response.streaming_content)
    text = " ".join(pdf_text(pdf).split())

    assert response.status_code == 200
    for expected in (
        "Att arbeta med tolk",
        "Dagen handlade om tolkens roll.",
        "Boka tolk i god tid",
        "Hur bokar vi tolk i vårt arbetslag?",
    ):
        assert expected in text
    assert missing_glyphs(pdf) == {}


def held_meeting(regional_coordinator, municipalities, goteborg, minutes):
    meeting = ClusterMeeting(
        date=dt.date(2031, 4, 2),
        starts_at=dt.time(13),
        ends_at=dt.time(16),
        venue=VenueFactory(municipality=goteborg),
        status=ClusterMeeting.Status.HELD,
        minutes=minutes,
    )
    return cluster_meeting_save(
        user=regional_coordinator, meeting=meeting, municipalities=municipalities
    )


def test_minutes_are_for_the_municipalities_that_met(
    client, regional_coordinator, molndal, goteborg, region
):
    from tests.factories import OrganisationFactory

    others = [OrganisationFactory(slug=f"o{n}", name=f"Ort {n}", parent=region) for n in range(2)]
    meeting = held_meeting(
        regional_coordinator, [molndal, *others], goteborg, "Vi delade erfarenheter av samverkan."
    )
    url = reverse("trainings:cluster_minutes_pdf", args=[meeting.pk, "sv"])

    client.force_login(UserFactory(role=(Role.Kind.MUNICIPAL_STAFF, goteborg)))
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(role=(Role.Kind.MUNICIPAL_STAFF, molndal)))
    response = client.get(url)
    text = pdf_text(b"".join(response.streaming_content))
    assert "Vi delade erfarenheter av samverkan." in text and "Mölndal" in text
    documents = client.get(reverse("trainings:documents")).content.decode()
    assert url in documents


def test_the_staff_group_page_warns_when_the_group_is_too_small(
    client, molndal, molndal_coordinator
):
    group = StaffGroup.objects.create(municipality=molndal)
    for function in ("school", "health"):
        StaffGroupMember.objects.create(
            group=group,
            user=UserFactory(role=(Role.Kind.MUNICIPAL_STAFF, molndal)),
            function=function,
        )
    client.force_login(molndal_coordinator)

    response = client.get(reverse("trainings:staff_group"))

    assert response.status_code == 200
    assert response.context["warning"] and "2" in response.context["warning"]
    assert 'class="notice"' in response.content.decode()


@pytest.mark.parametrize("page", ["trainings:documents", "trainings:staff_group"])
@pytest.mark.parametrize("value", ["x", "999999", "-1", "1e309", "99999999999999999999", "\x00"])
def test_a_municipality_filter_that_names_no_municipality_gets_the_400_page(
    client, regional_coordinator, molndal, integrationscentrum, page, value
):
    client.force_login(regional_coordinator)

    response = client.get(reverse(page), {"municipality": value})

    assert response.status_code == 400
    assert "Det som skickades kunde inte läsas" in response.content.decode()


@pytest.mark.parametrize("page", ["trainings:documents", "trainings:staff_group"])
def test_a_unit_is_not_a_municipality_to_filter_by(
    client, regional_coordinator, integrationscentrum, page
):
    client.force_login(regional_coordinator)

    response = client.get(reverse(page), {"municipality": integrationscentrum.pk})

    assert response.status_code == 400


@pytest.mark.parametrize("page", ["trainings:documents", "trainings:staff_group"])
def test_gr_chooses_a_municipality_to_look_at(client, regional_coordinator, molndal, page):
    client.force_login(regional_coordinator)

    response = client.get(reverse(page), {"municipality": molndal.pk})

    assert response.status_code == 200
    assert "Mölndal" in response.content.decode()


def test_a_municipal_coordinators_filter_is_ignored_not_an_error(
    client, molndal_coordinator, molndal
):
    client.force_login(molndal_coordinator)

    response = client.get(reverse("trainings:staff_group"), {"municipality": "x"})

    assert response.status_code == 200
    assert "Mölndal" in response.content.decode()


@pytest.mark.django_db
def test_staff_see_the_deadline_and_no_register_button_after_it(client, region, molndal):
    import datetime as dt

    from django.utils import timezone

    from equalcity.models import Role
    from tests.factories import UserFactory, VenueFactory
    from trainings.models import TrainingDay

    today = timezone.localdate()
    staff = UserFactory(role=(Role.Kind.MUNICIPAL_STAFF, molndal))
    venue = VenueFactory(municipality=molndal)

    def day(title, deadline):
        return TrainingDay.objects.create(
            organiser=region,
            title=title,
            date=today + dt.timedelta(days=30),
            starts_at=dt.time(9),
            ends_at=dt.time(16),
            venue=venue,
            registration_deadline=deadline,
            status=TrainingDay.Status.OPEN,
        )

    open_day = day("Att arbeta med tolk", today + dt.timedelta(days=5))
    late_day = day("Tillit och bemötande", today - dt.timedelta(days=1))
    client.force_login(staff)

    register = 'action="' + reverse("trainings:register", args=[open_day.pk])
    assert register in client.get(reverse("trainings:detail", args=[open_day.pk])).content.decode()
    late = client.get(reverse("trainings:detail", args=[late_day.pk]))
    assert late.context["day"].open_for_registration is False
    assert 'action="' + reverse("trainings:register", args=[late_day.pk]) not in (
        late.content.decode()
    )
    listing = client.get(reverse("trainings:list")).content.decode()
    assert reverse("trainings:detail", args=[open_day.pk]) in listing


@pytest.mark.django_db
def test_a_coordinators_workshop_booking_starts_with_their_own_contact_details(
    client, molndal, molndal_coordinator
):
    molndal.phone = "031-123 45 67"
    molndal.save()
    client.force_login(molndal_coordinator)
    form = client.get(reverse("trainings:workshops")).context["form"]
    assert form.initial["municipality"] == molndal.pk
    assert form.initial["contact_email"] == molndal_coordinator.email
    assert form.initial["contact_phone"] == "031-123 45 67"
    page = client.get(reverse("trainings:documents")).content.decode()
    assert reverse("trainings:workshops") in page
