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

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses.models import Course, Meeting
from equalcity.capacity import waitlist_position
from equalcity.i18n import isolate, local_date, local_time
from equalcity.models import Message
from equalcity.outbox import enqueue_pending, messages_queue
from equalcity.refs import Ref
from equalcity.sms import sms_length
from participants.messages import (
    Event,
    attendance_prompt,
    event_drafts,
    meeting_drafts,
    meeting_stamp,
    reminder_sms,
)
from participants.models import Registration

REMINDER = "meeting_reminder"
RECENT = dt.timedelta(days=3)
LANGUAGES = [code for code, _name in settings.LANGUAGES]
# Where a registration's own link token goes in a text rendered once for everyone.
TOKEN_SLOT = "QQTOKENSLOTQQ"  # noqa: S105 - a placeholder, not a secret
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
       CASE WHEN {by_email} THEN t.email_before || r.link_token || t.email_after
            ELSE t.sms_before || r.link_token || t.sms_after END,
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
    "sms_before text, sms_after text, email_before text, email_after text, segments int"
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


def _split(text: str) -> tuple[str, str]:
    before, _slot, after = text.partition(TOKEN_SLOT)
    return before, after


def _reminder_texts(meeting):
    """The reminder in every language, with a slot where each parent's link token goes."""
    rows = []
    link = settings.SITE_URL.rstrip("/") + reverse("short_link", kwargs={"token": TOKEN_SLOT})
    for language in LANGUAGES:
        with translation.override(language):
            sms = reminder_sms(meeting, link=link)
            email = render_to_string(
                "participants/email/reminder.txt",
                {
                    "text": sms,
                    "course": meeting.course,
                    "meeting": meeting,
                    "date": local_date(meeting.starts_at, "full"),
                    "time": isolate(local_time(meeting.starts_at)),
                    "place": isolate(
                        f"{meeting.course.venue.name}, {meeting.course.venue.address}",
                        direction="auto",
                    ),
                    "link": isolate(link),
                    "help_phone": isolate(settings.HELP_PHONE),
                },
            )
            sms_before, sms_after = _split(sms)
            email_before, email_after = _split(email)
            rows.append(
                {
                    "meeting_id": meeting.pk,
                    "course_id": meeting.course_id,
                    "language": language,
                    "stamp": meeting_stamp(meeting, REMINDER),
                    "subject": _("Reminder: the course meets soon"),
                    "sms_before": sms_before,
                    "sms_after": sms_after,
                    "email_before": email_before,
                    "email_after": email_after,
                    "segments": sms_length(sms.replace(TOKEN_SLOT, "x" * TOKEN_LENGTH)).segments,
                }
            )
    return rows


def plan_meeting_reminders(*, now=None) -> int:
    """Reminders for every confirmed parent of every meeting starting within the lead time."""
    now = now or timezone.now()
    horizon = now + dt.timedelta(hours=settings.MEETING_REMINDER_HOURS)
    meetings = list(
        Meeting.objects.filter(
            status=Meeting.Status.SCHEDULED,
            starts_at__gt=now,
            starts_at__lte=horizon,
            course__status__in=[Course.Status.OPEN, Course.Status.FULL, Course.Status.RUNNING],
        ).select_related("course__venue")
    )
    if not meetings:
        return 0
    texts = [row for meeting in meetings for row in _reminder_texts(meeting)]
    sql = _INSERT.format(
        message=Message._meta.db_table,
        registration=Registration._meta.db_table,
        texts=_TEXTS[connection.vendor],
        by_email="r.channel = 'email' AND r.email <> ''",
    )
    batch = uuid.uuid4()
    batch_value = Message._meta.get_field("batch").get_db_prep_value(batch, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, [REMINDER, batch_value, now, now, json.dumps(texts)])
        return cursor.rowcount


def plan_registration_events(*, now=None) -> int:
    """A safety net for confirmations, queue news, promotions and cancellations: changes made
    where no message was queued (a raised capacity promotes from the courses app) are told."""
    now = now or timezone.now()
    since = now - RECENT
    recent = Registration.objects.filter(anonymised_at=None).select_related(
        "course__venue", "course__language"
    )
    drafts = []
    for event, field in [
        (Event.CONFIRMED, "created_at"),
        (Event.WAITLISTED, "waitlisted_at"),
        (Event.PROMOTED, "promoted_at"),
        (Event.CANCELLED, "cancelled_at"),
    ]:
        rows = recent.filter(**{f"{field}__gte": since})
        if event == Event.CONFIRMED:
            rows = rows.filter(waitlisted_at=None)
        if event == Event.PROMOTED:
            rows = rows.exclude(status=Registration.Status.WAITLISTED)
        for registration in rows:
            position = waitlist_position(registration) if event == Event.WAITLISTED else None
            drafts.extend(event_drafts(registration, event, position=position))
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


def plan_meeting_changes(*, now=None) -> int:
    now = now or timezone.now()
    changed = Meeting.objects.filter(changed_at__gte=now - RECENT, starts_at__gt=now)
    return sum(notify_meeting_change(meeting_id=pk) for pk in changed.values_list("pk", flat=True))


def plan_attendance_prompts(*, now=None) -> int:
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
    drafts = []
    for meeting in ended:
        for leader in meeting.course.leaders.all():
            if leader.email:
                drafts.append(attendance_prompt(meeting, leader))
    with transaction.atomic():
        return messages_queue(drafts)


def plan_parent_messages(*, now=None) -> dict:
    """Everything due for parents (and their course leaders) now, then hand the new messages
    to the broker."""
    report = {
        "reminders": plan_meeting_reminders(now=now),
        "registration_events": plan_registration_events(now=now),
        "meeting_changes": plan_meeting_changes(now=now),
        "attendance_prompts": plan_attendance_prompts(now=now),
    }
    report["handed_over"] = enqueue_pending()
    return report
