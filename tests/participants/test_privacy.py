import datetime as dt
import json

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst

from courses.models import Meeting
from equalcity import documents
from equalcity.models import AuditEvent, Document, Message
from equalcity.refs import Ref
from participants.certificates import (
    ATTENDANCE_LIST,
    certificate_batch_run,
    certificate_batch_start,
    certificate_get,
)
from participants.models import Attendance, CertificateBatch, Registration
from participants.privacy import past_retention, registration_erase, retention_run
from participants.selectors.registrations import registration_token
from participants.services import registration_create
from tests.participants.conftest import parent
from tests.pdf_utils import missing_glyphs, pdf_text

pytestmark = pytest.mark.django_db


def people(course, municipality, count, start=0):
    return [
        registration_create(
            course_id=course.pk,
            municipality=municipality,
            **parent(
                phone=f"+4670999{start + n:04d}",
                email=f"p{start + n}@example.se",
                needs_note="Astma",
                needs_note_consent=True,
            ),
        )
        for n in range(count)
    ]


def end_course(course, *, days_ago):
    for meeting in course.meetings.all():
        start = timezone.now() - dt.timedelta(days=days_ago + 7 * (7 - meeting.number))
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=start, ends_at=start + dt.timedelta(hours=2)
        )


def statistics():
    return (
        Registration.objects.filter(status="confirmed").count(),
        sorted(Registration.objects.values_list("municipality", "children_6_12")),
        Attendance.objects.filter(status="present").count(),
    )


def test_retention_anonymises_people_whose_course_ended_long_ago_and_keeps_the_numbers(
    open_course, goteborg, integrationscentrum
):
    integrationscentrum.retention_months = 12
    integrationscentrum.save()
    group = people(open_course, goteborg, 3)
    for registration in group:
        Attendance.objects.create(
            registration=registration, meeting=open_course.meetings.get(number=1), status="present"
        )
    end_course(open_course, days_ago=400)
    before = statistics()

    first = retention_run()
    second = retention_run()

    assert (first["anonymised"], second["anonymised"]) == (3, 0)
    assert statistics() == before
    for registration in Registration.objects.all():
        assert (
            registration.first_name,
            registration.last_name,
            registration.phone,
            registration.email,
            registration.needs_note,
        ) == ("", "", "", "", "")
        assert registration.anonymised_at is not None
    assert not Message.objects.exclude(to_address="").exists()
    assert AuditEvent.objects.filter(action="anonymised").count() == 3


def test_nobody_is_anonymised_before_the_retention_period_ends(
    open_course, goteborg, integrationscentrum
):
    integrationscentrum.retention_months = 12
    integrationscentrum.save()
    people(open_course, goteborg, 2)
    end_course(open_course, days_ago=300)

    assert past_retention().count() == 0
    assert retention_run()["anonymised"] == 0


def test_a_coordinator_exports_and_then_erases_one_parent_with_a_reason(
    client, open_course, goteborg, goteborg_coordinator, molndal_coordinator
):
    (registration,) = people(open_course, goteborg, 1)
    link = reverse("participants:registration", args=[registration_token(registration)])

    client.force_login(molndal_coordinator)
    assert (
        client.get(reverse("participants:person_export", args=[registration.pk])).status_code == 404
    )
    client.force_login(goteborg_coordinator)
    export = json.loads(
        client.get(reverse("participants:person_export", args=[registration.pk])).content
    )
    assert export["registration"]["phone"] == "+46709990000"
    assert export["messages"][0]["kind"] == "registration_confirmed"

    client.post(
        reverse("participants:person_erase", args=[registration.pk]),
        {"reason": "Begäran från den registrerade"},
    )

    registration.refresh_from_db()
    assert registration.first_name == "" and registration.phone == ""
    assert client.get(link).status_code == 404, "the personal link no longer works"
    assert list(AuditEvent.objects.order_by("pk").values_list("action", "detail")) == [
        ("exported_person", ""),
        ("erased", "Begäran från den registrerade"),
    ]


def test_the_audit_trail_records_who_saw_a_list_and_cannot_be_changed(
    client, open_course, goteborg, goteborg_coordinator, regional_coordinator, molndal_coordinator
):
    people(open_course, goteborg, 1)
    client.force_login(goteborg_coordinator)
    client.get(reverse("participants:staff_list", args=[open_course.pk]))

    event = AuditEvent.objects.get()
    assert (event.actor, event.action, event.target) == (
        goteborg_coordinator,
        "viewed_list",
        f"courses.course:{open_course.pk}",
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(target="courses.course:0")

    client.force_login(molndal_coordinator)
    assert client.get(reverse("audit")).status_code == 403
    client.force_login(regional_coordinator)
    assert f"courses.course:{open_course.pk}" in client.get(reverse("audit")).content.decode()


def _label(field, language):
    with translation.override(language):
        return str(capfirst(Registration._meta.get_field(field).verbose_name))


def test_the_export_as_a_pdf_is_in_the_parents_language_and_kept_nowhere(
    client, open_course, goteborg, goteborg_coordinator, settings
):
    (registration,) = people(open_course, goteborg, 1)  # Yonas, in Tigrinya, by SMS
    Attendance.objects.create(
        registration=registration, meeting=open_course.meetings.get(number=1), status="excused"
    )
    client.force_login(goteborg_coordinator)
    page = client.get(reverse("participants:person", args=[registration.pk])).content.decode()
    url = reverse("participants:person_export_pdf", args=[registration.pk, "ti"])
    assert url in page, "offered in the parent's language"

    response = client.get(url)

    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content)
    for stored in ["Yonas", "+46709990000", "Astma", "p0@example.se", open_course.title_ti]:
        assert stored in text
    assert _label("phone", "ti") != _label("phone", "en")
    assert _label("phone", "ti") in text and _label("needs_note", "ti") in text
    assert _label("phone", "en") not in text
    assert missing_glyphs(response.content) == {}
    assert Document.objects.count() == 0 and not any(settings.MEDIA_ROOT.rglob("*.pdf"))
    assert AuditEvent.objects.filter(action="exported_person", detail="pdf:ti").count() == 1

    swedish = pdf_text(client.get(url.replace("-ti.pdf", "-sv.pdf")).content)
    assert _label("phone", "sv") in swedish
    bad_language = url.replace("-ti.pdf", "-xx.pdf")
    assert client.get(bad_language).status_code == 404


def test_erasure_removes_the_stored_pdfs_that_carry_the_name(
    client, open_course, goteborg, goteborg_coordinator
):
    yonas, other = people(open_course, goteborg, 2)  # two namesakes
    for registration in (yonas, other):
        for meeting in open_course.meetings.all():
            Attendance.objects.create(registration=registration, meeting=meeting, status="present")
    certificate = certificate_get(yonas)
    batch = certificate_batch_start(course=open_course, by=goteborg_coordinator)
    certificate_batch_run(batch.pk)
    attendance_list = documents.document_get(
        kind=ATTENDANCE_LIST, source=Ref.to(open_course), language="sv"
    )
    assert pdf_text(attendance_list.file.read()).count("Yonas Tesfay") == 2
    stored = [certificate.file, attendance_list.file, CertificateBatch.objects.get().file]
    names = [(f.storage, f.name) for f in stored]

    registration_erase(registration=yonas, actor=goteborg_coordinator, reason="Begäran")

    assert [storage.exists(name) for storage, name in names] == [False, False, False]
    assert not Document.objects.filter(
        source_type="participants.registration", source_id=yonas.pk
    ).exists()
    assert not CertificateBatch.objects.exists()
    again = documents.document_get(kind=ATTENDANCE_LIST, source=Ref.to(open_course), language="sv")
    relisted = pdf_text(again.file.read())
    assert relisted.count("Yonas Tesfay") == 1, "only the other Yonas is listed"
    assert "Anonymiserad deltagare" in relisted
    client.force_login(goteborg_coordinator)
    matrix = client.get(reverse("participants:attendance_matrix", args=[open_course.pk]))
    assert "Anonymiserad deltagare" in matrix.content.decode()
