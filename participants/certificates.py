"""Certificates of participation and the paper attendance list, through the one PDF path."""

import io
import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import pgettext
from pypdf import PdfWriter

from courses.models import Meeting
from equalcity import documents
from equalcity.i18n import local_date, local_short_date
from equalcity.languages import INTERFACE_LANGUAGES
from equalcity.refs import Ref
from participants.models import CertificateBatch, Registration
from participants.selectors.attendance import attendance_matrix, attended_count, completers

CERTIFICATE, ATTENDANCE_LIST = "certificate", "attendance_list"
logger = logging.getLogger(__name__)
RTL = {code for code, _name, _local, bidi in INTERFACE_LANGUAGES if bidi}


@dataclass(frozen=True)
class CertificateText:
    """What one language's half of the certificate says."""

    language: str
    direction: str
    name: str
    course: str
    course_language: str
    dates: str
    attended: int
    total: int
    organisation: str
    leader: str
    issued: str


@dataclass(frozen=True)
class Certificate:
    swedish: CertificateText
    own: CertificateText | None  # the parent's language, unless it is Swedish


def _text(registration, language, *, attended, total, today) -> CertificateText:
    course = registration.course
    meetings = course.meetings.exclude(status=Meeting.Status.CANCELLED).order_by("starts_at")
    first, last = meetings.first(), meetings.last()
    with translation.override(language):
        return CertificateText(
            language=language,
            direction="rtl" if language in RTL else "ltr",
            name=f"{registration.first_name} {registration.last_name}",
            course=course.title,
            course_language=course.language.name,
            dates=f"{local_date(first.starts_at)} – {local_date(last.starts_at)}",
            attended=attended,
            total=total,
            organisation=course.organiser.name,
            leader=", ".join(str(leader) for leader in course.leaders.all()),
            issued=local_date(today),
        )


def certificate_data(registration: Registration, *, today=None) -> Certificate:
    today = today or timezone.localdate()
    attended = attended_count(registration)
    total = registration.course.meetings.exclude(status=Meeting.Status.CANCELLED).count()
    own = registration.language if registration.language != "sv" else None
    return Certificate(
        swedish=_text(registration, "sv", attended=attended, total=total, today=today),
        own=_text(registration, own, attended=attended, total=total, today=today) if own else None,
    )


def _registration(pk: int) -> Registration:
    return Registration.objects.select_related(
        "course__language", "course__organiser", "course__programme"
    ).get(pk=pk)


CERTIFICATE_FIT_STEPS = 6  # type sizes, 11 pt down to 6 pt (participants/pdf/certificate.html)
CHARACTERS_PER_STEP = 400  # measured: 1,800 characters in a half need the fifth step (7 pt)


def _first_fit(data: Certificate) -> int:
    """Where the type size starts, from the length of the longer half: a certificate with the
    longest names and titles is rendered once, not once per size (the core still checks that
    it is one page, and steps further down if not)."""
    halves = [text for text in (data.swedish, data.own) if text]
    length = max(
        len(t.name) + len(t.course) + len(t.course_language) + len(t.organisation) + len(t.leader)
        for t in halves
    )
    return min(length // CHARACTERS_PER_STEP, CERTIFICATE_FIT_STEPS - 1)


def _build_certificate(pk, language):
    registration = _registration(pk)
    name = slugify(f"{registration.first_name} {registration.last_name}") or "deltagare"
    data = certificate_data(registration)
    return documents.Source(
        data,
        "participants/pdf/certificate.html",
        f"intyg-{name}.pdf",
        fit_steps=CERTIFICATE_FIT_STEPS,
        fit_from=_first_fit(data),
    )


@dataclass(frozen=True)
class AttendanceList:
    organisation: str
    course: str
    course_language: str
    venue: str
    leaders: str
    meetings: tuple[tuple[int, str], ...]
    rows: tuple[tuple[str, str], ...]  # name, last digits of the phone


def _phone_end(phone: str) -> str:
    """Only the last digits: enough to tell two namesakes apart, not to call anyone."""
    return f"… {phone[-4:-2]} {phone[-2:]}" if len(phone) >= 4 else ""


def _build_attendance_list(pk, language):
    from courses.models import Course

    course = Course.objects.select_related("language", "venue", "organiser", "programme").get(pk=pk)
    with translation.override(language):
        meetings, rows = attendance_matrix(course=course)
        data = AttendanceList(
            organisation=course.organiser.name,
            course=course.title,
            course_language=course.language.name,
            venue=f"{course.venue.name}, {course.venue.address}",
            leaders=", ".join(str(leader) for leader in course.leaders.all()),
            meetings=tuple((m.number, local_short_date(m.starts_at)) for m in meetings),
            rows=tuple(
                (
                    str(row.registration),
                    _phone_end(row.registration.phone),
                )
                for row in rows
            ),
        )
        # In the reader's words and script ("قائمة-الحضور-…"), sent as RFC 5987 filename*.
        label = pgettext("file name", "attendance list")
        name = slugify(f"{label} {course.title} {course.language.name}", allow_unicode=True)
    return documents.Source(
        data, "participants/pdf/attendance_list.html", f"{name[:100]}-{course.first_date}.pdf"
    )


def register_builders():
    documents.register(CERTIFICATE, _build_certificate)
    documents.register(ATTENDANCE_LIST, _build_attendance_list)


def certificate_get(registration: Registration):
    return documents.document_get(
        kind=CERTIFICATE, source=Ref.to(registration), language=registration.language
    )


def certificate_batch_start(*, course, by) -> CertificateBatch:
    """A batch row, then the task after commit; the page shows its progress."""
    from participants.tasks import make_certificates

    batch = CertificateBatch.objects.create(
        course=course, requested_by=by, total=completers(course=course).count()
    )
    transaction.on_commit(lambda: make_certificates.delay(batch.pk))
    return batch


def certificate_batch_run(batch_id: int) -> CertificateBatch:
    """One certificate per completer, counted as it goes, merged into one PDF. Running it
    again starts from the beginning and gives the same file. A batch that cannot be made is
    marked failed (the page stops waiting and says so) instead of staying "being made"."""
    try:
        return _batch_make(batch_id)
    except Exception:
        logger.exception("Certificate batch %s failed", batch_id)
        CertificateBatch.objects.filter(pk=batch_id).update(
            status=CertificateBatch.Status.FAILED, updated_at=timezone.now()
        )
        return CertificateBatch.objects.get(pk=batch_id)


def certificate_batches_sweep(*, now=None, stuck_minutes=30) -> int:
    """Batches whose worker died mid-way (time limit, a lost machine) are marked failed."""
    now = now or timezone.now()
    return CertificateBatch.objects.filter(
        status__in=[CertificateBatch.Status.QUEUED, CertificateBatch.Status.RUNNING],
        updated_at__lt=now - timezone.timedelta(minutes=stuck_minutes),
    ).update(status=CertificateBatch.Status.FAILED, updated_at=now)


def _batch_make(batch_id: int) -> CertificateBatch:
    batch = CertificateBatch.objects.select_related("course").get(pk=batch_id)
    people = list(
        completers(course=batch.course).select_related(
            "course__language", "course__organiser", "course__programme"
        )
    )
    CertificateBatch.objects.filter(pk=batch.pk).update(
        status=CertificateBatch.Status.RUNNING, total=len(people), done=0
    )
    writer = PdfWriter()
    for done, registration in enumerate(people, start=1):
        document = certificate_get(registration)
        with document.file.open("rb") as handle:
            writer.append(io.BytesIO(handle.read()))
        CertificateBatch.objects.filter(pk=batch.pk).update(done=done, updated_at=timezone.now())
    output = io.BytesIO()
    writer.write(output)
    batch.refresh_from_db()
    batch.file.save(
        f"intyg-{slugify(batch.course.title)}-{batch.course.pk}.pdf",
        ContentFile(output.getvalue()),
        save=False,
    )
    batch.status = CertificateBatch.Status.DONE
    batch.save(update_fields=["file", "status", "updated_at"])
    return batch
