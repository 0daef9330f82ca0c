"""The demo's questionnaire: the questions and answer options in all six languages, no
pretend recordings, and answers from the courses that have ended that show a change.

One seeded database for the module (seeding takes seconds)."""

import datetime as dt
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

from courses.models import Course
from demo.seed.people import DEMO_LEADER
from equalcity.models import User
from questionnaires.models import (
    Answer,
    Phase,
    Question,
    QuestionAudio,
    Response,
    Scale,
    ScaleStep,
)
from questionnaires.selectors import languages_ready, outcome_counts, paired_counts
from tests.demo.clock import clock_at

DAY = dt.date(2026, 3, 2)
LANGUAGES = [code for code, _name in settings.LANGUAGES]

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), clock_at(DAY), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def _texts(row, field):
    return {code: getattr(row, build_localized_fieldname(field, code)) for code in LANGUAGES}


def test_the_questions_and_their_answer_options_are_written_in_all_six_languages(demo):
    questions = list(Question.objects.filter(active=True))
    core = [q for q in questions if q.part == Question.Part.CORE]
    assert len(core) == 5 and len(questions) == 7
    assert "Jag vet vart jag kan vända mig om mitt barn behöver hjälp." in {q.text_sv for q in core}
    assert "I trust that the social services want to help my family." in {q.text_en for q in core}
    for question in questions:
        texts = _texts(question, "text")
        assert all(text and text.strip() for text in texts.values()), texts
        assert len(set(texts.values())) == 6, "each language its own words"
    scale = Scale.objects.get()
    steps = list(ScaleStep.objects.filter(scale=scale).order_by("value"))
    assert [(s.value, s.face) for s in steps] == [
        (1, "very_sad"),
        (2, "sad"),
        (3, "neutral"),
        (4, "happy"),
        (5, "very_happy"),
    ]
    for step in steps:
        assert all(_texts(step, "label").values()), step
    assert languages_ready(questions[0].programme_id) == LANGUAGES


def test_the_demo_has_no_recordings_and_says_so(demo, client):
    assert not QuestionAudio.objects.exists()
    client.force_login(User.objects.get(email="regional@demo.equalcity.se"))
    with translation.override("en"):
        page = client.get(reverse("questionnaires:question_list")).content.decode()
    assert page.count("no recording yet") == 7 * 6


def test_the_courses_that_have_ended_have_answers_that_show_a_change(demo):
    finished = Course.objects.filter(status=Course.Status.FINISHED)
    assert set(Response.objects.values_list("course__status", flat=True)) == {"finished"}
    counts = outcome_counts(finished)
    pairs = paired_counts(finished)
    for question in Question.objects.filter(part=Question.Part.CORE):
        before, after = counts[(question.pk, Phase.BEFORE)], counts[(question.pk, Phase.AFTER)]
        assert before.answered >= 20 and after.answered >= 10
        assert after.mean > before.mean
        assert pairs[(question.pk,)] >= 10
    for question in Question.objects.filter(part=Question.Part.COURSE):
        assert (question.pk, Phase.BEFORE) not in counts
        assert counts[(question.pk, Phase.AFTER)].answered >= 10
    assert Answer.objects.filter(value__lt=1).count() == 0


def test_the_demo_leaders_course_that_ended_last_waits_for_its_parents_answers_after_it(demo):
    course = (
        Course.objects.filter(leaders__email=DEMO_LEADER, status=Course.Status.FINISHED)
        .order_by("-last_meeting_at")
        .first()
    )
    phases = set(Response.objects.filter(course=course).values_list("phase", flat=True))
    assert phases == {Phase.BEFORE}
