"""A parent's data: everything we hold (access), erasure on request, anonymisation after the
retention period. Anonymising keeps what the statistics need (municipality, children's age bands,
language, referral, attendance) and erases who the person was."""

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from equalcity.audit import Action, audit
from equalcity.models import Message, Organisation
from participants.models import Registration, new_link_key


def registration_ref(registration) -> str:
    return f"participants.registration:{registration.pk}"


def registration_export(*, registration: Registration, actor) -> dict:
    """Everything stored about one parent, for a request of access (GDPR art. 15)."""
    course = registration.course
    messages = Message.objects.filter(recipient=registration_ref(registration)).order_by(
        "created_at"
    )
    audit(actor=actor, action=Action.EXPORTED_PERSON, target=registration_ref(registration))
    return {
        "registration": {
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
            "follow_up_note": registration.follow_up_note,
        },
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
            for a in registration.attendances.select_related("meeting").order_by("meeting__number")
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
    }


def _anonymise(registration: Registration):
    registration.first_name = ""
    registration.last_name = ""
    registration.phone = ""
    registration.email = ""
    registration.needs_note = ""
    registration.needs_note_consent = False
    registration.follow_up_note = ""
    registration.link_key = new_link_key()  # the personal link stops working
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
            "link_key",
            "anonymised_at",
        ]
    )
    Message.objects.filter(recipient=registration_ref(registration)).update(
        to_address="", body="", subject=""
    )


@transaction.atomic
def registration_erase(*, registration: Registration, actor, reason: str) -> None:
    """Erasure on request: the same anonymisation, at once, with the reason in the trail."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.anonymised_at is None:
        _anonymise(registration)
    audit(actor=actor, action=Action.ERASED, target=registration_ref(registration), detail=reason)


def past_retention(*, now=None):
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


def retention_run(*, now=None) -> dict:
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
    return {"anonymised": anonymised, "checked_at": (now or timezone.now()).isoformat()}
