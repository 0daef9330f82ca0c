"""Invitations, summaries and cluster minutes: their data, built before any rendering."""

import logging
from dataclasses import dataclass

import segno
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify

from equalcity import documents
from equalcity.i18n import language_codes, local_date, local_time
from equalcity.refs import Ref
from trainings.models import ClusterMeeting, TrainingDay

logger = logging.getLogger(__name__)
INVITATION, SUMMARY, MINUTES = "training_invitation", "training_summary", "cluster_minutes"


@dataclass(frozen=True)
class Invitation:
    organisation: str
    title: str
    description: str
    target_group: str
    date: str
    time: str
    venue: str
    address: str
    directions: str
    programme: tuple[tuple[str, str, str], ...]
    deadline: str
    registration_url: str
    contact: str

    @property
    def qr_code(self) -> str:
        """The registration link as a QR code, inline (the PDF fetches nothing)."""
        return segno.make(self.registration_url, error="m").svg_data_uri(scale=4, border=2)


@dataclass(frozen=True)
class Summary:
    organisation: str
    title: str
    date: str
    venue: str
    summary: tuple[str, ...]
    key_points: tuple[str, ...]
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Minutes:
    organisation: str
    date: str
    time: str
    venue: str
    municipalities: tuple[str, ...]
    themes: tuple[str, ...]
    attendees: tuple[str, ...]
    minutes: tuple[str, ...]


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def invitation_data(day: TrainingDay) -> Invitation:
    """Built in the active language: translated fields fall back to Swedish."""
    organiser = day.organiser
    contact = " · ".join(
        part for part in (organiser.name, organiser.phone, organiser.email) if part
    )
    return Invitation(
        organisation=organiser.name,
        title=day.title,
        description=day.description,
        target_group=day.target_group,
        date=local_date(day.date, "full"),
        time=f"{local_time(day.starts_at)}–{local_time(day.ends_at)}",
        venue=day.venue.name,
        address=day.venue.address,
        directions=day.venue.directions,
        programme=tuple(
            (local_time(item.starts_at), item.title, item.speaker)
            for item in day.programme_items.all()
        ),
        deadline=local_date(day.registration_deadline),
        registration_url=settings.SITE_URL.rstrip("/")
        + reverse("trainings:detail", kwargs={"pk": day.pk}),
        contact=contact,
    )


def summary_data(day: TrainingDay) -> Summary:
    return Summary(
        organisation=day.organiser.name,
        title=day.title,
        date=local_date(day.date, "full"),
        venue=f"{day.venue.name}, {day.venue.address}",
        summary=_lines(day.summary),
        key_points=_lines(day.key_points),
        questions=_lines(day.discussion_questions),
    )


def minutes_data(meeting: ClusterMeeting) -> Minutes:
    return Minutes(
        organisation="Göteborgsregionen",
        date=local_date(meeting.date, "full"),
        time=f"{local_time(meeting.starts_at)}–{local_time(meeting.ends_at)}",
        venue=f"{meeting.venue.name}, {meeting.venue.address}",
        municipalities=tuple(m.name for m in meeting.municipalities.order_by("name")),
        themes=tuple(t.name for t in meeting.themes.order_by("name")),
        attendees=tuple(str(u) for u in meeting.attendees.order_by("first_name", "last_name")),
        minutes=_lines(meeting.minutes),
    )


def _day(pk: int) -> TrainingDay:
    return (
        TrainingDay.objects.select_related("organiser", "venue")
        .prefetch_related("programme_items")
        .get(pk=pk)
    )


def _filename(prefix: str, title: str, date) -> str:
    return f"{slugify(prefix, allow_unicode=True)}-{slugify(title)[:60]}-{date:%Y-%m-%d}.pdf"


def _build_invitation(pk, language):
    day = _day(pk)
    with translation.override(language):
        data = invitation_data(day)
        return documents.Source(
            data,
            "trainings/pdf/invitation.html",
            _filename(translation.pgettext("file name", "invitation"), day.title_sv, day.date),
        )


def _build_summary(pk, language):
    day = _day(pk)
    with translation.override(language):
        data = summary_data(day)
        return documents.Source(
            data,
            "trainings/pdf/summary.html",
            _filename(translation.pgettext("file name", "summary"), day.title_sv, day.date),
        )


def _build_minutes(pk, language):
    meeting = ClusterMeeting.objects.select_related("venue").get(pk=pk)
    with translation.override(language):
        data = minutes_data(meeting)
        return documents.Source(
            data,
            "trainings/pdf/minutes.html",
            _filename(translation.pgettext("file name", "minutes"), "cluster", meeting.date),
        )


def register_builders():
    documents.register(INVITATION, _build_invitation)
    documents.register(SUMMARY, _build_summary)
    documents.register(MINUTES, _build_minutes)


def invitation_languages(day: TrainingDay) -> list[str]:
    """Swedish, and every language the day's title has been translated into."""
    return [
        code
        for code in language_codes()
        if code == "sv" or getattr(day, f"title_{code.replace('-', '_')}", "")
    ]


def day_key(day: TrainingDay) -> Ref:
    return Ref.to(day)


def meeting_key(meeting: ClusterMeeting) -> Ref:
    return Ref.to(meeting)


def refresh_documents_later(day: TrainingDay):
    """After commit, a task brings the day's PDFs up to date (rendered on demand if missed)."""
    from equalcity.tasks import render_document

    languages = invitation_languages(day)
    jobs = [(INVITATION, languages)]
    if day.summary:
        jobs.append((SUMMARY, languages))

    def enqueue():
        for kind, langs in jobs:
            try:
                source = day_key(day)
                render_document.apply_async(args=[kind, source.type, source.id, langs], retry=False)
            except Exception as error:  # noqa: BLE001 - rendered on the first download instead
                logger.warning(
                    "Document rendering left to the first download: %s", type(error).__name__
                )

    transaction.on_commit(enqueue)
