"""The translation workspace: what is missing per language, one language saved at a time, a
translator who sees their languages and nothing else, and the publishing rule it serves."""

import datetime as dt

import pytest
from django.urls import reverse

from courses.models import Course, MeetingTheme
from equalcity import translations
from equalcity.models import Role
from tests.factories import CourseFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(goteborg, integrationscentrum):
    programme = ProgrammeFactory()
    MeetingTheme.objects.create(
        programme=programme, number=1, title_sv="Barns rättigheter", title_ar="حقوق الأطفال"
    )
    return CourseFactory(
        programme=programme,
        municipality=goteborg,
        organiser=integrationscentrum,
        description_sv="Sju träffar på ditt eget språk.",
        description_ar="سبعة لقاءات بلغتك.",
        status=Course.Status.DRAFT,
    )


@pytest.fixture
def translator(region):
    user = UserFactory(role=(Role.Kind.TRANSLATOR, region))
    Role.objects.filter(user=user).update(languages=["ti"])
    return user


def test_coverage_counts_the_texts_written_in_swedish_and_their_translations(course):
    table = translations.coverage(languages=["ar", "ti"])

    # The course: title (in all six languages, from the factory) and description (sv, ar).
    assert table["courses.course"]["ar"].texts == 2
    assert table["courses.course"]["ar"].translated == 2
    assert table["courses.course"]["ti"].translated == 1
    assert table["courses.meetingtheme"]["ti"].missing == 1
    # The programme's name and the course language's name exist only in Swedish (and English).
    assert translations.total_coverage(table, "ar").missing == 2


def test_a_translator_translates_into_their_language_and_only_that_language_is_saved(
    client, course, translator
):
    client.force_login(translator)
    page = client.get(reverse("translations"))
    assert page.status_code == 200
    html = page.content.decode()
    # Only Tigrinya is offered; the course's missing description is listed with a link.
    assert [code for code, _name in page.context["form"].fields["language"].choices] == ["ti"]
    edit = reverse("translation_edit", args=["courses.course", course.pk, "ti"])
    assert edit in html

    form = client.get(edit)
    assert "Sju träffar på ditt eget språk." in form.content.decode(), "the Swedish source"
    saved = client.post(edit, {"title": course.title_ti, "description": "ሸውዓተ ርክባት ብቋንቋኹም።"})

    assert saved.status_code == 302
    course.refresh_from_db()
    assert course.description_ti == "ሸውዓተ ርክባት ብቋንቋኹም።"
    assert (course.description_sv, course.description_ar) == (
        "Sju träffar på ditt eget språk.",
        "سبعة لقاءات بلغتك.",
    )
    arabic = reverse("translation_edit", args=["courses.course", course.pk, "ar"])
    assert client.get(arabic).status_code == 404
    assert client.post(arabic, {"description": "x"}).status_code == 404
    course.refresh_from_db()
    assert course.description_ar == "سبعة لقاءات بلغتك."


def test_a_translator_sees_no_staff_page(client, translator, course):
    client.force_login(translator)
    for name, args in [
        ("courses:list", []),
        ("courses:detail", [course.pk]),
        ("participants:staff_list", [course.pk]),
        ("trainings:list", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code in (403, 404), name


def test_a_translation_with_control_characters_is_refused_in_words(client, course, translator):
    client.force_login(translator)
    edit = reverse("translation_edit", args=["courses.course", course.pk, "ti"])
    response = client.post(edit, {"description": "ሸውዓተ\u202eርክባት"})
    assert response.status_code == 200
    assert response.context["form"].errors["description"]
    course.refresh_from_db()
    assert not course.description_ti


def test_the_workspace_asks_the_same_queries_for_3_or_30_courses(
    client, regional_coordinator, goteborg, integrationscentrum, django_assert_num_queries
):
    client.force_login(regional_coordinator)

    def add(count):
        for n in range(count):
            CourseFactory(
                municipality=goteborg,
                organiser=integrationscentrum,
                first_date=dt.date(2031, 9, 1) + dt.timedelta(weeks=n),
                registration_opens=dt.date(2031, 6, 1),
                registration_closes=dt.date(2031, 8, 30),
                description_sv=f"Beskrivning {n}",
                status=Course.Status.DRAFT,
            )

    add(3)
    client.get(reverse("translations"))  # warm up
    url = reverse("translations") + "?language=so&missing=on"
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(27)
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    sections = {section["item"].key: section for section in response.context["sections"]}
    assert sections["courses.course"]["coverage"].missing == 30


def test_the_course_form_says_in_words_what_parents_would_miss(
    client, goteborg_coordinator, course
):
    client.force_login(goteborg_coordinator)
    course.description_ar = ""
    course.save()
    page = client.get(reverse("courses:edit", args=[course.pk]))
    (missing,) = page.context["missing_texts"]
    assert "arabiska" in missing and missing in page.content.decode()

    refused = client.post(
        reverse("courses:edit", args=[course.pk]),
        {**_form_data(course), "status": "open", "save": "1"},
    )
    assert refused.status_code == 200
    assert "status" in refused.context["form"].errors
    course.refresh_from_db()
    assert course.status == Course.Status.DRAFT


def _form_data(course):
    data = {
        "programme": course.programme_id,
        "language": course.language_id,
        "municipality": course.municipality_id,
        "organiser": course.organiser_id,
        "venue": course.venue_id,
        "capacity": course.capacity,
        "eligibility": course.eligibility,
        "registration_opens": course.registration_opens.isoformat(),
        "registration_closes": course.registration_closes.isoformat(),
        "first_date": course.first_date.isoformat(),
        "start_time": "09:30",
    }
    for field in ("title", "description", "target_group"):
        for code in ("sv", "en", "ar", "fa_af", "so", "ti"):
            data[f"{field}_{code}"] = getattr(course, f"{field}_{code}") or ""
    return data


def test_the_programme_overview_shows_each_languages_coverage(client, regional_coordinator, course):
    client.force_login(regional_coordinator)
    response = client.get(reverse("courses:overview"))
    rows = {row.language: row for row in response.context["coverage"]}
    # In Arabic only the programme's name and the course language's name are missing; in
    # Tigrinya also the course's description and the theme of meeting 1.
    assert rows["ar"].missing == 2
    assert rows["ti"].missing == 4


def test_the_overview_counts_a_new_translation_at_once_and_no_sooner(
    client, regional_coordinator, course, translator, django_capture_on_commit_callbacks
):
    """The overview keeps its coverage figures between visits (counting them reads every course
    and meeting), but a saved translation shows on the very next visit."""
    client.force_login(regional_coordinator)
    coverage = reverse("courses:overview")
    before = {row.language: row.missing for row in client.get(coverage).context["coverage"]}
    assert before["ti"] == 4

    # Written behind the workspace's back (as a data import would), nothing tells the overview.
    Course.objects.filter(pk=course.pk).update(title_ti="")
    kept = {row.language: row.missing for row in client.get(coverage).context["coverage"]}
    assert kept == before

    with django_capture_on_commit_callbacks(execute=True):
        translations.translation_save(
            user=translator,
            item=translations.entry("courses.course"),
            row_id=course.pk,
            language="ti",
            texts={"title": "ወላዲ ኣብ ሓድሽ ሃገር", "description": "ሸውዓተ ርክባት ብቋንቋኹም።"},
        )
    after = {row.language: row.missing for row in client.get(coverage).context["coverage"]}
    # The description is translated now; the title was emptied and written again.
    assert after["ti"] == before["ti"] - 1
    assert after["ar"] == before["ar"]
