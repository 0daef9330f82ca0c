"""Questions read aloud: recordings uploaded by staff, one per question and language.

An upload is accepted only when mutagen can read it as one of the audio formats every phone
browser plays (MP3, AAC in MP4/M4A, Ogg Vorbis or Opus, WAV, FLAC), within the size and length
limits; what it claims to be (its name, the browser's content type) counts for nothing. The file
is stored under a random name and leaves only through `audio_view`, by a signed address that the
questionnaire's pages hand out and that stops working after a few hours.
"""

from __future__ import annotations

import mimetypes
from decimal import Decimal

import mutagen
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from mutagen.flac import FLAC
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis
from mutagen.wave import WAVE

from questionnaires.models import Question, QuestionAudio

#: What is stored, by what mutagen found: the content type the file is served with.
PLAYABLE = {
    MP3: "audio/mpeg",
    MP4: "audio/mp4",
    OggVorbis: "audio/ogg",
    OggOpus: "audio/ogg",
    WAVE: "audio/wav",
    FLAC: "audio/flac",
}
MAX_SECONDS = 60
SIGNED_FOR_SECONDS = 6 * 60 * 60
SALT = "questionnaires.audio"


def max_bytes() -> int:
    return int(settings.QUESTION_AUDIO_MAX_BYTES)


def audio_checked(upload: UploadedFile[bytes]) -> tuple[str, Decimal]:
    """(content type, seconds) of an uploaded recording, or a ValidationError saying why not."""
    limit_mb = max_bytes() / 1_000_000
    if upload.size is None or upload.size > max_bytes():
        raise ValidationError(
            _("The recording is too large: at most %(size)s MB.") % {"size": f"{limit_mb:g}"}
        )
    upload.seek(0)
    try:
        found = mutagen.File(upload, options=list(PLAYABLE))
    except mutagen.MutagenError:
        found = None
    finally:
        upload.seek(0)
    if found is None or type(found) not in PLAYABLE or not found.info.length:
        raise ValidationError(
            _("This is not a sound file we can play. Upload MP3, M4A, Ogg, WAV or FLAC.")
        )
    if found.info.length > MAX_SECONDS:
        raise ValidationError(
            _("The recording is too long: at most %(seconds)s seconds.") % {"seconds": MAX_SECONDS}
        )
    return PLAYABLE[type(found)], Decimal(f"{found.info.length:.1f}")


def audio_url(recording: QuestionAudio) -> str:
    """A signed address of the recording, for a questionnaire page."""
    token = signing.dumps(recording.pk, salt=SALT)
    return reverse("questionnaires:audio", kwargs={"token": token})


def recordings_for(questions: list[Question], language: str) -> dict[int, str]:
    """{question id: signed address} of the questions' recordings in `language`."""
    return {
        recording.question_id: audio_url(recording)
        for recording in QuestionAudio.objects.filter(question__in=questions, language=language)
    }


def audio_view(request: HttpRequest, token: str) -> FileResponse:
    try:
        pk = signing.loads(token, salt=SALT, max_age=SIGNED_FOR_SECONDS)
    except signing.BadSignature:
        raise Http404 from None
    recording = QuestionAudio.objects.filter(pk=pk).first()
    if recording is None or not recording.file.name:
        raise Http404
    extension = mimetypes.guess_extension(recording.content_type) or ""
    response = FileResponse(
        recording.file.storage.open(recording.file.name, "rb"),
        content_type=recording.content_type,
        filename=f"question-{recording.question_id}-{recording.language}{extension}",
    )
    response["Cache-Control"] = "private, max-age=3600"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
