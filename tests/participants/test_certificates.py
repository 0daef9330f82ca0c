import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from courses.models import Meeting
from equalcity.models import Role
from participants.certificates import (
    CertificateText,
    certificate_batch_run,
    certificate_data,
    certificate_get,
)
from participants.models import Attendance, CertificateBatch
from participants.selectors.registrations import registration_token
from participants.services import registration_create
from tests.factories import CourseFactory, CourseLanguageFactory, UserFactory
from tests.participants.conftest import parent
from tests.pdf_utils import missing_glyphs, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(goteborg, integrationscentrum):
    today = timezone.localdate()
    course = CourseFactory(
        municipality=goteborg,
        organiser=integrationscentrum,
        capacity=10,
        language=CourseLanguageFactory(
            code="ti",
            name="tigrinja",
            name_ti="ትግርኛ",
            name_ar="التغرينية",
            native_name="ትግርኛ",
            direction="ltr",
            script="Ethi",
            interface_language="ti",
        ),
        registration_opens=today - dt.timedelta(days=100),
        registration_closes=today + dt.timedelta(days=10),
        first_date=today + dt.timedelta(days=20),
        title_ti="ወላዲ ኣብ ሓድሽ ሃገር",
        title_ar="أن تكون والدًا في بلد جديد",
    )
    course.leaders.add(
        UserFactory(
            first_name="Amina",
            last_name="Yusuf",
            role=(Role.Kind.COURSE_LEADER, integrationscentrum),
        )
    )
    return course


def held(course):
    """The course took place in February and March 2026 (after its parents registered)."""
    for meeting in course.meetings.all():
        start = timezone.make_aware(dt.datetime(2026, 2, 2, 17, 30)) + dt.timedelta(
            weeks=meeting.number - 1
        )
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=start, ends_at=start + dt.timedelta(minutes=150)
        )


def attend(registration, count):
    held(registration.course)
    for meeting in registration.course.meetings.order_by("number")[:count]:
        Attendance.objects.create(registration=registration, meeting=meeting, status="present")


def person(course, goteborg, number, language, first, last):
    return registration_create(
        course_id=course.pk,
        municipality=goteborg,
        **parent(
            phone=f"+4670777{number:04d}", language=language, first_name=first, last_name=last
        ),
    )


def test_the_certificates_data_in_swedish_and_the_parents_language(course, goteborg):
    registration = person(course, goteborg, 1, "ti", "ዮናስ", "ተስፋይ")
    attend(registration, 6)

    data = certificate_data(registration, today=dt.date(2026, 3, 20))

    assert data.swedish == CertificateText(
        language="sv",
        direction="ltr",
        name="ዮናስ ተስፋይ",
        course="Förälder i nytt land",
        course_language="tigrinja",
        dates="2 februari 2026 – 16 mars 2026",
        attended=6,
        total=7,
        organisation="Integrationscentrum",
        leader="Amina Yusuf",
        issued="20 mars 2026",
    )
    assert data.own.language == "ti" and data.own.direction == "ltr"
    assert (data.own.course, data.own.course_language) == ("ወላዲ ኣብ ሓድሽ ሃገር", "ትግርኛ")
    assert (data.own.attended, data.own.total, data.own.name) == (6, 7, "ዮናስ ተስፋይ")


@pytest.mark.parametrize(
    ("language", "first", "last", "title"),
    [("ti", "ዮናስ", "ተስፋይ", "ወላዲ ኣብ ሓድሽ ሃገር"), ("ar", "أحمد", "الحسن", "أن تكون والدًا في بلد جديد")],
)
def test_a_bilingual_certificate_is_one_page_with_real_glyphs(
    course, goteborg, language, first, last, title
):
    registration = person(course, goteborg, 1, language, first, last)
    attend(registration, 5)

    pdf = certificate_get(registration).file.read()
    text = pdf_text(pdf)

    assert len(PdfReader(BytesIO(pdf)).pages) == 1
    assert "Intyg om deltagande" in text and "Certificate" not in text
    assert "Förälder i nytt land" in text and "5 av 7" in text
    assert first in text or first[::-1] in text  # Arabic may come out of pdftotext reversed
    assert missing_glyphs(pdf) == {}


def test_the_batch_reports_progress_and_makes_one_page_per_completer(course, goteborg):
    completers = [person(course, goteborg, n, "ti", "Selam", f"Tesfay {n}") for n in range(3)]
    others = [person(course, goteborg, 10 + n, "ar", "Omar", f"Haddad {n}") for n in range(2)]
    for registration in completers:
        attend(registration, 5)
    attend(others[0], 4)
    batch = CertificateBatch.objects.create(course=course)

    certificate_batch_run(batch.pk)

    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.total, batch.percent) == ("done", 3, 3, 100)
    pages = PdfReader(BytesIO(batch.file.read())).pages
    assert len(pages) == 3
    assert "Tesfay 2" in pdf_text(batch.file.open("rb").read())


def test_the_page_starts_the_task_and_shows_progress(
    client, course, goteborg, goteborg_coordinator, django_capture_on_commit_callbacks
):
    registration = person(course, goteborg, 1, "sv", "Åsa", "Öberg")
    attend(registration, 5)
    client.force_login(goteborg_coordinator)
    url = reverse("participants:certificates", args=[course.pk])

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(url)
    waiting = client.get(url).content.decode()
    assert "<progress" in waiting and 'http-equiv="refresh"' in waiting
    for callback in callbacks:
        callback()  # Celery with the in-memory broker does not run it; run the service itself
    certificate_batch_run(CertificateBatch.objects.get().pk)
    ready = client.get(url).content.decode()
    assert "?download=1" in ready and 'http-equiv="refresh"' not in ready
    download = client.get(url + "?download=1")
    assert download["Content-Type"] == "application/pdf"


def test_the_parent_downloads_the_certificate_only_once_completed(client, course, goteborg):
    registration = person(course, goteborg, 1, "ti", "ዮናስ", "ተስፋይ")
    url = reverse("participants:parent_certificate", args=[registration_token(registration)])
    attend(registration, 4)
    assert client.get(url).status_code == 404

    Attendance.objects.create(
        registration=registration, meeting=course.meetings.get(number=6), status="late"
    )
    assert course.meetings.filter(starts_at__gt=timezone.now()).count() == 0
    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_the_paper_list_shows_names_and_only_the_last_digits_of_phones(
    client, course, goteborg, goteborg_coordinator
):
    person(course, goteborg, 1234, "sv", "Åsa", "Öberg")
    client.force_login(goteborg_coordinator)

    response = client.get(reverse("participants:attendance_list", args=[course.pk]))
    text = pdf_text(b"".join(response.streaming_content))

    assert "Åsa Öberg" in text
    assert "12 34" in text and "+46707771234" not in text and "0707771234" not in text


def test_the_personal_page_offers_the_certificate_once_completed(client, course, goteborg):
    registration = person(course, goteborg, 1, "ti", "ዮናስ", "ተስፋይ")
    page = reverse("participants:registration", args=[registration_token(registration)])
    certificate = reverse(
        "participants:parent_certificate", args=[registration_token(registration)]
    )
    attend(registration, 4)
    assert certificate not in client.get(page).content.decode()

    Attendance.objects.create(
        registration=registration, meeting=course.meetings.get(number=7), status="present"
    )

    assert certificate in client.get(page).content.decode()


def test_the_paper_list_is_in_the_language_the_leader_chose_for_documents(
    client, course, goteborg, integrationscentrum
):
    leader = UserFactory(language="ar", role=(Role.Kind.COURSE_LEADER, integrationscentrum))
    course.leaders.add(leader)
    client.force_login(leader)

    response = client.get(f"/sv/staff/courses/{course.pk}/attendance-list.pdf")
    text = pdf_text(b"".join(response.streaming_content))

    assert "الحضور" in text, "the Arabic heading, though the link was on a Swedish page"
    assert "Närvarolista" not in text


@pytest.mark.django_db
def test_a_batch_that_cannot_be_made_fails_and_its_page_stops_waiting(
    client, open_course, goteborg, goteborg_coordinator, monkeypatch
):
    from participants import certificates as module

    registration = registration_create(
        course_id=open_course.pk, municipality=goteborg, **parent(needs_childcare=False)
    )
    for meeting in open_course.meetings.all():
        Attendance.objects.create(registration=registration, meeting=meeting, status="present")
    batch = module.certificate_batch_start(course=open_course, by=goteborg_coordinator)

    def broken(registration):
        raise OSError("disk full")

    monkeypatch.setattr(module, "certificate_get", broken)
    module.certificate_batch_run(batch.pk)

    batch.refresh_from_db()
    assert batch.status == "failed"
    client.force_login(goteborg_coordinator)
    page = client.get(reverse("participants:certificates", args=[open_course.pk]))
    html = page.content.decode()
    assert 'http-equiv="refresh"' not in html
    assert 'role="alert"' in html


@pytest.mark.django_db
def test_a_batch_whose_worker_died_is_marked_failed_by_the_sweeper(
    open_course, goteborg_coordinator
):
    from django.utils import timezone

    from participants.certificates import certificate_batches_sweep

    batch = CertificateBatch.objects.create(
        course=open_course, requested_by=goteborg_coordinator, status="running", total=3, done=1
    )
    assert certificate_batches_sweep() == 0
    later = timezone.now() + timezone.timedelta(minutes=31)
    assert certificate_batches_sweep(now=later) == 1
    batch.refresh_from_db()
    assert batch.status == "failed"
