"""What a parent is told, and when: confirmations, queue news, reminders, changed meetings.

Every text is rendered inside the parent's language. SMS texts are short and never say which
language the course is in (that could reveal someone's origin to whoever sees the phone): "the
parent course", a date, a time, an address, and at most the personal link. Each one fits in two
SMS segments in every language (tests/participants/test_messages.py).
"""

from enum import StrEnum

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from equalcity.i18n import local_short_date, local_time
from equalcity.models import Message
from equalcity.outbox import Draft
from participants.models import Registration
from participants.selectors import registration_token


class Event(StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    PROMOTED = "promoted"
    CANCELLED = "cancelled"


def personal_link(registration: Registration) -> str:
    path = reverse("short_link", kwargs={"token": registration_token(registration)})
    return settings.SITE_URL.rstrip("/") + path


def _address(venue) -> str:
    """Street and town: what a parent needs to find the place, short enough for an SMS."""
    return f"{venue.street_address}, {venue.city}"


def event_sms(registration: Registration, event: Event, *, link: str, position=None) -> str:
    """The SMS for a change to a registration, in the active language."""
    if event == Event.CONFIRMED:
        return _("You have a seat on the parent course. Dates and cancelling: %(link)s") % {
            "link": link
        }
    if event == Event.WAITLISTED:
        return _(
            "You are number %(position)s on the waiting list for the parent course. More: %(link)s"
        ) % {"position": position, "link": link}
    if event == Event.PROMOTED:
        return _("Good news: you now have a seat on the parent course. Dates: %(link)s") % {
            "link": link
        }
    return _("Your registration for the parent course is cancelled. Welcome another time!")


def reminder_sms(meeting) -> str:
    return _("Reminder: parent course, meeting %(number)s, %(date)s at %(time)s, %(address)s.") % {
        "number": meeting.number,
        "date": local_short_date(meeting.starts_at),
        "time": local_time(meeting.starts_at),
        "address": _address(meeting.course.venue),
    }


def moved_sms(meeting) -> str:
    return _(
        "New time: parent course meeting %(number)s is on %(date)s at %(time)s, %(address)s."
    ) % {
        "number": meeting.number,
        "date": local_short_date(meeting.starts_at),
        "time": local_time(meeting.starts_at),
        "address": _address(meeting.course.venue),
    }


def cancelled_meeting_sms(meeting) -> str:
    return _("Parent course meeting %(number)s on %(date)s is cancelled.") % {
        "number": meeting.number,
        "date": local_short_date(meeting.starts_at),
    }


EVENT_SUBJECTS = {
    Event.CONFIRMED: lambda: _("You have a seat on the course"),
    Event.WAITLISTED: lambda: _("You are on the waiting list"),
    Event.PROMOTED: lambda: _("You now have a seat on the course"),
    Event.CANCELLED: lambda: _("Your registration is cancelled"),
}


def _email_body(registration, text, link):
    return render_to_string(
        "participants/email/message.txt",
        {
            "registration": registration,
            "course": registration.course,
            "text": text,
            "link": link,
            "help_phone": settings.HELP_PHONE,
        },
    )


def _draft(registration, *, kind, key, text, subject):
    """An SMS or an e-mail, as the parent chose; e-mails carry the course details as well."""
    use_email = registration.channel == Registration.Channel.EMAIL and registration.email
    recipient = f"participants.registration:{registration.pk}"
    if use_email:
        return Draft(
            kind=kind,
            dedup_key=f"{recipient}:{key}",
            recipient=recipient,
            channel=Message.Channel.EMAIL,
            language=registration.language,
            to_address=registration.email,
            subject=subject,
            body=_email_body(registration, text, personal_link(registration)),
        )
    if not registration.phone:
        return None
    return Draft(
        kind=kind,
        dedup_key=f"{recipient}:{key}",
        recipient=recipient,
        channel=Message.Channel.SMS,
        language=registration.language,
        to_address=registration.phone,
        body=text,
    )


def event_draft(registration: Registration, event: Event, *, position=None):
    stamp = {
        Event.CONFIRMED: registration.created_at,
        Event.WAITLISTED: registration.waitlisted_at or registration.created_at,
        Event.PROMOTED: registration.promoted_at,
        Event.CANCELLED: registration.cancelled_at,
    }[event]
    with translation.override(registration.language):
        link = personal_link(registration)
        return _draft(
            registration,
            kind=f"registration_{event}",
            key=f"{event}@{stamp:%Y%m%dT%H%M%S}",
            text=event_sms(registration, event, link=link, position=position),
            subject=EVENT_SUBJECTS[event](),
        )


def meeting_drafts(meeting, registrations, *, kind):
    """Reminders, or notices of a moved or cancelled meeting, for each registration."""
    builders = {
        "meeting_reminder": (
            reminder_sms,
            lambda: _("Reminder: the course meets soon"),
            f"{meeting.starts_at:%Y%m%dT%H%M}",
        ),
        "meeting_moved": (
            moved_sms,
            lambda: _("A meeting has a new time"),
            f"{meeting.changed_at:%Y%m%dT%H%M%S}" if meeting.changed_at else "",
        ),
        "meeting_cancelled": (
            cancelled_meeting_sms,
            lambda: pgettext("e-mail subject", "A meeting is cancelled"),
            "",
        ),
    }
    render, subject, stamp = builders[kind]
    texts = {}
    drafts = []
    for registration in registrations:
        if registration.language not in texts:
            with translation.override(registration.language):
                texts[registration.language] = (render(meeting), subject())
        text, subject_text = texts[registration.language]
        with translation.override(registration.language):
            draft = _draft(
                registration,
                kind=kind,
                key=f"meeting:{meeting.pk}@{stamp}:{kind}",
                text=text,
                subject=subject_text,
            )
        if draft:
            drafts.append(draft)
    return drafts


def attendance_prompt(meeting, leader) -> Draft:
    """To a course leader: the meeting has ended and nobody's attendance is recorded yet."""
    recipient = f"equalcity.user:{leader.pk}"
    with translation.override(leader.language):
        path = reverse("participants:attendance_sheet", kwargs={"pk": meeting.pk})
        body = render_to_string(
            "participants/email/attendance_prompt.txt",
            {
                "leader": leader,
                "meeting": meeting,
                "course": meeting.course,
                "date": local_short_date(meeting.starts_at),
                "time": local_time(meeting.starts_at),
                "url": settings.SITE_URL.rstrip("/") + path,
            },
        )
        subject = _("Record the attendance of meeting %(number)s") % {"number": meeting.number}
    return Draft(
        kind="attendance_prompt",
        recipient=recipient,
        channel=Message.Channel.EMAIL,
        dedup_key=f"{recipient}:meeting:{meeting.pk}:attendance_prompt",
        language=leader.language,
        to_address=leader.email,
        subject=subject,
        body=body,
    )
