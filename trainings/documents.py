"""Invitations, summaries and cluster minutes: their data, built before any rendering.

A document is offered in a language only when every text it shows exists in that language
(`document_languages`); whatever stays Swedish in it (a venue, an address, a name) is a
`LocalText` or is marked `lang="sv"` by its template.
"""

import datetime as dt
import logging
from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from modeltranslation.utils import build_localized_fieldname

from equalcity import documents
from equalcity.i18n import LocalText, language_codes, local_date, local_time, translated
from equalcity.refs import Ref
from trainings.models import ClusterMeeting, TrainingDay

logger = logging.getLogger(__name__)
INVITATION, SUMMARY, MINUTES = "training_invitation", "training_summary", "cluster_minutes"


@dataclass(frozen=True)
class Invitation:
    organisation: str  # a Swedish name
    title: LocalText
    description: LocalText
    target_group: LocalText
    date: str
    time: str
    venue: LocalText
    address: str  # Swedish
    directions: LocalText
    programme: tuple[tuple[str, LocalText, str], ...]  # time, title, speaker (a name)
    deadline: str
    registration_url: str
    phone: str
    email: str

    @property
    def qr_code(self) -> str:
        """The registration link as a QR code, inline (the PDF fetches nothing)."""
        return documents.qr_data_uri(self.registration_url)


@dataclass(frozen=True)
class Summary:
    organisation: str
    title: LocalText
    date: str
    venue: LocalText
    address: str
    summary: tuple[LocalText, ...]
    key_points: tuple[LocalText, ...]
    questions: tuple[LocalText, ...]


@dataclass(frozen=True)
class Minutes:
    organisation: str
    date: str
    time: str
    venue: LocalText
    address: str
    municipalities: tuple[str, ...]
    themes: tuple[LocalText, ...]
    attendees: tuple[str, ...]
    minutes: tuple[LocalText, ...]


def _lines(text: LocalText) -> tuple[LocalText, ...]:
    return tuple(LocalText(line.strip(), text.lang) for line in text.splitlines() if line.strip())


def invitation_data(day: TrainingDay) -> Invitation:
    """Built in the active language; a text not translated yet is Swedish, and says so."""
    organiser = day.organiser
    return Invitation(
        organisation=organiser.name,
        title=translated(day, "title"),
        description=translated(day, "description"),
        target_group=translated(day, "target_group"),
        date=local_date(day.date, "full"),
        time=f"{local_time(day.starts_at)}–{local_time(day.ends_at)}",
        venue=translated(day.venue, "name"),
        address=day.venue.address,
        directions=translated(day.venue, "directions"),
        programme=tuple(
            (local_time(item.starts_at), translated(item, "title"), item.speaker)
            for item in day.programme_items.all()
        ),
        deadline=local_date(day.registration_deadline),
        registration_url=settings.SITE_URL.rstrip("/")
        + reverse("trainings:detail", kwargs={"pk": day.pk}),
        phone=organiser.phone,
        email=organiser.email,
    )


def summary_data(day: TrainingDay) -> Summary:
    return Summary(
        organisation=day.organiser.name,
        title=translated(day, "title"),
        date=local_date(day.date, "full"),
        venue=translated(day.venue, "name"),
        address=day.venue.address,
        summary=_lines(translated(day, "summary")),
        key_points=_lines(translated(day, "key_points")),
        questions=_lines(translated(day, "discussion_questions")),
    )


def minutes_data(meeting: ClusterMeeting) -> Minutes:
    return Minutes(
        organisation="Göteborgsregionen",
        date=local_date(meeting.date, "full"),
        time=f"{local_time(meeting.starts_at)}–{local_time(meeting.ends_at)}",
        venue=translated(meeting.venue, "name"),
        address=meeting.venue.address,
        municipalities=tuple(m.name for m in meeting.municipalities.order_by("name")),
        themes=tuple(translated(t, "name") for t in meeting.themes.order_by("name")),
        attendees=tuple(str(u) for u in meeting.attendees.order_by("first_name", "last_name")),
        minutes=_lines(translated(meeting, "minutes")),
    )


def _day(pk: int) -> TrainingDay:
    return (
        TrainingDay.objects.select_related("organiser", "venue")
        .prefetch_related("programme_items")
        .get(pk=pk)
    )


def _filename(prefix: str, title: str, date: dt.date) -> str:
    return f"{slugify(prefix, allow_unicode=True)}-{slugify(title)[:60]}-{date:%Y-%m-%d}.pdf"


def _build_invitation(pk: int, language: str) -> documents.Source:
    day = _day(pk)
    with translation.override(language):
        data = invitation_data(day)
        return documents.Source(
            data,
            "trainings/pdf/invitation.html",
            _filename(translation.pgettext("file name", "invitation"), day.title_sv, day.date),
        )


def _build_summary(pk: int, language: str) -> documents.Source:
    day = _day(pk)
    with translation.override(language):
        data = summary_data(day)
        return documents.Source(
            data,
            "trainings/pdf/summary.html",
            _filename(translation.pgettext("file name", "summary"), day.title_sv, day.date),
        )


def _build_minutes(pk: int, language: str) -> documents.Source:
    meeting = ClusterMeeting.objects.select_related("venue").get(pk=pk)
    with translation.override(language):
        data = minutes_data(meeting)
        return documents.Source(
            data,
            "trainings/pdf/minutes.html",
            _filename(translation.pgettext("file name", "minutes"), "cluster", meeting.date),
        )


def register_builders() -> None:
    documents.register(INVITATION, _build_invitation)
    documents.register(SUMMARY, _build_summary)
    documents.register(MINUTES, _build_minutes)


def _texts(kind: str, source: TrainingDay | ClusterMeeting) -> list[tuple[models.Model, str]]:
    """The translated fields (row, field) a document of this kind shows."""
    if kind == MINUTES:
        return [(source, "minutes")]
    source = cast(TrainingDay, source)  # an invitation's or a summary's: a training day's
    if kind == SUMMARY:
        fields = ("title", "summary", "key_points", "discussion_questions")
        return [(source, field) for field in fields]
    return [
        (source, "title"),
        (source, "description"),
        (source, "target_group"),
        *((item, "title") for item in source.programme_items.all()),
        (source.venue, "directions"),
    ]


def _exists(row: models.Model, field: str, language: str) -> bool:
    return bool((getattr(row, build_localized_fieldname(field, language)) or "").strip())


def document_languages(kind: str, source: TrainingDay | ClusterMeeting) -> list[str]:
    """The languages a document can be offered in: Swedish, and each language in which every
    text the document shows exists wherever the Swedish text does. A half-translated invitation
    would be a Swedish one with an Arabic heading."""
    swedish = settings.LANGUAGE_CODE
    texts = [(row, field) for row, field in _texts(kind, source) if _exists(row, field, swedish)]
    return [
        code
        for code in language_codes()
        if code == swedish or all(_exists(row, field, code) for row, field in texts)
    ]


def summary_languages(day: TrainingDay) -> list[str]:
    """No summary written yet: none at all."""
    return document_languages(SUMMARY, day) if (day.summary_sv or "").strip() else []


def day_key(day: TrainingDay) -> Ref:
    return Ref.to(day)


def meeting_key(meeting: ClusterMeeting) -> Ref:
    return Ref.to(meeting)


def refresh_documents_later(day: TrainingDay) -> None:
    """After commit, a task brings the day's PDFs up to date (rendered on demand if missed)."""
    from equalcity.tasks import render_document

    jobs = [(INVITATION, document_languages(INVITATION, day))]
    if summary := summary_languages(day):
        jobs.append((SUMMARY, summary))

    def enqueue() -> None:
        for kind, langs in jobs:
            try:
                source = day_key(day)
                render_document.apply_async(args=[kind, source.type, source.id, langs], retry=False)
            except Exception as error:  # noqa: BLE001 - rendered on the first download instead
                logger.warning(
                    "Document rendering left to the first download: %s", type(error).__name__
                )

    transaction.on_commit(enqueue)
