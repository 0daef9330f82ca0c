"""The planner: which messages are due now. Run by Celery beat every few minutes.

Reminders are written with one INSERT … SELECT per run, whatever the number of registrations:
the texts are rendered once per meeting and language in Python, with a slot for each parent's
link token, passed to the database as JSON, and joined with the registrations there. ON
CONFLICT on the message's identity (recipient, kind, meeting, start time) makes a second run,
or a second planner at the same moment, a no-op.
"""

import datetime as dt
import json
import uuid
from collections.abc import Iterable
from typing import TypedDict

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses.models import Course, Meeting
from equalcity.capacity import SweepCounts, with_waitlist_positions
from equalcity.i18n import isolate, local_date, local_time
from equalcity.models import Message
from equalcity.outbox import Draft, enqueue_pending, messages_queue
from equalcity.refs import Ref
from equalcity.sms import sms_length
from participants.messages import (
    EVENT_KINDS,
    Event,
    answer_urls,
    attendance_prompt,
    event_drafts,
    meeting_drafts,
    meeting_sms,
    meeting_stamp,
    next_meetings,
    reminder_message,
    reminder_sms,
)
from participants.models import PlannerRun, Registration
from participants.offers import offers_expire
from participants.selectors.registrations import offers_needing_a_call

REMINDER = "meeting_reminder"
RECENT = dt.timedelta(days=3)
LANGUAGES = [code for code, _name in settings.LANGUAGES]
# Where a registration's own link token goes in a text rendered once for everyone.
TOKEN_SLOT = "QQTOKENSLOTQQ"  # noqa: S105 - a placeholder, not a secret


def slotted(text: str) -> str:
    """A text as sent: the slot as long as a parent's token."""
    return text.replace(TOKEN_SLOT, "x" * TOKEN_LENGTH)


TOKEN_LENGTH = 16

_INSERT = """
INSERT INTO {message} (kind, recipient_type, recipient_id, about_type, about_id, stamp, channel,
                       language, to_address, subject, body, segments, status, attempts,
                       provider_id, error, batch, created_at, updated_at)
SELECT %s, 'participants.registration', r.id, 'courses.meeting', t.meeting_id, t.stamp,
       CASE WHEN {by_email} THEN 'email' ELSE 'sms' END,
       r.language,
       CASE WHEN {by_email} THEN r.email ELSE r.phone END,
       CASE WHEN {by_email} THEN t.subject ELSE '' END,
       REPLACE(CASE WHEN {by_email} THEN t.email ELSE t.sms END, '{slot}', r.link_token),
       CASE WHEN {by_email} THEN 0 ELSE t.segments END,
       'queued', 0, '', '', %s, %s, %s
FROM {registration} r
JOIN {texts} ON t.course_id = r.course_id AND t.language = r.language
WHERE r.status = 'confirmed' AND r.reminders
  AND (r.phone <> '' OR ({by_email}))
ON CONFLICT (recipient_type, recipient_id, kind, about_type, about_id, stamp) DO NOTHING
"""
_COLUMNS = (
    "meeting_id bigint, course_id bigint, language text, stamp text, subject text, "
    "sms text, email text, segments int"
)
# The texts travel as one JSON parameter, read as a table by each database.
_SQLITE_COLUMNS = ", ".join(
    f"json_extract(value, '$.{name}') AS {name}"
    for name in (column.split()[0] for column in _COLUMNS.split(", "))
)
_TEXTS = {
    "postgresql": f"jsonb_to_recordset(%s::jsonb) AS t({_COLUMNS})",
    "sqlite": f"(SELECT {_SQLITE_COLUMNS} FROM json_each(%s)) AS t",  # noqa: S608 - no input
}


_DUE = """
SELECT t.meeting_id, r.language, MAX(CASE WHEN {by_email} THEN 1 ELSE 0 END)
FROM {registration} r
JOIN {meetings} ON t.course_id = r.course_id
WHERE r.status = 'confirmed' AND r.reminders AND (r.phone <> '' OR ({by_email}))
  {only_these}
  AND NOT EXISTS (
    SELECT 1 FROM {message} m
    WHERE m.recipient_type = 'participants.registration' AND m.recipient_id = r.id
      AND m.kind = %s AND m.about_type = 'courses.meeting' AND m.about_id = t.meeting_id
      AND m.stamp = t.stamp
  )
GROUP BY t.meeting_id, r.language
"""
_MEETING_COLUMNS = "meeting_id bigint, course_id bigint, stamp text"
_MEETINGS = {
    "postgresql": f"jsonb_to_recordset(%s::jsonb) AS t({_MEETING_COLUMNS})",
    "sqlite": "(SELECT json_extract(value, '$.meeting_id') AS meeting_id, "
    "json_extract(value, '$.course_id') AS course_id, "
    "json_extract(value, '$.stamp') AS stamp FROM json_each(%s)) AS t",
}
BY_EMAIL = "r.channel = 'email' AND r.email <> ''"


_ONLY = {
    "postgresql": "AND r.id = ANY(%s)",
    "sqlite": "AND r.id IN (SELECT value FROM json_each(%s))",
}


def _due(
    meetings: list[Meeting], registration_ids: Iterable[int] | None = None
) -> dict[int, dict[str, bool]]:
    """For each meeting, the languages of the parents still without its reminder, and whether
    any of them wants e-mail: one query, so that a run with nothing new renders nothing.
    `registration_ids` limits the check to those parents."""
    rows = [
        {"meeting_id": meeting.pk, "course_id": meeting.course_id, "stamp": meeting.stamp}
        for meeting in meetings
    ]
    sql = _DUE.format(
        registration=Registration._meta.db_table,
        message=Message._meta.db_table,
        meetings=_MEETINGS[connection.vendor],
        by_email=BY_EMAIL,
        only_these=_ONLY[connection.vendor] if registration_ids is not None else "",
    )
    params: list[str | list[int]] = [json.dumps(rows)]
    if registration_ids is not None:
        ids = list(registration_ids)
        params.append(ids if connection.vendor == "postgresql" else json.dumps(ids))
    params.append(REMINDER)
    due: dict[int, dict[str, bool]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for meeting_id, language, email in cursor.fetchall():
            due.setdefault(meeting_id, {})[language] = bool(email)
    return due


def _changed_since(moment: dt.datetime) -> list[int]:
    """Parents who got a seat, or turned reminders back on, since the planner's last run: the
    only ones a meeting already planned can still lack a reminder for. Indexed columns."""
    return list(
        Registration.objects.filter(
            Q(created_at__gte=moment)
            | Q(promoted_at__gte=moment)
            | Q(reminders_changed_at__gte=moment),
            status=Registration.Status.CONFIRMED,
        ).values_list("pk", flat=True)
    )


class ReminderText(TypedDict):
    """One row of the JSON table the reminders' INSERT … SELECT joins with the registrations."""

    meeting_id: int
    course_id: int
    language: str
    stamp: str
    subject: str
    sms: str
    email: str
    segments: int


def _reminder_texts(meetings: list[Meeting], due: dict[int, dict[str, bool]]) -> list[ReminderText]:
    """The reminder in each language that is due, with a slot where each parent's link token
    goes; the e-mail only where a parent of that language wants e-mail. One language at a time
    (switching the active language costs more than writing a text), and each text once for the
    meetings at the same time and place."""
    rows: list[ReminderText] = []
    site: str = settings.SITE_URL  # read by django-environ, which ships no types
    link = site.rstrip("/") + reverse("short_link", kwargs={"token": TOKEN_SLOT})
    languages = sorted({language for by_language in due.values() for language in by_language})
    for language in languages:
        with translation.override(language):
            message = reminder_message()
            # An e-mail cannot be answered by SMS: it asks with one-tap links instead.
            email_message = reminder_message(question=False)
            subject = _("Reminder: the course meets soon")
            written: dict[tuple[int, dt.datetime, str], tuple[str, int]] = {}
            for meeting in meetings:
                wants_email = due[meeting.pk].get(language)
                if wants_email is None:
                    continue
                same = (meeting.number, meeting.starts_at, meeting.course.venue.sms_address)
                if same not in written:
                    sms = reminder_sms(
                        meeting, link=link, language=language, message=message, measure=slotted
                    )
                    slotted_sms = slotted(sms)
                    written[same] = (sms, sms_length(slotted_sms).segments)
                sms, segments = written[same]
                email = ""
                if wants_email:
                    text = meeting_sms(email_message, meeting, {}, language)
                    email = _reminder_email(meeting, text, link)
                rows.append(
                    {
                        "meeting_id": meeting.pk,
                        "course_id": meeting.course_id,
                        "language": language,
                        "stamp": meeting.reminder_stamp,
                        "subject": subject if wants_email else "",
                        "sms": sms,
                        "email": email,
                        "segments": segments,
                    }
                )
    return rows


def _reminder_email(meeting: Meeting, sms: str, link: str) -> str:
    """The reminder as an e-mail in the active language: the SMS text and the course details."""
    return render_to_string(
        "participants/email/reminder.txt",
        {
            "text": sms,
            "course": meeting.course,
            "meeting": meeting,
            "date": local_date(meeting.starts_at, "full"),
            "time": isolate(local_time(meeting.starts_at)),
            "place": isolate(
                f"{meeting.course.venue.name}, {meeting.course.venue.address}", direction="auto"
            ),
            "link": isolate(link),
            "help_phone": isolate(settings.HELP_PHONE),
            **answer_urls(TOKEN_SLOT, meeting),
        },
    )


def plan_meeting_reminders(*, now: dt.datetime | None = None) -> int:
    """Reminders for every confirmed parent of every meeting starting within the lead time.

    Its cost follows what changed, not what exists. A meeting new in the window (or moved) is
    checked for every parent; a meeting whose reminders were all written is checked only for
    the parents who got a seat or turned reminders on since the last run. Only the texts that
    are due are rendered, and one INSERT … SELECT writes them.
    """
    started = timezone.now()
    now = now or started
    horizon = now + dt.timedelta(hours=settings.MEETING_REMINDER_HOURS)
    meetings = list(
        Meeting.objects.filter(
            status=Meeting.Status.SCHEDULED,
            starts_at__gt=now,
            starts_at__lte=horizon,
            course__status__in=[Course.Status.OPEN, Course.Status.FULL, Course.Status.RUNNING],
        ).only("pk", "course_id", "number", "starts_at", "ends_at", "reminders_planned_for")
    )
    last_run = PlannerRun.objects.filter(name=REMINDER).values_list("started_at", flat=True).first()
    for meeting in meetings:
        meeting.stamp = meeting_stamp(meeting, REMINDER)
    fresh: list[Meeting] = []
    settled: list[Meeting] = []
    for meeting in meetings:
        planned = meeting.reminders_planned_for == meeting.stamp and last_run is not None
        (settled if planned else fresh).append(meeting)
    due = _due(fresh) if fresh else {}
    if settled and last_run is not None:  # a settled meeting was planned by a last run
        changed = _changed_since(last_run)
        if changed:
            for meeting_id, languages in _due(settled, registration_ids=changed).items():
                due.setdefault(meeting_id, {}).update(languages)
    created = _write_reminders(due, now) if due else 0
    _mark_planned(fresh)
    PlannerRun.objects.update_or_create(name=REMINDER, defaults={"started_at": started})
    return created


_PLANNED = """
UPDATE {meeting} SET reminders_planned_for = t.stamp
FROM {meetings}
WHERE {meeting}.id = t.meeting_id
"""


def _mark_planned(meetings: list[Meeting]) -> None:
    """Remember, in one statement, that these meetings' reminders are written for their
    current start time."""
    if not meetings:
        return
    rows = [
        {"meeting_id": meeting.pk, "course_id": meeting.course_id, "stamp": meeting.stamp}
        for meeting in meetings
    ]
    table = Meeting._meta.db_table
    sql = _PLANNED.format(meeting=table, meetings=_MEETINGS[connection.vendor])
    with connection.cursor() as cursor:
        cursor.execute(sql, [json.dumps(rows)])


def _write_reminders(due: dict[int, dict[str, bool]], now: dt.datetime) -> int:
    # What an SMS needs of each meeting; the whole course only where someone wants e-mail.
    by_email = {pk for pk, languages in due.items() if any(languages.values())}
    by_sms = [pk for pk in due if pk not in by_email]
    meetings = Meeting.objects.select_related("course__venue")
    due_meetings = [
        *meetings.filter(pk__in=by_sms).only(
            "number", "starts_at", "course_id", "course__venue_id", "course__venue__sms_address"
        ),
        *meetings.filter(pk__in=list(by_email)),
    ]
    for meeting in due_meetings:
        meeting.reminder_stamp = meeting_stamp(meeting, REMINDER)
    texts = _reminder_texts(due_meetings, due)
    sql = _INSERT.format(
        message=Message._meta.db_table,
        registration=Registration._meta.db_table,
        texts=_TEXTS[connection.vendor],
        by_email=BY_EMAIL,
        slot=TOKEN_SLOT,
    )
    batch = uuid.uuid4()
    batch_value = Message._meta.get_field("batch").get_db_prep_value(batch, connection)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql" and len(texts) > 1000:
            # PostgreSQL guesses 100 rows for a JSON table and then probes the registrations
            # once per text; with thousands of texts one pass over them (a hash join) is faster.
            cursor.execute("SET LOCAL enable_nestloop = off")
        cursor.execute(sql, [REMINDER, batch_value, now, now, json.dumps(texts)])
        created: int = cursor.rowcount  # the driver's cursor behind Django's wrapper: Any to mypy
        if connection.vendor == "postgresql" and created > 10_000:
            # Fresh statistics after a large insert: the next run's check stays an index lookup.
            cursor.execute(f"ANALYZE {Message._meta.db_table}")
    return created


def plan_registration_events(*, now: dt.datetime | None = None) -> int:
    """A safety net for confirmations, queue news, offers and cancellations: changes made
    where no message was queued (a raised capacity makes offers from the courses app) are
    told. The end of an offer (declined, expired) is shown on the parent's page, not sent."""
    now = now or timezone.now()
    since = now - RECENT
    recent = Registration.objects.filter(anonymised_at=None).select_related(
        "course__venue", "course__language"
    )
    pending: list[tuple[Registration, Event]] = []
    for event, field in [
        (Event.CONFIRMED, "created_at"),
        (Event.WAITLISTED, "waitlisted_at"),
        (Event.PROMOTED, "promoted_at"),
        (Event.CANCELLED, "cancelled_at"),
        (Event.OFFERED, "offered_at"),
    ]:
        told = Message.objects.filter(
            recipient_type="participants.registration",
            recipient_id=OuterRef("pk"),
            kind=EVENT_KINDS[event],
        )
        rows = recent.filter(**{f"{field}__gte": since}).exclude(Exists(told))
        if event == Event.CONFIRMED:
            rows = rows.filter(waitlisted_at=None)
        if event == Event.PROMOTED:
            rows = rows.exclude(status=Registration.Status.WAITLISTED)
        if event == Event.CANCELLED:
            rows = rows.filter(offer_answer__in=["", Registration.OfferAnswer.ACCEPTED])
        if event == Event.OFFERED:
            offered = list(rows.filter(status=Registration.Status.OFFERED))
            calls = offers_needing_a_call(offered)
            pending += [(r, event) for r in offered if r.pk not in calls]
        else:
            pending += [(registration, event) for registration in rows]
    if not pending:
        return 0
    # Queue places and next meetings in one query each, for everyone still to be told.
    queues = {r.course_id for r, event in pending if event == Event.WAITLISTED}
    positions = (
        dict(
            with_waitlist_positions(Registration.objects.filter(course_id__in=queues)).values_list(
                "pk", "waitlist_position"
            )
        )
        if queues
        else {}
    )
    meetings = next_meetings({registration.course_id for registration, _event in pending})
    drafts: list[Draft] = []
    for registration, event in pending:
        drafts += event_drafts(
            registration,
            event,
            position=positions.get(registration.pk),
            meeting=meetings.get(registration.course_id),
        )
    with transaction.atomic():
        return messages_queue(drafts)


def notify_meeting_change(*, meeting_id: int) -> int:
    """Tell every confirmed parent that a meeting moved or was cancelled; drop reminders that
    were queued for the old time."""
    meeting = Meeting.objects.select_related("course__venue").get(pk=meeting_id)
    kind = "meeting_cancelled" if meeting.is_cancelled else "meeting_moved"
    changed = meeting.changed_at or timezone.now()
    # Only parents who had their seat before the change: a later confirmation or promotion
    # already carried the meeting as it is now.
    registrations = Registration.objects.filter(
        Q(promoted_at__isnull=True, created_at__lte=changed) | Q(promoted_at__lte=changed),
        course_id=meeting.course_id,
        status=Registration.Status.CONFIRMED,
    )
    with transaction.atomic():
        Message.objects.filter(
            kind=REMINDER,
            status=Message.Status.QUEUED,
            about_type=Ref.to(meeting).type,
            about_id=meeting.pk,
        ).exclude(stamp=meeting_stamp(meeting, REMINDER)).delete()
        return messages_queue(meeting_drafts(meeting, registrations, kind=kind))


def plan_meeting_changes(*, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    changed = Meeting.objects.filter(changed_at__gte=now - RECENT, starts_at__gt=now)
    return sum(notify_meeting_change(meeting_id=pk) for pk in changed.values_list("pk", flat=True))


def plan_attendance_prompts(*, now: dt.datetime | None = None) -> int:
    """An e-mail to each leader of a meeting that has ended without any attendance recorded."""
    now = now or timezone.now()
    ended = (
        Meeting.objects.filter(
            status=Meeting.Status.SCHEDULED, ends_at__lte=now, ends_at__gte=now - RECENT
        )
        .annotate(
            confirmed=Count(
                "course__registrations",
                distinct=True,
                filter=Q(course__registrations__status="confirmed"),
            ),
            recorded=Count("attendances", distinct=True),
        )
        .filter(confirmed__gt=0, recorded=0)
        .select_related("course__language", "course__venue")
        .prefetch_related("course__leaders")
    )
    drafts: list[Draft] = []
    for meeting in ended:
        for leader in meeting.course.leaders.all():
            if leader.email:
                drafts.append(attendance_prompt(meeting, leader))
    with transaction.atomic():
        return messages_queue(drafts)


class ParentPlanReport(TypedDict):
    offers: SweepCounts
    reminders: int
    registration_events: int
    meeting_changes: int
    attendance_prompts: int
    handed_over: int  # queued messages handed to the broker (enqueue_pending)


def plan_parent_messages(*, now: dt.datetime | None = None) -> ParentPlanReport:
    """Everything due for parents (and their course leaders) now, then hand the new messages
    to the broker."""
    return {
        "offers": offers_expire(now=now),
        "reminders": plan_meeting_reminders(now=now),
        "registration_events": plan_registration_events(now=now),
        "meeting_changes": plan_meeting_changes(now=now),
        "attendance_prompts": plan_attendance_prompts(now=now),
        "handed_over": enqueue_pending(),
    }
