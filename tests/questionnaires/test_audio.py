"""Recordings: only audio a phone plays, within the limits, is taken; the file leaves only by a
signed address that expires, never by its place in the media storage."""

import datetime as dt
import re
import time
from unittest import mock

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from participants.selectors.registrations import registration_token
from participants.services import registration_create
from questionnaires.audio import SIGNED_FOR_SECONDS, audio_url
from questionnaires.models import QuestionAudio
from tests.factories import CourseFactory
from tests.participants.conftest import parent
from tests.questionnaires.sounds import mp3_bytes, png_bytes, upload, wav_bytes

pytestmark = pytest.mark.django_db

NOT_AUDIO = "This is not a sound file we can play. Upload MP3, M4A, Ogg, WAV or FLAC."


def recording_page(question, language="ar"):
    with translation.override("en"):
        return reverse("questionnaires:recording", kwargs={"pk": question.pk, "language": language})


@pytest.fixture
def editing(client, editor):
    client.force_login(editor)
    return client


def sound_addresses(page: str) -> list[str]:
    return re.findall(r'<audio[^>]* src="([^"]+)"', page)


def send(client, question, file, language="ar"):
    return client.post(recording_page(question, language), {"file": file}, follow=True)


def test_a_wav_recording_is_stored_with_its_type_size_and_length(editing, editor, question):
    content = wav_bytes(2.5)

    response = send(editing, question, upload("fråga.wav", content, "audio/x-wav"))

    recording = QuestionAudio.objects.get(question=question, language="ar")
    assert (recording.content_type, recording.size) == ("audio/wav", len(content))
    assert recording.seconds == pytest.approx(2.5)
    assert recording.uploaded_by == editor
    assert recording.file.read() == content
    assert "fråga" not in recording.file.name, "stored under a name of its own"
    page = response.content.decode()
    assert "The recording in Arabic has been saved." in page
    player = sound_addresses(page)
    assert len(player) == 1
    assert b"".join(editing.get(player[0]).streaming_content) == content


def test_an_mp3_recording_is_stored_as_mpeg_audio(editing, question):
    send(editing, question, upload("question.mp3", mp3_bytes(3), "audio/mpeg"))

    recording = QuestionAudio.objects.get(question=question, language="ar")
    assert recording.content_type == "audio/mpeg"
    assert recording.seconds == pytest.approx(3, abs=0.2)


@pytest.mark.parametrize(
    ("name", "content", "content_type", "error"),
    [
        ("photo.mp3", png_bytes(), "audio/mpeg", NOT_AUDIO),
        ("question.mp3", "Jag vet vart jag vänder mig.\n".encode() * 50, "audio/mpeg", NOT_AUDIO),
        ("question.wav", b"", "audio/wav", "The file is empty. Choose the file with the recording"),
        (
            "long.wav",
            wav_bytes(61),
            "audio/wav",
            "The recording is too long: at most 60 seconds.",
        ),
    ],
    ids=["png-named-mp3", "text-as-audio", "empty", "over-a-minute"],
)
def test_what_is_not_a_playable_recording_is_refused_with_the_reason(
    editing, question, name, content, content_type, error
):
    response = send(editing, question, upload(name, content, content_type))

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not QuestionAudio.objects.exists()


@override_settings(QUESTION_AUDIO_MAX_BYTES=10_000)
def test_a_recording_over_the_size_limit_is_refused(editing, question):
    response = send(editing, question, upload("q.wav", wav_bytes(2), "audio/wav"))

    assert "The recording is too large: at most 0.01 MB." in response.content.decode()
    assert not QuestionAudio.objects.exists()


def test_no_file_at_all_is_refused_with_the_reason(editing, question):
    response = editing.post(recording_page(question), {})
    assert "Choose the file with the recording." in response.content.decode()


def test_a_refused_upload_leaves_the_recording_there_was(
    editing, question, django_capture_on_commit_callbacks
):
    send(editing, question, upload("q.wav", wav_bytes(1), "audio/wav"))
    before = QuestionAudio.objects.get()

    send(editing, question, upload("q.mp3", png_bytes(), "audio/mpeg"))

    after = QuestionAudio.objects.get()
    assert after.file.name == before.file.name and after.file.storage.exists(after.file.name)


def test_a_new_recording_replaces_the_old_one_and_its_file(
    editing, question, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(editing, question, upload("q.wav", wav_bytes(1), "audio/wav"))
    old = QuestionAudio.objects.get()
    storage, old_name = old.file.storage, old.file.name

    with django_capture_on_commit_callbacks(execute=True):
        send(editing, question, upload("q.mp3", mp3_bytes(2), "audio/mpeg"))

    new = QuestionAudio.objects.get()
    assert new.pk == old.pk and new.content_type == "audio/mpeg"
    assert storage.exists(new.file.name) and not storage.exists(old_name)


def test_a_recording_is_deleted_with_its_file(
    editing, question, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(editing, question, upload("q.wav", wav_bytes(1), "audio/wav"))
    recording = QuestionAudio.objects.get()
    storage, name = recording.file.storage, recording.file.name
    with translation.override("en"):
        delete = reverse(
            "questionnaires:recording_delete", kwargs={"pk": question.pk, "language": "ar"}
        )

    with django_capture_on_commit_callbacks(execute=True):
        response = editing.post(delete, follow=True)

    assert not QuestionAudio.objects.exists() and not storage.exists(name)
    assert "The recording in Arabic has been deleted." in response.content.decode()
    assert (
        "no recording yet"
        in editing.get(reverse("questionnaires:question_list")).content.decode().lower()
    )


def test_an_unknown_language_has_no_recording_page(editing, question):
    with translation.override("en"):
        address = reverse("questionnaires:recording", kwargs={"pk": question.pk, "language": "xx"})
    assert editing.get(address).status_code == 404


# --- Serving ----------------------------------------------------------------------------------


@pytest.fixture
def recording(editing, question):
    send(editing, question, upload("q.wav", wav_bytes(1), "audio/wav"))
    return QuestionAudio.objects.get()


def test_a_fresh_signed_address_serves_the_recording(client, recording):
    response = client.get(audio_url(recording))

    assert response.status_code == 200
    assert response["Content-Type"] == "audio/wav"
    assert b"".join(response.streaming_content) == wav_bytes(1)


def test_an_address_after_its_hours_is_refused(client, recording):
    address = audio_url(recording)
    later = time.time() + SIGNED_FOR_SECONDS + 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        assert client.get(address).status_code == 404


def test_a_tampered_or_invented_address_is_refused(client, recording):
    address = audio_url(recording)
    token = address.rstrip("/").rsplit("/", 1)[1]
    value, stamp, signature = token.split(":")
    tampered = address.replace(token, f"{value}:{stamp}:{signature[:-2]}xy")
    another_recording = address.replace(token, f"Mg:{stamp}:{signature}")

    assert client.get(tampered).status_code == 404
    assert client.get(another_recording).status_code == 404
    with translation.override("sv"):
        made_up = reverse("questionnaires:audio", kwargs={"token": "random-words"})
    assert client.get(made_up).status_code == 404


def test_no_page_shows_where_the_file_is_stored(client, editing, recording, question, goteborg):
    """The editor's pages and a parent's question page hand out the signed address only."""
    course = CourseFactory(programme=question.programme, municipality=goteborg)
    registration = registration_create(
        course_id=course.pk, municipality=goteborg, **parent(language="ar")
    )
    # The course has begun: its first meeting is on now, the second a week ahead.
    first, second = course.meetings.order_by("number")[:2]
    now = timezone.now()
    for meeting, starts_at in (
        (first, now - dt.timedelta(hours=1)),
        (second, now + dt.timedelta(days=7)),
    ):
        type(meeting).objects.filter(pk=meeting.pk).update(
            starts_at=starts_at, ends_at=starts_at + dt.timedelta(hours=2)
        )
    with translation.override("ar"):
        parents_page = reverse(
            "questionnaires:question",
            kwargs={"token": registration_token(registration), "number": 1},
        )
    pages = {
        "list": editing.get(reverse("questionnaires:question_list")),
        "question": editing.get(
            reverse("questionnaires:question_edit", kwargs={"pk": question.pk})
        ),
        "recording": editing.get(recording_page(question)),
        "parent": client.get(parents_page),
    }
    for name, response in pages.items():
        body = response.content.decode()
        assert response.status_code == 200, name
        assert settings.MEDIA_URL not in body, name
        assert recording.file.name not in body, name
    heard = sound_addresses(pages["parent"].content.decode())
    assert len(heard) == 1
    assert b"".join(client.get(heard[0]).streaming_content) == wav_bytes(1)
