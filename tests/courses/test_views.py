import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from courses.models import Course, Meeting
from equalcity.models import Role
from tests.factories import (
    CourseFactory,
    CourseLanguageFactory,
    ProgrammeFactory,
    UserFactory,
    VenueFactory,
)


@pytest.fixture
def goteborg_course(goteborg, integrationscentrum):
    return CourseFactory(
        municipality=goteborg,
        organiser=integrationscentrum,
        first_date=dt.date(2031, 9, 2),
        registration_opens=dt.date(2031, 6, 1),
        registration_closes=dt.date(2031, 8, 30),
    )


@pytest.fixture
def molndal_course(molndal):
    return CourseFactory(
        municipality=molndal,
        first_date=dt.date(2031, 9, 3),
        registration_opens=dt.date(2031, 6, 1),
        registration_closes=dt.date(2031, 8, 30),
    )


def test_staff_pages_send_anonymous_visitors_to_the_login(client, db):
    response = client.get(reverse("courses:list"))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.django_db
def test_a_municipal_coordinator_cannot_see_or_change_another_municipalitys_course(
    client, molndal_coordinator, goteborg_course, molndal_course
):
    client.force_login(molndal_coordinator)

    listing = client.get(reverse("courses:list"))
    assert [c.pk for c in listing.context["courses"]] == [molndal_course.pk]

    meeting = goteborg_course.meetings.get(number=2)
    for url in (
        reverse("courses:detail", args=[goteborg_course.pk]),
        reverse("courses:edit", args=[goteborg_course.pk]),
        reverse("courses:meeting_move", args=[meeting.pk]),
        reverse("courses:meeting_cancel", args=[meeting.pk]),
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(reverse("courses:meeting_cancel", args=[meeting.pk]), {"reason": "x"})
    assert response.status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED


@pytest.mark.django_db
def test_the_goteborg_coordinator_manages_integrationscentrums_courses(
    client, goteborg_coordinator, goteborg_course, molndal_course
):
    client.force_login(goteborg_coordinator)

    listing = client.get(reverse("courses:list"))
    assert [c.pk for c in listing.context["courses"]] == [goteborg_course.pk]
    assert client.get(reverse("courses:edit", args=[goteborg_course.pk])).status_code == 200


@pytest.mark.django_db
def test_a_course_leader_sees_only_their_own_courses_and_cannot_edit(
    client, integrationscentrum, goteborg_course
):
    leader = UserFactory(role=(Role.Kind.COURSE_LEADER, integrationscentrum))
    other = CourseFactory(
        municipality=goteborg_course.municipality,
        organiser=integrationscentrum,
        first_date=dt.date(2031, 9, 4),
        registration_opens=dt.date(2031, 6, 1),
        registration_closes=dt.date(2031, 8, 30),
    )
    goteborg_course.leaders.add(leader)
    client.force_login(leader)

    listing = client.get(reverse("courses:list"))
    assert [c.pk for c in listing.context["courses"]] == [goteborg_course.pk]
    assert client.get(reverse("courses:detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("courses:edit", args=[goteborg_course.pk])).status_code == 403
    assert client.get(reverse("courses:overview")).status_code == 403


@pytest.mark.django_db
def test_the_evaluator_reads_courses_and_the_overview_but_changes_nothing(
    client, evaluator, goteborg_course, molndal_course
):
    client.force_login(evaluator)

    assert len(client.get(reverse("courses:list")).context["courses"]) == 2
    assert client.get(reverse("courses:overview")).status_code == 200
    assert client.get(reverse("courses:edit", args=[goteborg_course.pk])).status_code == 403
    assert client.get(reverse("courses:create")).status_code == 403


@pytest.mark.django_db
def test_course_list_filters_by_language_municipality_and_status(
    client, regional_coordinator, goteborg_course, molndal_course
):
    molndal_course.status = Course.Status.DRAFT
    molndal_course.save()
    client.force_login(regional_coordinator)

    by_place = client.get(reverse("courses:list"), {"municipality": molndal_course.municipality_id})
    by_status = client.get(reverse("courses:list"), {"status": "open"})

    assert [c.pk for c in by_place.context["courses"]] == [molndal_course.pk]
    assert [c.pk for c in by_status.context["courses"]] == [goteborg_course.pk]


@pytest.mark.django_db
def test_a_coordinator_previews_the_dates_then_creates_the_course(
    client, goteborg_coordinator, goteborg, integrationscentrum
):
    programme = ProgrammeFactory()
    venue = VenueFactory(municipality=goteborg)
    leader = UserFactory(role=(Role.Kind.COURSE_LEADER, integrationscentrum))
    client.force_login(goteborg_coordinator)
    form = {
        "programme": programme.pk,
        "language": CourseLanguageFactory().pk,
        "municipality": goteborg.pk,
        "organiser": integrationscentrum.pk,
        "venue": venue.pk,
        "leaders": [leader.pk],
        "capacity": 15,
        "eligibility": "region",
        "status": "open",
        "registration_opens": "2031-03-01",
        "registration_closes": "2031-04-01",
        "first_date": "2031-04-10",
        "start_time": "09:30",
        "title_sv": "Förälder i nytt land",
        "title_ar": "أن تكون والدًا في بلد جديد",
    }

    preview = client.post(reverse("courses:create"), {**form, "preview": "1"})
    assert preview.status_code == 200
    assert Course.objects.count() == 0
    # 2031-05-01 (a Thursday) is a public holiday: the preview says so and passes it over.
    html = preview.content.decode()
    assert "1 maj 2031" in html and "Första maj" in html
    entries = preview.context["preview"]
    assert [e["number"] for e in entries if not e["skipped"]] == [1, 2, 3, 4, 5, 6, 7]
    # In date order, each skipped date in its place with its reason.
    assert [e["date"] for e in entries] == sorted(e["date"] for e in entries)
    assert any(e["skipped"] and e["date"] == dt.date(2031, 5, 1) for e in entries)

    saved = client.post(reverse("courses:create"), {**form, "save": "1"})
    course = Course.objects.get()
    assert saved.status_code == 302
    assert list(course.leaders.all()) == [leader]
    dates = [timezone.localtime(m.starts_at).date() for m in course.meetings.all()]
    assert dates[:4] == [
        dt.date(2031, 4, 10),
        dt.date(2031, 4, 17),
        dt.date(2031, 4, 24),
        dt.date(2031, 5, 8),
    ]


@pytest.mark.django_db
def test_the_course_form_explains_errors_in_whole_sentences(client, goteborg_coordinator):
    client.force_login(goteborg_coordinator)

    response = client.post(
        reverse("courses:create"),
        {"registration_opens": "2031-05-01", "registration_closes": "2031-04-01", "save": "1"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert re.search(r'href="#id_first_date"', html)
    assert 'aria-invalid="true"' in html


@pytest.mark.django_db
def test_moving_a_meeting_through_the_page(client, goteborg_coordinator, goteborg_course):
    client.force_login(goteborg_coordinator)
    meeting = goteborg_course.meetings.get(number=2)

    response = client.post(
        reverse("courses:meeting_move", args=[meeting.pk]),
        {"date": "2031-09-11", "time": "17:30", "reason": "Lokalen är bokad"},
    )

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert timezone.localtime(meeting.starts_at).replace(tzinfo=None) == dt.datetime(
        2031, 9, 11, 17, 30
    )
    detail = client.get(reverse("courses:detail", args=[goteborg_course.pk])).content.decode()
    assert "Lokalen är bokad" in detail


@pytest.mark.django_db
def test_the_dates_can_be_previewed_before_the_rest_of_the_form_is_filled_in(
    client, goteborg_coordinator, goteborg
):
    programme = ProgrammeFactory()
    client.force_login(goteborg_coordinator)

    response = client.post(
        reverse("courses:create"),
        {
            "programme": programme.pk,
            "municipality": goteborg.pk,
            "first_date": "2031-04-10",
            "start_time": "17:30",
            "preview": "1",
        },
    )

    html = response.content.decode()
    assert [e["number"] for e in response.context["preview"] if not e["skipped"]] == [*range(1, 8)]
    assert "error-summary" not in html
    assert 'value="2031-04-10"' in html, "what the coordinator typed is kept"


@pytest.mark.django_db
def test_a_coordinator_gives_one_meeting_a_theme_of_its_own_and_parents_read_it(
    client, goteborg_coordinator, open_course
):
    from courses.models import MeetingTheme

    MeetingTheme.objects.create(
        programme=open_course.programme, number=2, title_sv="Förskola och skola", title_ar="المدرسة"
    )
    second = open_course.meetings.get(number=2)
    client.force_login(goteborg_coordinator)
    client.post(reverse("courses:meeting_theme", args=[second.pk]), {"theme": "Besök på skolan"})

    arabic = client.get(
        reverse("participants:course", args=[open_course.pk]).replace("/sv/", "/ar/")
    )
    html = arabic.content.decode()
    # Not translated yet: the Swedish theme is shown, marked as Swedish and kept left to right.
    assert '<span lang="sv" dir="ltr">Besök på skolan</span>' in html
    assert "المدرسة" not in html

    client.post(reverse("courses:meeting_theme", args=[second.pk]), {"theme": ""})
    html = client.get(
        reverse("participants:course", args=[open_course.pk]).replace("/sv/", "/ar/")
    ).content.decode()
    assert "المدرسة" in html and "Besök på skolan" not in html


@pytest.mark.django_db
def test_a_new_course_form_starts_with_the_only_choices_and_the_programmes_title(
    client, molndal_coordinator, molndal
):
    ProgrammeFactory(name_ar="أن تكون والدًا في بلد جديد")
    client.force_login(molndal_coordinator)
    form = client.get(reverse("courses:create")).context["form"]

    assert form.initial["municipality"] == molndal.pk, "the only municipality is chosen"
    assert form.initial["organiser"] == molndal.pk
    assert form.initial["title_sv"] == "Förälder i nytt land"
    assert form.initial["title_ar"] == "أن تكون والدًا في بلد جديد"
    with translation.override("en"):
        assert "invite them as a course leader" in str(form.fields["leaders"].help_text)
