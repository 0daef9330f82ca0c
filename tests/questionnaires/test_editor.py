"""The questionnaire's editor: who may open it, and what adding and changing a question or an
answer scale does to its translations and recordings."""

import pytest
from django.urls import reverse
from django.utils import translation

from questionnaires.models import Question, QuestionAudio, Scale
from tests.questionnaires.sounds import upload, wav_bytes

pytestmark = pytest.mark.django_db

EDITORS = {"regional", "evaluator"}


def url(name, **kwargs):
    """The page in English, the language the messages are written in."""
    with translation.override("en"):
        return reverse(f"questionnaires:{name}", kwargs=kwargs)


def pages(question, programme, scale):
    return [
        ("get", url("question_list")),
        ("get", url("question_create", programme=programme.slug)),
        ("get", url("question_edit", pk=question.pk)),
        ("get", url("scale_create")),
        ("get", url("scale_edit", pk=scale.pk)),
        ("get", url("recording", pk=question.pk, language="ar")),
        ("post", url("recording_delete", pk=question.pk, language="ar")),
    ]


@pytest.mark.parametrize(
    "who", ["regional", "evaluator", "leader", "coordinator", "staff", "translator"]
)
def test_only_regional_coordinators_and_evaluators_edit_the_questionnaire(
    client, people, question, programme, scale, who
):
    QuestionAudio.objects.create(
        question=question, language="ar", file="x", content_type="audio/wav", size=1, seconds=1
    )
    client.force_login(people[who])
    statuses = {}
    for method, address in pages(question, programme, scale):
        statuses[address] = getattr(client, method)(address).status_code
    if who in EDITORS:
        assert set(statuses.values()) <= {200, 302}, statuses
    else:
        assert set(statuses.values()) <= {403, 404}, statuses
        assert QuestionAudio.objects.filter(question=question).exists()


def test_anyone_not_logged_in_is_sent_to_log_in(client, question, programme, scale):
    for method, address in pages(question, programme, scale):
        response = getattr(client, method)(address)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", sorted(EDITORS))
def test_the_start_page_leads_editors_to_the_questionnaire(client, people, who):
    client.force_login(people[who])
    with translation.override("en"):
        page = client.get(reverse("staff_home")).content.decode()
    assert url("question_list") in page


@pytest.mark.parametrize("who", ["leader", "coordinator", "translator"])
def test_the_start_page_of_others_has_no_link_to_it(client, people, who):
    client.force_login(people[who])
    with translation.override("en"):
        page = client.get(reverse("staff_home")).content.decode()
    assert url("question_list") not in page


def test_the_list_shows_each_question_with_its_languages_and_recordings(
    client, editor, question, programme, scale
):
    Question.objects.filter(pk=question.pk).update(text_so="", text_ti=None)
    client.force_login(editor)
    page = client.get(url("question_list")).content.decode()

    assert "Jag vet vart jag vänder mig (sv)" in page
    assert url("question_edit", pk=question.pk) in page
    assert page.count("no text yet") == 2, "Somali and Tigrinya"
    assert page.count("no recording yet") == 6
    assert url("recording", pk=question.pk, language="fa-af") in page
    # The regional coordinator translates: the missing texts lead to the workspace.
    with translation.override("en"):
        workspace = reverse(
            "translation_edit",
            kwargs={"kind": "questionnaires.question", "pk": question.pk, "language": "so"},
        )
    assert workspace in page
    assert "Recordings made: 0 of 6" in page
    assert url("scale_edit", pk=scale.pk) in page


def test_an_evaluator_sees_no_links_into_the_translation_workspace(
    client, people, question, programme
):
    Question.objects.filter(pk=question.pk).update(text_so="")
    client.force_login(people["evaluator"])
    page = client.get(url("question_list")).content.decode()
    assert "no text yet" in page
    assert "/staff/translations/" not in page


def test_the_form_asks_for_the_swedish_text_only(client, editor, programme, scale):
    client.force_login(editor)
    page = client.get(url("question_create", programme=programme.slug)).content.decode()
    assert 'name="text_sv"' in page
    for code in ("en", "ar", "fa_af", "so", "ti"):
        assert f'name="text_{code}"' not in page


def test_a_question_is_added_in_swedish_after_the_last_one(
    client, editor, question, programme, scale
):
    client.force_login(editor)
    address = url("question_create", programme=programme.slug)
    assert 'value="2"' in client.get(address).content.decode(), "the next order number"

    response = client.post(
        address,
        {
            "text_sv": "  Jag känner mig trygg när jag pratar med lärarna.  ",
            "part": "core",
            "position": "2",
            "scale": scale.pk,
            "active": "on",
        },
        follow=True,
    )

    added = Question.objects.get(position=2)
    assert added.programme == programme and added.part == "core" and added.active
    assert added.text_sv == "Jag känner mig trygg när jag pratar med lärarna."
    assert not added.text_ar
    assert response.redirect_chain[-1][0].endswith(f"#question-{added.pk}")
    page = response.content.decode()
    assert "The question has been added." in page
    assert "Jag känner mig trygg när jag pratar med lärarna." in page


def test_a_question_without_words_is_refused_with_a_clear_error(client, editor, programme, scale):
    client.force_login(editor)
    response = client.post(
        url("question_create", programme=programme.slug),
        {"text_sv": "   ", "part": "core", "position": "1", "scale": scale.pk},
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Question.objects.exists()


def _edit(client, question, scale, **changes):
    data = {
        "text_sv": question.text_sv,
        "part": question.part,
        "position": question.position,
        "scale": scale.pk,
        "active": "on",
        **changes,
    }
    return client.post(url("question_edit", pk=question.pk), data, follow=True)


def _record(question, language, django_capture_on_commit_callbacks, client):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("recording", pk=question.pk, language=language),
            {"file": upload("q.wav", wav_bytes(1), "audio/wav")},
        )
    return QuestionAudio.objects.get(question=question, language=language)


def test_a_new_swedish_text_removes_the_translations_and_recordings_that_said_the_old_one(
    client, editor, question, scale, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    recording = _record(question, "ar", django_capture_on_commit_callbacks, client)
    storage, name = recording.file.storage, recording.file.name

    with django_capture_on_commit_callbacks(execute=True):
        response = _edit(client, question, scale, text_sv="Jag vet var jag får hjälp.")

    question.refresh_from_db()
    assert question.text_sv == "Jag vet var jag får hjälp."
    assert [question.text_en, question.text_ar, question.text_ti] == ["", "", ""]
    assert not QuestionAudio.objects.exists() and not storage.exists(name)
    assert "its translations and recordings have been removed" in response.content.decode()


def test_a_spelling_correction_keeps_translations_and_recordings_when_asked(
    client, editor, question, scale, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    recording = _record(question, "ar", django_capture_on_commit_callbacks, client)

    _edit(client, question, scale, text_sv="Jag vet vart jag vänder mig.", keep_translations="on")

    question.refresh_from_db()
    assert question.text_sv == "Jag vet vart jag vänder mig."
    assert question.text_ar == "Jag vet vart jag vänder mig (ar)"
    assert recording.file.storage.exists(recording.file.name)


def test_order_part_and_asking_change_without_touching_the_translations(
    client, editor, question, scale
):
    client.force_login(editor)
    response = _edit(client, question, scale, part="course", position="4", active="")

    question.refresh_from_db()
    assert (question.part, question.position, question.active) == ("course", 4, False)
    assert question.text_ti == "Jag vet vart jag vänder mig (ti)"
    assert "The question has been saved." in response.content.decode()
    assert "no longer asked" in client.get(url("question_list")).content.decode()


def test_an_answer_scale_is_made_with_five_steps(client, editor):
    client.force_login(editor)
    data = {"name": "Stämmer"}
    for value, face in enumerate(["very_sad", "sad", "neutral", "happy", "very_happy"], start=1):
        data |= {f"label_{value}": f"Stämmer {value}", f"face_{value}": face}

    response = client.post(url("scale_create"), data, follow=True)

    scale = Scale.objects.get(name="Stämmer")
    steps = list(scale.steps.order_by("value").values_list("value", "label_sv", "face"))
    assert steps[0] == (1, "Stämmer 1", "very_sad") and steps[4] == (5, "Stämmer 5", "very_happy")
    assert "The answer options have been saved." in response.content.decode()


def test_changed_words_of_a_step_lose_their_translations_the_others_keep_theirs(
    client, editor, scale
):
    client.force_login(editor)
    data = {"name": scale.name}
    for step in scale.steps.all():
        data |= {f"label_{step.value}": step.label_sv, f"face_{step.value}": step.face}
    data["label_3"] = "Varken eller"

    client.post(url("scale_edit", pk=scale.pk), data)

    changed, kept = scale.steps.get(value=3), scale.steps.get(value=4)
    assert changed.label_sv == "Varken eller" and changed.label_ar == ""
    assert kept.label_ar == "steg 4 (ar)"


def test_a_step_without_words_is_refused(client, editor, scale):
    client.force_login(editor)
    data = {"name": scale.name}
    for step in scale.steps.all():
        data |= {f"label_{step.value}": step.label_sv, f"face_{step.value}": step.face}
    data["label_5"] = ""

    response = client.post(url("scale_edit", pk=scale.pk), data)

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert scale.steps.get(value=5).label_sv == "steg 5 (sv)"


def test_saving_the_same_words_again_keeps_translations_and_says_nothing_about_them(
    client, editor, question, scale
):
    client.force_login(editor)
    response = _edit(client, question, scale, text_sv=f"  {question.text_sv} ")

    question.refresh_from_db()
    assert question.text_ar == "Jag vet vart jag vänder mig (ar)"
    assert "have been removed" not in response.content.decode()
