"""The questionnaire's outcomes on the dashboard and in the exports: exact numbers on known
answers, suppression where few answered, and the same numbers after the pairing key is cut."""

import csv
import datetime as dt
import io
import re
import uuid
from collections import Counter, defaultdict

import pytest
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext
from openpyxl import load_workbook

from courses.models import Course
from equalcity.models import AuditEvent
from evaluation.selectors.outcomes import answer_rows, outcome_tables
from evaluation.selectors.tables import Filters
from participants.models import Registration
from participants.privacy import registration_erase, retention_run
from participants.services import registration_create
from questionnaires.models import Answer, Phase, Question, Respondent, Response, Scale, ScaleStep
from questionnaires.services import answer_record
from tests.factories import CourseFactory, CourseLanguageFactory, ProgrammeFactory
from tests.participants.conftest import parent

pytestmark = pytest.mark.django_db
BOM = b"\xef\xbb\xbf"
UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", re.I)

KNOWS_HELP = "Jag vet var jag kan få hjälp när mitt barn behöver det"
TALKS_TO_SCHOOL = "Jag pratar med mitt barns skola"
USEFUL = "Kursen var till nytta för mig"

# Each parent's answers: {phase: (question 1, question 2, question 3)}, None for a skipped
# question, and a phase left out when the parent did not answer then.
ARABIC = [
    {"before": (2, 3, None), "after": (4, 4, 5)},
    {"before": (3, 3, None), "after": (4, 5, 5)},
    {"before": (4, 3, None), "after": (5, 3, 4)},
    {"before": (2, 4, None), "after": (3, 4, 3)},
    {"before": (5, 4, None), "after": (5, None, 5)},
    {"before": (1, 2, None), "after": (4, None, 4)},
    {"before": (3, None, None)},  # did not come to the last meeting
]
TIGRINYA = [
    {"before": (1, 3, None), "after": (4, 5, 5)},
    {"before": (2, 3, None), "after": (5, 5, 5)},
    {"before": (2, 3, None), "after": (3, 5, 5)},
]
# A course cancelled after it began: its answers leave the statistics, as its attendance does.
CANCELLED = [{"before": (5, 5, None), "after": (5, 5, 5)}] * 5


def _course(programme, language, municipality, organiser, parents, phone_prefix):
    today = timezone.localdate()
    course = CourseFactory(
        programme=programme,
        language=language,
        municipality=municipality,
        organiser=organiser,
        capacity=20,
        registration_opens=today - dt.timedelta(days=10),
        registration_closes=today + dt.timedelta(days=5),
        first_date=today + dt.timedelta(days=10),
    )
    registrations = [
        registration_create(
            course_id=course.pk,
            municipality=municipality,
            **parent(phone=f"{phone_prefix}{n:03d}", language=language.code),
        )
        for n in range(len(parents))
    ]
    questions = list(Question.objects.order_by("part", "position"))
    for registration, answers in zip(registrations, parents, strict=True):
        for phase, values in answers.items():
            for question, value in zip(questions, values, strict=True):
                if question.asked_in(phase):
                    answer_record(
                        registration=registration,
                        phase=phase,
                        language=language.code,
                        question=question,
                        value=value,
                    )
    return course


def _questions(programme):
    scale = Scale.objects.create(name="Håller med")
    for value, face in zip(range(1, 6), ScaleStep.Face.values, strict=True):
        ScaleStep.objects.create(scale=scale, value=value, label=str(value), face=face)
    # Created out of order: the numbers follow part and position, not the primary key.
    Question.objects.create(
        programme=programme, part="course", position=1, text_sv=USEFUL, scale=scale
    )
    Question.objects.create(programme=programme, position=2, text_sv=TALKS_TO_SCHOOL, scale=scale)
    Question.objects.create(programme=programme, position=1, text_sv=KNOWS_HELP, scale=scale)


@pytest.fixture
def answered(goteborg, molndal, integrationscentrum):
    """Seven Arabic-speaking parents in Göteborg, three Tigrinya-speaking in Mölndal, and a
    Somali course cancelled after five parents had answered."""
    programme = ProgrammeFactory(central_municipality=goteborg)
    _questions(programme)
    arabic = CourseLanguageFactory(code="ar", name="arabiska")
    tigrinya = CourseLanguageFactory(code="ti", name="tigrinja", interface_language="ti")
    somali = CourseLanguageFactory(code="so", name="somaliska", interface_language="so")
    args = (programme, arabic, goteborg, integrationscentrum, ARABIC, "+4670111")
    courses = {
        "arabic": _course(*args),
        "tigrinya": _course(programme, tigrinya, molndal, molndal, TIGRINYA, "+4670222"),
        "cancelled": _course(programme, somali, goteborg, goteborg, CANCELLED, "+4670333"),
    }
    Course.objects.filter(pk=courses["cancelled"].pk).update(status=Course.Status.CANCELLED)
    return courses


def sv(msgid, context=None):
    """The Swedish text of a msgid (new ones read as English until the catalogue has them)."""
    with translation.override("sv"):
        return pgettext(context, msgid) if context else gettext(msgid)


def shown(filters=None, language="sv"):
    """Every outcome table as {key: {row: [cells as the reader sees them]}}."""
    with translation.override(language):
        return {
            table.key: {label: [str(cell) for cell in cells] for label, cells in table.rows}
            for table in outcome_tables(filters or Filters())
        }


Q1, Q2, Q3 = f"1. {KNOWS_HELP}", f"2. {TALKS_TO_SCHOOL}", f"3. {USEFUL}"
SMALL = ["<5"] * 7


def test_before_and_after_per_question_on_known_answers(answered):
    tables = shown()

    # Question 1: before 20 of 25 points from 10 parents, 2 agreeing (4 or 5); after 37 from 9,
    # 7 agreeing; 9 answered both (the seventh Arabic parent only before).
    assert tables["outcome"] == {
        Q1: ["10", "20%", "2,5", "9", "78%", "4,1", "9"],
        Q2: ["9", "22%", "3,1", "7", "86%", "4,4", "7"],
    }
    assert tables["outcome_course"] == {Q3: ["9", "89%", "4,6"]}


def test_a_group_of_fewer_than_five_is_suppressed_in_every_cell(answered):
    tables = shown()

    assert tables["outcome_language"] == {
        f"arabiska · {Q1}": ["7", "29%", "2,9", "6", "83%", "4,2", "6"],
        # Four answered question 2 after the course: count, share and mean hidden.
        f"arabiska · {Q2}": ["6", "33%", "3,2", "<5", "<5", "<5", "<5"],
        f"tigrinja · {Q1}": SMALL,
        f"tigrinja · {Q2}": SMALL,
    }
    assert tables["outcome_municipality"] == {
        f"Göteborg · {Q1}": ["7", "29%", "2,9", "6", "83%", "4,2", "6"],
        f"Göteborg · {Q2}": ["6", "33%", "3,2", "<5", "<5", "<5", "<5"],
        f"Mölndal · {Q1}": SMALL,
        f"Mölndal · {Q2}": SMALL,
    }


def test_the_filters_narrow_the_outcomes(answered):
    tigrinya = answered["tigrinya"].language
    assert shown(Filters(language=tigrinya))["outcome"] == {Q1: SMALL, Q2: SMALL}

    later = timezone.localdate() + dt.timedelta(days=11)
    assert all(not rows for rows in shown(Filters(date_from=later)).values())

    # The answers do not know where their parents live: no figures under a municipality's name.
    with translation.override("en"):
        tables = list(outcome_tables(Filters(municipality=answered["tigrinya"].municipality)))
    assert all(not table.rows for table in tables)
    assert "not counted per municipality of residence" in tables[0].note


def test_means_are_numbers_in_the_readers_locale_and_in_the_exports(client, evaluator, answered):
    assert shown(language="en")["outcome"][Q1][2] == "2.5"

    client.force_login(evaluator)
    with translation.override("sv"):
        data = b"".join(client.get(reverse("evaluation:export_csv")).streaming_content)
        rows = list(csv.reader(io.StringIO(data[len(BOM) :].decode()), delimiter=";"))
        book = load_workbook(
            io.BytesIO(b"".join(client.get(reverse("evaluation:export_xlsx")).streaming_content))
        )
    title = sv("Questionnaire: before and after the course")
    assert [title, Q1, sv("Mean after"), "4,1"] in rows
    assert [title, Q1, sv("Agreeing after"), "77,8%"] in rows
    sheet = next(s for s in book.worksheets if s["A1"].value == title)
    first = list(next(sheet.iter_rows(min_row=3, max_row=3)))
    assert first[0].value == Q1
    assert first[3].value == pytest.approx(2.5) and first[3].number_format == "0.0"
    assert first[2].value == pytest.approx(0.2) and first[2].number_format == "0.0%"


def _keys():
    return dict(Response.objects.values_list("pk", "respondent"))


def test_erasure_and_retention_leave_the_outcomes_and_cut_the_pairing_key(
    answered, regional_coordinator
):
    tables, keys = shown(), _keys()
    linked = Respondent.objects.count()
    erased = Registration.objects.filter(course=answered["arabic"]).order_by("pk").first()

    registration_erase(registration=erased, actor=regional_coordinator, reason="Begäran")
    assert Respondent.objects.count() == linked - 1
    assert not Respondent.objects.filter(registration=erased).exists()
    assert shown() == tables

    retention_run(now=timezone.now() + relativedelta(years=10))
    assert not Respondent.objects.exists()
    assert shown() == tables

    # Every answer set has a new key nobody holds; a parent's before and after still share it.
    after = _keys()
    assert after.keys() == keys.keys() and not set(after.values()) & set(keys.values())
    pairs = defaultdict(set)
    for pk, old in keys.items():
        pairs[old].add(after[pk])
    assert all(len(new) == 1 for new in pairs.values())
    assert len({new for group in pairs.values() for new in group}) == len(pairs)


def _answers_csv(client, **params):
    response = client.get(reverse("evaluation:answers_csv"), params)
    assert response.status_code == 200 and response.streaming
    data = b"".join(response.streaming_content)
    assert data.startswith(BOM)
    return response, data, list(csv.reader(io.StringIO(data[len(BOM) :].decode()), delimiter=";"))


def _phases():
    return {phase: sv(phase.title(), "questionnaire phase") for phase in Phase.values}


def _expected(parents, language):
    """(phase, course language, question number, value) for every answer given."""
    phases = _phases()
    return [
        (phases[phase], language, str(number), str(value))
        for answers in parents
        for phase, values in answers.items()
        for number, value in enumerate(values, 1)
        if value is not None
    ]


def test_evaluators_download_every_answer_without_a_key_to_a_person(client, evaluator, answered):
    client.force_login(evaluator)
    with translation.override("sv"):
        response, data, rows = _answers_csv(client)
        arabic_answered_in = str(dict(settings.LANGUAGES)["ar"])

    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith('attachment; filename="equalcity-svar-')
    header, rows = rows[0], rows[1:]
    assert header == [
        sv("Before or after"),
        sv("Course language"),
        sv("Course municipality"),
        sv("Course started (month)"),
        sv("Question number"),
        sv("Question (in Swedish)"),
        sv("Answer (%(lowest)s–%(highest)s)") % {"lowest": 1, "highest": 5},
        sv("Language answered in"),
        sv("Pair (numbered in this file only)"),
    ]
    before, after = _phases()["before"], _phases()["after"]
    month = f"{answered['arabic'].first_date:%Y-%m}"
    assert rows[0][:6] == [before, "arabiska", "Göteborg", month, "1", KNOWS_HELP]
    assert rows[0][7:] == [arabic_answered_in, "1"]
    # A parent's answers together: before first, then after, each in the questions' order.
    order = [(row[1], row[8]) for row in rows]
    blocks = [key for i, key in enumerate(order) if i == 0 or order[i - 1] != key]
    assert len(blocks) == len(set(blocks)) == len(ARABIC) + len(TIGRINYA)
    for pair in blocks:
        asked = [(row[0] != before, int(row[4])) for row in rows if (row[1], row[8]) == pair]
        assert asked == sorted(asked)
    got = Counter((row[0], row[1], row[4], row[6]) for row in rows)
    assert got == Counter(_expected(ARABIC, "arabiska") + _expected(TIGRINYA, "tigrinja"))

    # The pair numbers are 1…10 in the order of the file and join each parent's before and after.
    numbers = [int(row[8]) for row in rows]
    assert sorted(set(numbers)) == list(range(1, 11))
    assert [n for i, n in enumerate(numbers) if n not in numbers[:i]] == list(range(1, 11))
    by_pair = defaultdict(dict)
    for row in rows:
        by_pair[(row[1], row[8])][(row[0], row[4])] = int(row[6])
    changes = Counter(
        (answers[(before, "1")], answers.get((after, "1")))
        for (language, _pair), answers in by_pair.items()
        if language == "arabiska"
    )
    assert changes == Counter(
        (parent["before"][0], parent.get("after", (None,))[0]) for parent in ARABIC
    )

    text = data.decode()
    keys = {str(key) for key in Response.objects.values_list("respondent", flat=True)}
    assert keys and not any(key in text or key.replace("-", "") in text for key in keys)
    assert not UUID.search(text)
    assert "Yonas" not in text and "Tesfay" not in text and "+4670" not in text
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORTED_ANSWERS)
    assert event.actor == evaluator and event.target == "questionnaires.answers"


def test_the_pair_numbers_are_given_in_each_file_not_kept(client, evaluator, answered):
    client.force_login(evaluator)
    tigrinya = answered["tigrinya"].language
    _response, _data, rows = _answers_csv(client, language=tigrinya.pk)

    assert {row[1] for row in rows[1:]} == {"tigrinja"}
    assert sorted({int(row[8]) for row in rows[1:]}) == [1, 2, 3]


def test_the_answers_file_asks_two_queries_however_many_answers(
    answered, django_assert_num_queries
):
    with django_assert_num_queries(2):
        rows = list(answer_rows(Filters()))
    _more_answers(answered["arabic"], 20)
    with django_assert_num_queries(2):
        more = list(answer_rows(Filters()))
    assert len(more) == len(rows) + 20 * 2 * 2  # 20 parents, two phases, two core questions


def test_only_evaluators_get_the_answers_file_and_its_link(
    client, evaluator, regional_coordinator, answered
):
    url = reverse("evaluation:answers_csv")
    client.force_login(regional_coordinator)
    assert client.get(url).status_code == 403
    assert url not in client.get(reverse("evaluation:dashboard")).content.decode()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORTED_ANSWERS).exists()

    client.force_login(evaluator)
    assert url in client.get(reverse("evaluation:dashboard")).content.decode()


def test_the_dashboard_draws_before_against_after(client, evaluator, answered):
    client.force_login(evaluator)
    with translation.override("sv"):
        html = client.get(reverse("evaluation:dashboard")).content.decode()

    section = html[html.index('id="t-outcome"') : html.index('id="t-outcome_language"')]
    # One filled bar (before) and one outlined (after) per question, each with its number.
    assert section.count('fill="#0b5394"') == 2 and section.count('fill="#ffffff"') == 2
    assert ">20%</text>" in section and ">78%</text>" in section
    title = sv("%(row)s: %(before)s %(value)s, %(after)s %(other)s") % {
        "row": Q1,
        "before": sv("Agreeing before"),
        "value": "20%",
        "after": sv("Agreeing after"),
        "other": "78%",
    }
    assert f"<title>{title}</title>" in section


def _more_answers(course, count):
    """Answer sets written directly: many parents without a registration each."""
    questions = list(Question.objects.filter(part="core"))
    for n in range(count):
        key = uuid.uuid4()
        for phase in Phase.values:
            response = Response.objects.create(
                respondent=key,
                phase=phase,
                course=course,
                language="ar",
                answered_on=timezone.localdate(),
            )
            for question in questions:
                Answer.objects.create(response=response, question=question, value=1 + n % 5)


def test_the_outcomes_ask_the_same_queries_for_more_answers(
    answered, goteborg, integrationscentrum, django_assert_num_queries
):
    list(outcome_tables(Filters()))
    with django_assert_num_queries(7):
        list(outcome_tables(Filters()))

    more = CourseFactory(
        programme=answered["arabic"].programme,
        language=CourseLanguageFactory(code="fa-af", name="dari", interface_language="fa-af"),
        municipality=goteborg,
        organiser=integrationscentrum,
    )
    _more_answers(more, 30)
    with django_assert_num_queries(7):
        tables = list(outcome_tables(Filters()))
    assert tables[0].rows[0][1][0].value == 10 + 30
