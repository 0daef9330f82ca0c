"""A parent answers the questionnaire: on their own phone by the link, or on the leader's device
in questionnaire mode. What they answered is stored without their name, and no page ever shows
it again, to them or to the next parent."""

import re

import pytest
from django.conf import settings
from django.utils import translation

from equalcity.sms import sms_length
from participants.models import Registration, new_link_token
from participants.privacy import registration_erase
from questionnaires.messages import questionnaire_links_send, questionnaire_sms
from questionnaires.models import Answer, Respondent, Response
from questionnaires.selectors import answered

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def _parent(course, language):
    return course.registrations.get(language=language)


def test_the_sms_link_opens_the_questionnaire_in_the_parents_language(first_meeting_course, client):
    fatima = _parent(first_meeting_course, "ar")

    response = client.get(f"/r/{fatima.link_token}/q/")

    assert response.status_code == 302
    assert response["Location"] == f"/ar/r/{fatima.link_token}/questionnaire/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'lang="ar"' in page.content.decode() and 'dir="rtl"' in page.content.decode()
    assert "بدون اسمك" in page.content.decode() or page.context["sitting"].phase == "before"


def test_a_parent_answers_one_question_and_skips_the_other(first_meeting_course, client):
    hodan = _parent(first_meeting_course, "so")
    base = f"/so/r/{hodan.link_token}/questionnaire/"

    assert client.post(base)["Location"] == f"{base}1/"
    assert client.post(f"{base}1/", {"value": "4"})["Location"] == f"{base}2/"
    # The 'before' questionnaire has the two core questions; the course question comes after.
    assert client.post(f"{base}2/", {"value": "skip"})["Location"] == f"{base}thanks/"

    response = Response.objects.get()
    assert (response.phase, response.language, response.course_id) == (
        "before",
        "so",
        first_meeting_course.pk,
    )
    assert list(response.answers.values_list("question__position", "value")) == [(1, 4)]
    assert answered([hodan], "before") == {hodan.pk}
    # Nothing in the answers names the parent: the key is the only thread, and it is random.
    assert Respondent.objects.get(registration=hodan).key == response.respondent


def test_a_question_page_never_shows_an_earlier_answer(first_meeting_course, client):
    hodan = _parent(first_meeting_course, "so")
    page = f"/so/r/{hodan.link_token}/questionnaire/1/"
    before = CSRF.sub("", client.get(page).content.decode())

    client.post(page, {"value": "5"})

    after = CSRF.sub("", client.get(page).content.decode())
    assert after == before
    assert "checked" not in after and 'aria-pressed="true"' not in after


@pytest.mark.parametrize("value", ["9", "0", "²", "٤", "-1", "4 ", "x" * 5000, ""])
def test_a_value_off_the_scale_is_a_skip_never_an_error(first_meeting_course, client, value):
    hodan = _parent(first_meeting_course, "so")
    page = f"/so/r/{hodan.link_token}/questionnaire/1/"

    response = client.post(page, {"value": value})

    assert response.status_code == 302
    assert not Answer.objects.exists()


def test_the_questionnaire_is_closed_between_the_first_and_the_last_meeting(
    first_meeting_course, client
):
    import datetime as dt

    from django.utils import timezone

    from tests.questionnaires.conftest import meetings_from

    meetings_from(first_meeting_course, timezone.now() - dt.timedelta(weeks=3))
    hodan = _parent(first_meeting_course, "so")
    base = f"/so/r/{hodan.link_token}/questionnaire/"

    closed = client.get(base)
    assert closed.status_code == 200
    assert closed.templates[0].name == "questionnaires/closed.html"
    assert client.post(base).status_code == 200 and not Response.objects.exists()
    assert client.post(f"{base}1/", {"value": "4"})["Location"] == base
    assert not Answer.objects.exists()


def test_after_the_course_the_course_questions_follow_the_core_ones(last_meeting_course, client):
    saba = _parent(last_meeting_course, "ti")
    base = f"/ti/r/{saba.link_token}/questionnaire/"
    client.post(base)

    third = client.get(f"{base}3/")

    assert third.status_code == 200
    assert "ኮርስ" in third.content.decode()  # "The course helped me…" in Tigrinya
    assert client.get(f"{base}4/").status_code == 404


def test_a_language_with_a_missing_text_is_not_offered(first_meeting_course, questions, client):
    questions[1].text_ti = ""
    questions[1].save()
    saba = _parent(first_meeting_course, "ti")

    page = client.get(f"/ti/r/{saba.link_token}/questionnaire/").content.decode()

    assert questions[1].text_sv not in page
    assert 'hreflang="ar"' in page and 'hreflang="ti"' not in page


def test_erasure_cuts_the_key_and_keeps_the_answers(
    first_meeting_course, client, goteborg_coordinator
):
    hodan = _parent(first_meeting_course, "so")
    base = f"/so/r/{hodan.link_token}/questionnaire/"
    client.post(base)
    client.post(f"{base}1/", {"value": "2"})
    old_key = Respondent.objects.get(registration=hodan).key

    registration_erase(registration=hodan, actor=goteborg_coordinator, reason="asked by phone")

    assert not Respondent.objects.filter(registration=hodan).exists()
    response = Response.objects.get()
    assert response.respondent != old_key
    assert list(response.answers.values_list("value", flat=True)) == [2]


def test_the_link_goes_once_to_each_parent_who_has_not_answered(first_meeting_course, leader):
    hodan = _parent(first_meeting_course, "so")
    Respondent.objects.create(registration=hodan)
    Response.objects.create(
        respondent=Respondent.objects.get(registration=hodan).key,
        phase="before",
        course=first_meeting_course,
        language="so",
        answered_on=first_meeting_course.first_date,
    )
    meeting = first_meeting_course.meetings.get(number=1)

    assert questionnaire_links_send(user=leader, meeting=meeting) == 2
    assert questionnaire_links_send(user=leader, meeting=meeting) == 0


def test_a_leader_of_another_course_cannot_send_the_link(first_meeting_course, integrationscentrum):
    from django.core.exceptions import PermissionDenied

    from equalcity.models import Role
    from tests.factories import UserFactory

    stranger = UserFactory(role=(Role.Kind.COURSE_LEADER, integrationscentrum))
    with pytest.raises(PermissionDenied):
        questionnaire_links_send(user=stranger, meeting=first_meeting_course.meetings.first())


WORST_SITE = "https://" + "p" * 13 + ".example.se"  # the longest SITE_URL the check allows


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_sms_fits_two_segments_in_every_language(settings, language):
    settings.SITE_URL = WORST_SITE
    registration = Registration(link_token=new_link_token(), language=language)
    with translation.override("en"):
        english = questionnaire_sms(registration)

    with translation.override(language):
        text = questionnaire_sms(registration)

    assert sms_length(text).segments <= 2, (language, len(text))
    assert f"{WORST_SITE}/r/{registration.link_token}/q/" in text
    if language != "en":
        assert text != english, f"not translated into {language}"
