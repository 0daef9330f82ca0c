"""Writes of the questionnaire: an answer recorded, the pairing key cut, the link sent.

Answering is voluntary and never touches attendance. Every answer is saved as it is given, so a
parent who stops halfway has still said what they said.
"""

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from participants.models import Registration
from questionnaires.models import HIGHEST, LOWEST, Answer, Question, Respondent, Response
from questionnaires.selectors import respondent_key


def _respondent(registration: Registration) -> uuid.UUID:
    key = respondent_key(registration)
    if key is not None:
        return key
    try:
        with transaction.atomic():
            return Respondent.objects.create(registration=registration).key
    except IntegrityError:  # the same parent on two devices at once: the first row stands
        return Respondent.objects.get(registration=registration).key


@transaction.atomic
def answer_record(
    *,
    registration: Registration,
    phase: str,
    language: str,
    question: Question,
    value: int | None,
) -> Response:
    """Record one answer (`value` None: the parent skipped the question; nothing is stored for
    it). The answer set knows the course, phase and language, never the parent."""
    if registration.status != Registration.Status.CONFIRMED or registration.anonymised_at:
        raise PermissionDenied
    if not question.asked_in(phase) or question.programme_id != registration.course.programme_id:
        raise ValidationError(_("This question is not part of this questionnaire."))
    if value is not None and not LOWEST <= value <= HIGHEST:
        raise ValidationError(_("Choose one of the answers, or skip the question."))
    response, _created = Response.objects.get_or_create(
        respondent=_respondent(registration),
        phase=phase,
        defaults={
            "course_id": registration.course_id,
            "language": language,
            "answered_on": timezone.localdate(),
        },
    )
    if value is not None:
        Answer.objects.update_or_create(
            response=response, question=question, defaults={"value": value}
        )
    return response


def questionnaire_start(*, registration: Registration, phase: str, language: str) -> Response:
    """The answer set, begun before the first answer: "answered" on the leader's list even when
    the parent skips every question (they took part; what they chose not to say is theirs)."""
    if registration.status != Registration.Status.CONFIRMED or registration.anonymised_at:
        raise PermissionDenied
    response, _created = Response.objects.get_or_create(
        respondent=_respondent(registration),
        phase=phase,
        defaults={
            "course_id": registration.course_id,
            "language": language,
            "answered_on": timezone.localdate(),
        },
    )
    return response


def pairing_cut(registration_id: int) -> None:
    """The registration was anonymised: delete its link to the answers, and give the answers a
    new key that nobody holds. Before and after stay a pair; the pair is nobody's."""
    link = Respondent.objects.filter(registration_id=registration_id).first()
    if link is None:
        return
    Response.objects.filter(respondent=link.key).update(respondent=uuid.uuid4())
    link.delete()
