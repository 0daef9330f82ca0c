"""A parent's data: everything we hold (access), erasure on request, anonymisation after the
retention period. Anonymising keeps what the statistics need (municipality, children's age bands,
language, referral, attendance) and erases who the person was."""

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict, cast

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Field, Max, QuerySet
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from courses.selectors import course_can_edit
from equalcity import documents
from equalcity.audit import Action, audit
from equalcity.i18n import (
    LocalText,
    local_date,
    local_number,
    local_short_date,
    local_time,
    translated,
)
from equalcity.models import InboundMessage, Message, Organisation, User
from equalcity.refs import Ref
from participants import hooks
from participants.certificates import RTL
from participants.forms import children_label
from participants.models import Attendance, CertificateBatch, Registration, new_link_token
from participants.selectors.registrations import may_see_follow_up

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PERSONAL_DATA = "personal_data"
UNMATCHED_REPLY_DAYS = 90
# The same document with the follow-up note, for those who may see notes (may_see_follow_up).
PERSONAL_DATA_WITH_NOTES = "personal_data_with_notes"


def registration_ref(registration: Registration) -> str:
    """How the audit trail names a parent: "participants.registration:42", never a name."""
    return str(Ref.to(registration))


def messages_to(registration: Registration) -> QuerySet[Message]:
    """Every message written to the parent, however it was written (the planner's SQL too)."""
    ref = Ref.to(registration)
    return Message.objects.filter(recipient_type=ref.type, recipient_id=ref.id)


def replies_from(registration: Registration) -> QuerySet[InboundMessage]:
    """Every SMS the parent sent us, tied to them by the message it answered."""
    ref = Ref.to(registration)
    return InboundMessage.objects.filter(recipient_type=ref.type, recipient_id=ref.id)


def _attendance_of(registration: Registration) -> QuerySet[Attendance]:
    return registration.attendances.select_related("meeting").order_by("meeting__number")


class ExportedRegistration(TypedDict):
    first_name: str
    last_name: str
    phone: str
    email: str
    municipality: str
    children_0_5: int
    children_6_12: int
    children_13_17: int
    needs_childcare: bool
    needs_accessibility: bool
    needs_note: str
    referral: str
    channel: str
    language: str
    reminders: bool
    status: str
    registered: str  # ISO 8601, as every time in the export
    follow_up_note: NotRequired[str]  # only for those who may see notes


class ExportedCourse(TypedDict):
    title: str
    language: str
    municipality: str
    venue: str


class ExportedAttendance(TypedDict):
    meeting: int
    date: str
    status: str


class ExportedMessage(TypedDict):
    kind: str
    channel: str
    to: str
    text: str
    status: str
    created: str


# "from" is a keyword: the functional form.
ExportedReply = TypedDict(
    "ExportedReply", {"from": str, "text": str, "meaning": str, "received": str}
)


class ExportedAnswer(TypedDict):
    meeting: int
    answer: str
    source: str


class PersonalExport(TypedDict):
    """Everything stored about one parent, as the access export gives it (JSON)."""

    registration: ExportedRegistration
    course: ExportedCourse
    attendance: list[ExportedAttendance]
    messages: list[ExportedMessage]
    replies: list[ExportedReply]
    meeting_answers: list[ExportedAnswer]


def registration_export(*, registration: Registration, actor: User) -> PersonalExport:
    """Everything stored about one parent, for a request of access (GDPR art. 15)."""
    course = registration.course
    messages = messages_to(registration).order_by("created_at")
    audit(actor=actor, action=Action.EXPORTED_PERSON, target=registration_ref(registration))
    notes = may_see_follow_up(user=actor, course=course)
    exported: ExportedRegistration = {
        "first_name": registration.first_name,
        "last_name": registration.last_name,
        "phone": registration.phone,
        "email": registration.email,
        "municipality": registration.municipality.name if registration.municipality else "",
        "children_0_5": registration.children_0_5,
        "children_6_12": registration.children_6_12,
        "children_13_17": registration.children_13_17,
        "needs_childcare": registration.needs_childcare,
        "needs_accessibility": registration.needs_accessibility,
        "needs_note": registration.needs_note,
        "referral": registration.referral,
        "channel": registration.channel,
        "language": registration.language,
        "reminders": registration.reminders,
        "status": registration.status,
        "registered": registration.created_at.isoformat(),
    }
    if notes:
        exported["follow_up_note"] = registration.follow_up_note
    return {
        "registration": exported,
        "course": {
            "title": course.title,
            "language": course.language.name,
            "municipality": course.municipality.name,
            "venue": course.venue.name,
        },
        "attendance": [
            {
                "meeting": a.meeting.number,
                "date": a.meeting.starts_at.isoformat(),
                "status": a.status,
            }
            for a in _attendance_of(registration)
        ],
        "messages": [
            {
                "kind": m.kind,
                "channel": m.channel,
                "to": m.to_address,
                "text": m.body,
                "status": m.status,
                "created": m.created_at.isoformat(),
            }
            for m in messages
        ],
        "replies": [
            {
                "from": r.from_number,
                "text": r.body,
                "meaning": r.interpretation,
                "received": r.received_at.isoformat(),
            }
            for r in replies_from(registration).order_by("received_at")
        ],
        "meeting_answers": [
            {"meeting": a.meeting.number, "answer": a.answer, "source": a.source}
            for a in registration.meeting_answers.select_related("meeting").order_by(
                "meeting__number"
            )
        ],
    }


@dataclass(frozen=True)
class PersonalData:
    """The access export as a document, labelled in the reader's language."""

    name: str
    organisation: str
    made: str
    # label, value, written left to right (StrOrPromise exists for the type checker only)
    details: "tuple[tuple[StrOrPromise, str, bool], ...]"
    course: tuple[tuple[str, str], ...]
    attendance: tuple[tuple[int, str, str], ...]
    messages: tuple[tuple[str, str, str, str, str, str], ...]  # …, the text's direction, language


def _label(field_name: str) -> "StrOrPromise":
    # A field of the registration itself, never a relation to it: it has a verbose name (lazy,
    # so that the label is translated where the document is rendered).
    field = cast("Field[Any, Any]", Registration._meta.get_field(field_name))
    return capfirst(field.verbose_name)


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def _build_personal_data(pk: int, language: str, *, with_notes: bool = False) -> documents.Source:
    registration = Registration.objects.select_related(
        "course__language",
        "course__municipality",
        "course__venue",
        "course__organiser",
        "municipality",
    ).get(pk=pk)
    course = registration.course
    with translation.override(language):
        r = registration
        data = PersonalData(
            name=f"{r.first_name} {r.last_name}".strip() or _("Anonymised participant"),
            organisation=course.organiser.name,
            made=local_date(timezone.now()),
            details=(
                (_label("first_name"), LocalText(r.first_name or "–", "und"), False),
                (_label("last_name"), LocalText(r.last_name or "–", "und"), False),
                (_label("phone"), r.phone or "–", True),
                (_label("email"), r.email or "–", True),
                (
                    _label("municipality"),
                    LocalText(r.municipality.name, "sv") if r.municipality else "–",
                    False,
                ),
                (str(children_label(0, 5)), local_number(r.children_0_5), False),
                (str(children_label(6, 12)), local_number(r.children_6_12), False),
                (str(children_label(13, 17)), local_number(r.children_13_17), False),
                (_label("needs_childcare"), _yes_no(r.needs_childcare), False),
                (_label("needs_accessibility"), _yes_no(r.needs_accessibility), False),
                (_label("needs_note"), r.needs_note or "–", False),
                (_label("referral"), r.get_referral_display() or "–", False),
                (_label("channel"), r.get_channel_display(), False),
                (_label("language"), r.get_language_display(), False),
                (_label("reminders"), _yes_no(r.reminders), False),
                (_label("status"), r.get_status_display(), False),
                (_("Registered on"), local_date(r.created_at), False),
                *(
                    [(_label("follow_up_note"), r.follow_up_note or "–", False)]
                    if with_notes
                    else []
                ),
            ),
            course=(
                (_("Course"), translated(course, "title")),
                (_("Course language"), course.language.name),
                (_("Municipality"), LocalText(course.municipality.name, "sv")),
                (_("Venue"), LocalText(f"{course.venue.name}, {course.venue.address}", "sv")),
            ),
            attendance=tuple(
                (a.meeting.number, local_date(a.meeting.starts_at), a.get_status_display())
                for a in _attendance_of(r)
            ),
            messages=tuple(
                (
                    f"{local_short_date(m.created_at)} {local_time(m.created_at)}",
                    m.get_channel_display(),
                    m.to_address,
                    m.body,
                    "rtl" if m.language in RTL else "ltr",
                    m.language,
                )
                for m in messages_to(r).order_by("created_at")
            ),
        )
    return documents.Source(data, "participants/pdf/personal_data.html", f"data-{r.pk}.pdf")


def registration_export_pdf(
    *, registration: Registration, actor: User, language: str
) -> tuple[bytes, str]:
    """The same export as a PDF in the reader's language, made for this request, kept nowhere."""
    audit(
        actor=actor,
        action=Action.EXPORTED_PERSON,
        target=registration_ref(registration),
        detail=f"pdf:{language}",
    )
    with_notes = may_see_follow_up(user=actor, course=registration.course)
    return documents.document_render(
        kind=PERSONAL_DATA_WITH_NOTES if with_notes else PERSONAL_DATA,
        source=Ref.to(registration),
        language=language,
    )


def _anonymise(registration: Registration) -> None:
    registration.first_name = ""
    registration.last_name = ""
    registration.phone = ""
    registration.email = ""
    registration.needs_note = ""
    registration.needs_note_consent = False
    registration.follow_up_note = ""
    registration.link_token = new_link_token()  # the personal link stops working
    registration.anonymised_at = timezone.now()
    registration.save(
        update_fields=[
            "first_name",
            "last_name",
            "phone",
            "email",
            "needs_note",
            "needs_note_consent",
            "follow_up_note",
            "link_token",
            "anonymised_at",
        ]
    )
    messages_to(registration).update(to_address="", body="", subject="")
    # Whether they came is kept for the statistics (like attendance); what they wrote is not.
    replies_from(registration).update(from_number="", body="")
    _forget_documents_naming(registration)
    hooks.registration_anonymised(registration_id=registration.pk)


def _forget_documents_naming(registration: Registration) -> None:
    """Stored PDFs that carry the name go too: the certificate, the course's paper attendance
    list and its certificate batches. Asked for again, they are made without the name."""
    documents.documents_forget(sources=[Ref.to(registration), Ref.to(registration.course)])
    for batch in CertificateBatch.objects.filter(course_id=registration.course_id):
        if batch.file.name:  # a stored file (what `if batch.file` tests)
            batch.file.storage.delete(batch.file.name)
        batch.delete()  # the certificates page then offers to make them again


@transaction.atomic
def registration_erase(*, registration: Registration, actor: User, reason: str) -> None:
    """Erasure on request: the same anonymisation, at once, with the reason in the trail. Only
    a coordinator of the course's municipality (or GR's) may erase."""
    if not course_can_edit(user=actor, course=registration.course):
        raise PermissionDenied
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.anonymised_at is None:
        _anonymise(registration)
    audit(actor=actor, action=Action.ERASED, target=registration_ref(registration), detail=reason)


def past_retention(*, now: dt.datetime | None = None) -> QuerySet[Registration]:
    """Registrations whose course ended longer ago than its organiser keeps personal data."""
    now = now or timezone.now()
    registrations = Registration.objects.filter(anonymised_at__isnull=True).annotate(
        course_ended=Max("course__meetings__ends_at")
    )
    due = Registration.objects.none()
    for organisation in Organisation.objects.filter(courses_organised__isnull=False).distinct():
        cutoff = now - relativedelta(months=organisation.retention_months)
        due |= registrations.filter(course__organiser=organisation, course_ended__lt=cutoff)
    return due


class RetentionReport(TypedDict):
    anonymised: int
    unmatched_replies_deleted: int
    checked_at: str  # ISO 8601


def retention_run(*, now: dt.datetime | None = None) -> RetentionReport:
    """Anonymise everyone past retention. Running it again finds nobody: idempotent."""
    anonymised = 0
    for registration in list(past_retention(now=now)):
        with transaction.atomic():
            fresh = Registration.objects.select_for_update().get(pk=registration.pk)
            if fresh.anonymised_at is not None:
                continue
            _anonymise(fresh)
            audit(
                actor=None,
                action=Action.ANONYMISED,
                target=registration_ref(fresh),
                detail="retention period ended",
            )
            anonymised += 1
    # A reply from a number we never wrote to belongs to no registration: it goes after a
    # while of its own.
    cutoff = (now or timezone.now()) - dt.timedelta(days=UNMATCHED_REPLY_DAYS)
    forgotten, _kinds = InboundMessage.objects.filter(
        recipient_type="", received_at__lt=cutoff
    ).delete()
    return {
        "anonymised": anonymised,
        "unmatched_replies_deleted": forgotten,
        "checked_at": (now or timezone.now()).isoformat(),
    }


def register_builders() -> None:
    documents.register(PERSONAL_DATA, _build_personal_data)
    documents.register(
        PERSONAL_DATA_WITH_NOTES,
        lambda pk, language: _build_personal_data(pk, language, with_notes=True),
    )
