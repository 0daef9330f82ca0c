"""Writes of the questionnaire: an answer recorded, the pairing key cut; and the editor's
questions, answer scales and recordings.

Answering is voluntary and never touches attendance. Every answer is saved as it is given, so a
parent who stops halfway has still said what they said.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from equalcity.access import scope_for
from equalcity.models import User
from participants.models import Registration
from questionnaires.audio import audio_checked
from questionnaires.models import (
    HIGHEST,
    LOWEST,
    Answer,
    Question,
    QuestionAudio,
    Respondent,
    Response,
    Scale,
    ScaleStep,
)
from questionnaires.selectors import respondent_key


def _require_seat(registration: Registration) -> None:
    """Only a parent with a seat answers, and never once their data is gone."""
    if registration.status != Registration.Status.CONFIRMED or registration.anonymised_at:
        raise PermissionDenied


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
    _require_seat(registration)
    if not question.asked_in(phase) or question.programme_id != registration.course.programme_id:
        raise ValidationError(_("This question is not part of this questionnaire."))
    if value is not None and not LOWEST <= value <= HIGHEST:
        raise ValidationError(_("Choose one of the answers, or skip the question."))
    response = questionnaire_start(registration=registration, phase=phase, language=language)
    if value is not None:
        Answer.objects.update_or_create(
            response=response, question=question, defaults={"value": value}
        )
    return response


def questionnaire_start(*, registration: Registration, phase: str, language: str) -> Response:
    """The answer set, begun before the first answer: "answered" on the leader's list even when
    the parent skips every question (they took part; what they chose not to say is theirs)."""
    _require_seat(registration)
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


# --- The editor: questions, answer scales and recordings -----------------------------------


def _require_editor(user: User) -> None:
    """Checked here, whoever calls: only the questionnaire's editors change what parents are
    asked."""
    if not scope_for(user).edits_questionnaire:
        raise PermissionDenied


def _translations_emptied(row: models.Model, field: str) -> None:
    """A new Swedish text: the other languages no longer say the same thing."""
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE:
            setattr(row, build_localized_fieldname(field, code), "")


def _file_delete_after_commit(recording: QuestionAudio, name: str) -> None:
    storage = recording.file.storage
    transaction.on_commit(lambda: storage.delete(name))


def _recording_remove(recording: QuestionAudio) -> None:
    name = recording.file.name
    recording.delete()
    if name:
        _file_delete_after_commit(recording, name)


@transaction.atomic
def question_save(*, user: User, question: Question, keep_translations: bool = False) -> Question:
    """Add a question, or change one. A changed Swedish text empties its translations and
    removes its recordings, which would otherwise ask parents the old question; with
    `keep_translations` (a spelling corrected) they stay."""
    _require_editor(user)
    stored = (
        Question.objects.select_for_update()
        .filter(pk=question.pk)
        .values_list("text_sv", flat=True)
        .first()
        if question.pk
        else None
    )
    reworded = stored is not None and stored != question.text_sv and not keep_translations
    if reworded:
        _translations_emptied(question, "text")
    question.full_clean()
    question.save()
    if reworded:
        for recording in question.recordings.all():
            _recording_remove(recording)
    return question


def question_next_position(*, programme_id: int, part: str) -> int:
    """The order number after the last question of the part: where a new question goes."""
    last = (
        Question.objects.filter(programme_id=programme_id, part=part)
        .order_by("-position")
        .values_list("position", flat=True)
        .first()
    )
    return (last or 0) + 1


@transaction.atomic
def scale_save(
    *,
    user: User,
    scale: Scale,
    steps: dict[int, tuple[str, str]],
    keep_translations: bool = False,
) -> Scale:
    """Save an answer scale and its five steps, `steps` being {value: (Swedish words, face)}.
    Words changed in Swedish lose their translations unless `keep_translations`."""
    _require_editor(user)
    if set(steps) != set(range(LOWEST, HIGHEST + 1)):
        raise ValidationError(_("An answer scale has five steps."))
    scale.full_clean()
    scale.save()
    existing = {step.value: step for step in scale.steps.select_for_update()}
    for value, (label, face) in sorted(steps.items()):
        step = existing.get(value) or ScaleStep(scale=scale, value=value)
        if step.pk and step.label_sv != label and not keep_translations:
            _translations_emptied(step, "label")
        step.label_sv, step.face = label, face
        step.full_clean()
        step.save()
    return scale


@transaction.atomic
def recording_save(
    *, user: User, question: Question, language: str, upload: UploadedFile[bytes]
) -> QuestionAudio:
    """Store the question read aloud in `language`, replacing the recording there was. Only a
    file that is audio a phone can play, within the limits, is taken (audio_checked); the
    replaced file leaves the storage once the new one is committed."""
    _require_editor(user)
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("There is no such language."))
    try:
        content_type, seconds = audio_checked(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.error_list}) from None
    recording = QuestionAudio.objects.select_for_update().filter(
        question=question, language=language
    ).first() or QuestionAudio(question=question, language=language)
    replaced = recording.file.name if recording.pk else None
    recording.file.save(upload.name or "recording", upload, save=False)
    recording.content_type = content_type
    recording.size = upload.size or 0  # audio_checked refused a file without a size
    recording.seconds = seconds
    recording.uploaded_by = user
    try:
        recording.full_clean()
        recording.save()
    except BaseException:  # the row was not written: neither is the file kept
        if recording.file.name:
            recording.file.storage.delete(recording.file.name)
        raise
    if replaced:
        _file_delete_after_commit(recording, replaced)
    return recording


@transaction.atomic
def recording_delete(*, user: User, recording: QuestionAudio) -> None:
    _require_editor(user)
    _recording_remove(recording)
