"""Exports that open right in Swedish Excel: numbers as numbers, names in the reader's language."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from equalcity.models import AuditEvent
from evaluation.exports import sheet_name
from tests.evaluation.conftest import add_courses

pytestmark = pytest.mark.django_db
BOM = b"\xef\xbb\xbf"


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def url(name, language="sv"):
    with translation.override(language):
        return reverse(f"evaluation:{name}")


def workbook(client, language="sv"):
    response = client.get(url("export_xlsx", language))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(body(response)))


def sv(msgid):
    """The Swedish text of a msgid (new ones read as English until translated)."""
    with translation.override("sv"):
        return gettext(msgid)


def rows_of(sheet):
    return [list(row) for row in sheet.iter_rows()]


def test_the_xlsx_holds_numbers_percentages_and_dates_as_excel_types(
    client, evaluator, programme_built
):
    client.force_login(evaluator)
    book = workbook(client)

    targets = sheet_name(sv("Courses against the programme's targets"), set())
    assert book.sheetnames[:2] == [sv("About"), targets]
    assert targets == "Kurser jämfört med programmets…"
    registered = rows_of(book.worksheets[2])[2]
    assert registered[0].value == "Anmälda" and registered[1].data_type == "n"
    assert isinstance(registered[1].value, int) and registered[1].value > 10

    per_meeting = rows_of(book[sv("Attendance per meeting")])
    assert [c.value for c in per_meeting[1]] == [None, sv("Attendance"), sv("Marks recorded")]
    first = per_meeting[2]
    assert first[0].value == "Träff 1"
    assert first[1].data_type == "n" and 0 < first[1].value < 1
    assert first[1].number_format == "0.0%"
    assert first[2].data_type == "n" and isinstance(first[2].value, int)

    per_course = rows_of(book[sv("Attendance per course")])
    assert [c.value for c in per_course[1]][:3] == [
        "Kursspråk",
        sv("Course municipality"),
        "Börjar",
    ]
    start = per_course[2][2]
    assert start.is_date and isinstance(start.value, dt.datetime)

    reach = rows_of(book[sheet_name(sv("Reach per municipality of residence"), set())])
    hidden = [c for row in reach for c in row if c.value in ("<5", "≥5")]
    assert hidden and all(c.data_type == "s" for c in hidden)
    about = {row[0].value: row[1] for row in rows_of(book[sv("About")])}
    assert about[sv("Exported")].is_date


@pytest.mark.parametrize("language", ["ar", "ti", "fa-af", "so", "en"])
def test_sheet_names_are_in_the_readers_language_and_valid_for_excel(
    client, evaluator, programme_built, language
):
    client.force_login(evaluator)
    names = workbook(client, language).sheetnames

    assert len(names) == len({name.casefold() for name in names}) > 10
    for name in names:
        assert 0 < len(name) <= 31 and not set(name) & set("[]:*?/\\"), name
    if language == "ar":
        assert any("\u0600" <= ch <= "\u06ff" for ch in names[1])
    if language == "ti":
        assert any("\u1200" <= ch <= "\u137f" for ch in names[1])


def test_sheet_names_lose_forbidden_characters_and_stay_unique():
    taken = set()
    long_title = "Närvaro: per kommun [alla] / kurser? * \\ och mycket mer text"

    first = sheet_name(long_title, taken)
    second = sheet_name(long_title, taken)

    assert len(first) <= 31 and len(second) <= 31
    assert not set(first + second) & set("[]:*?/\\")
    assert first == "Närvaro per kommun alla kurser…"
    assert second == "Närvaro per kommun alla… (2)"
    assert sheet_name("'Citat'", taken) == "Citat"


def test_the_csv_for_excel_has_a_bom_semicolons_and_decimal_commas(
    client, evaluator, programme_built
):
    client.force_login(evaluator)
    response = client.get(reverse("evaluation:export_csv"))
    data = body(response)

    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    header = ";".join(sv(word) for word in ["Table", "Row", "Column", "Value"])
    assert data.startswith(BOM + f"{header}\r\n".encode())
    rows = list(csv.reader(io.StringIO(data[len(BOM) :].decode()), delimiter=";"))
    rates = [row[3] for row in rows if row[2] == sv("Attendance") and row[3].endswith("%")]
    assert rates and all("," in rate and "." not in rate for rate in rates if rate != "100,0%")
    assert any(row[1] == "Mölndal" and row[3] == "<5" for row in rows)
    flat = data.decode()
    assert "Namn" not in flat and "+4670" not in flat and "Walk" not in flat


def test_the_plain_csv_has_commas_and_decimal_points(client, evaluator, programme_built):
    client.force_login(evaluator)
    data = body(client.get(url("export_csv_plain", "en")))

    assert not data.startswith(BOM)
    rows = list(csv.reader(io.StringIO(data.decode())))
    assert rows[0] == ["Table", "Row", "Column", "Value"]
    rates = [row[3] for row in rows if row[2] == "Attendance" and row[3].endswith("%")]
    assert rates and any("." in rate for rate in rates)
    assert AuditEvent.objects.filter(action="exported_aggregates").count() == 1


def test_the_exports_ask_the_same_queries_for_more_courses_parents_and_marks(
    client, evaluator, programme_built, goteborg, molndal, django_capture_on_commit_callbacks
):
    programme, languages, partille = programme_built
    client.force_login(evaluator)
    urls = [
        reverse("evaluation:dashboard"),
        reverse("evaluation:export_csv"),
        reverse("evaluation:export_xlsx"),
    ]

    def counts():
        found = []
        for url in urls:
            body(client.get(url))
            with CaptureQueriesContext(connection) as queries:
                body(client.get(url))
            found.append(len(queries))
        return found

    few = counts()
    with django_capture_on_commit_callbacks(execute=True):
        homes = [goteborg, molndal, partille]
        add_courses(programme, languages, homes, programme.owner, None, range(3, 7))

    assert counts() == few
