"""What a parent is told, and when: confirmations, queue news, reminders, changed meetings.

Every text is rendered inside the parent's language. SMS texts are short and never say which
language the course is in (that could reveal someone's origin to whoever sees the phone): "the
parent course", a meeting's number, date, time and short address, and the personal link. Each
one fits in two SMS segments in every language with the longest values the forms accept
(tests/participants/test_sms_worst_case.py): the venue's SMS address has a length limit, and a
date is written in full where that fits and shorter where it does not. In Arabic and Dari, the
address and the link are kept left to right with Unicode isolates.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from enum import StrEnum

from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from courses.models import Course, Meeting
from equalcity.i18n import current_language, isolate, local_date, local_number, local_time
from equalcity.models import Message
from equalcity.outbox import Draft
from equalcity.refs import Ref
from equalcity.sms import sms_length
from participants.models import Registration

SMS_SEGMENTS = 2
UNKNOWN = object()  # "not looked up yet" (None means: no meeting left)
# A date as long as it fits: weekday and month in full, then short, then without the weekday.
DATE_STYLES = ("weekday", "weekday_short", "short")


class Event(StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    PROMOTED = "promoted"
    CANCELLED = "cancelled"
    OFFERED = "offered"


#: The outbox kind of each event's message.
EVENT_KINDS = {event: f"registration_{event}" for event in Event} | {Event.OFFERED: "seat_offered"}


def personal_link(registration: Registration) -> str:
    """The link in every message: short (no language prefix), opening in the parent's language."""
    path = reverse("short_link", kwargs={"token": registration.link_token})
    return settings.SITE_URL.rstrip("/") + path


def fit_sms(render: Callable[[str], str], measure: Callable[[str], str] = str) -> str:
    """`render(date_style)` for each date style in turn; the first text within two segments
    (the last one is kept within two by the length limits of what goes into it). `measure`
    turns a text into what is sent (the planner's token slot into a token's length)."""
    text = ""
    for style in DATE_STYLES:
        text = render(style)
        if sms_length(measure(text)).segments <= SMS_SEGMENTS:
            return text
    return text


def meeting_sms(
    message: str, meeting, extra: dict, language: str | None = None, measure=str
) -> str:
    """A text about one meeting: its number, date, time and place, as long as two segments
    allow. The planner passes the language and the translated message (it writes thousands)."""
    language = language or current_language()
    starts = timezone.localtime(meeting.starts_at)
    values = {
        **extra,
        "number": local_number(meeting.number, language),
        # Arabic and Dari write times in their own digits, which keep their order unisolated.
        "time": local_time(starts.time(), language),
        "place": isolate(meeting.course.venue.sms_address, language),
    }
    day = starts.date()
    return fit_sms(
        lambda style: message % {**values, "date": local_date(day, style, language)}, measure
    )


def reply_question() -> str:
    """What to reply to a reminder, with the digits the language writes (a parent may answer
    in any digits: equalcity.replies)."""
    return _("Reply %(yes)s if you are coming, %(no)s if you cannot.") % {
        "yes": local_number(1),
        "no": local_number(2),
    }


def reminder_message(*, question: bool = True) -> str:
    """The reminder ends with the question its reply answers (participants.replies), and the
    personal link after it where two segments hold both (reminder_sms). The e-mail reminder
    keeps the link, with one-tap answers."""
    reminder = _("Reminder: parent course, meeting %(number)s, %(date)s at %(time)s, %(place)s.")
    return f"{reminder} {reply_question()}" if question else reminder


def answer_urls(token: str, meeting) -> dict[str, str]:
    """The one-tap answers of an e-mail reminder, in the active language: each opens a page that
    asks to confirm (a mail scanner opening links changes nothing)."""
    site = settings.SITE_URL.rstrip("/")
    return {
        f"{answer}_url": isolate(
            site
            + reverse(
                "participants:meeting_answer",
                kwargs={"token": token, "meeting": meeting.pk, "answer": answer},
            )
        )
        for answer in ("coming", "cannot_come")
    }


def next_meetings(
    course_ids: Iterable[int], *, now: dt.datetime | None = None
) -> dict[int, Meeting]:
    """The next meeting of each course, in one query: {course id: meeting}."""
    now = now or timezone.now()
    meetings = (
        Meeting.objects.filter(
            course_id__in=list(course_ids), status=Meeting.Status.SCHEDULED, starts_at__gt=now
        )
        .order_by("course_id", "starts_at")
        .select_related("course__venue")
    )
    first = {}
    for meeting in meetings:
        first.setdefault(meeting.course_id, meeting)
    return first


def next_meeting(course: Course, *, now: dt.datetime | None = None) -> Meeting | None:
    """The next meeting that will take place: the first one before the course starts."""
    now = now or timezone.now()
    return (
        course.meetings.filter(status=Meeting.Status.SCHEDULED, starts_at__gt=now)
        .order_by("starts_at")
        .select_related("course__venue")
        .first()
    )


def event_sms(
    registration: Registration, event: Event, *, link: str, position=None, meeting=UNKNOWN
) -> str:
    """The SMS for a change to a registration, in the active language."""
    link = isolate(link)
    if event == Event.WAITLISTED:
        return _(
            "You are number %(position)s on the waiting list for the parent course. "
            "We will text you if you get a seat. %(link)s"
        ) % {"position": local_number(position), "link": link}
    if event == Event.CANCELLED:
        return _("Your registration for the parent course is cancelled. Welcome another time!")
    if meeting is UNKNOWN:
        meeting = next_meeting(registration.course)
    if meeting is None:
        return _("You have a seat on the parent course. Dates: %(link)s") % {"link": link}
    if event == Event.CONFIRMED:
        message = _(
            "You have a seat on the parent course. Meeting %(number)s: %(date)s at %(time)s, "
            "%(place)s. %(link)s"
        )
    else:
        message = _(
            "Good news: you now have a seat on the parent course. Meeting %(number)s: %(date)s "
            "at %(time)s, %(place)s. %(link)s"
        )
    return meeting_sms(message, meeting, {"link": link})


def offer_sms(registration: Registration, *, link: str, meeting=UNKNOWN) -> str:
    """A seat held for the parent until a deadline: the first meeting, the deadline, how to
    answer, the link. Within two segments with the worst values: shorter dates first, then
    without the place, then without the meeting (the personal page has everything)."""
    link = isolate(link)
    if meeting is UNKNOWN:
        meeting = next_meeting(registration.course)
    deadline = timezone.localtime(registration.offer_expires_at)
    full = _(
        "A seat is free for you on the parent course, first meeting %(date)s at %(time)s, "
        "%(place)s. Reply 1 to take it or 2 to say no, by %(deadline)s. %(link)s"
    )
    no_place = _(
        "A seat is free for you on the parent course, first meeting %(date)s at %(time)s. "
        "Reply 1 to take it or 2 to say no, by %(deadline)s. %(link)s"
    )
    no_meeting = _(
        "A seat is free for you on the parent course. Reply 1 to take it or 2 to say no, by "
        "%(deadline)s. %(link)s"
    )

    def render(message, style):
        values = {
            "link": link,
            "deadline": f"{local_date(deadline, style)} {local_time(deadline)}",
        }
        if meeting is not None and message is not no_meeting:
            starts = timezone.localtime(meeting.starts_at)
            values |= {
                "date": local_date(starts, style),
                "time": local_time(starts),
                "place": isolate(meeting.course.venue.sms_address),
            }
        return message % values

    attempts = [(full, style) for style in DATE_STYLES] + [(no_place, "short")]
    if meeting is None:
        attempts = []
    for message, style in attempts:
        text = render(message, style)
        if sms_length(text).segments <= SMS_SEGMENTS:
            return text
    return render(no_meeting, "short")


def offer_email_text(registration: Registration) -> str:
    return _(
        "A seat has become free for you on the course, and it is held for you until "
        "%(deadline)s. Open your page to take it, or to say no, with one tap."
    ) % {
        "deadline": f"{local_date(registration.offer_expires_at, 'full')} "
        f"{local_time(registration.offer_expires_at)}"
    }


def reminder_sms(
    meeting,
    *,
    link: str = "",
    question: bool = True,
    language: str | None = None,
    message: str | None = None,
    measure=str,
) -> str:
    """The reminder: meeting, date, time, place and the question, then the personal link where
    two segments hold it. Swedish, English and Somali (GSM-7) always have room for it; in
    Arabic, Dari and Tigrinya (UCS-2, 67 characters a segment) the link follows only when the
    place and the date are short, and a parent who reads little answers the question anyway
    (the thanks and the e-mail carry the link). `message` is the translated reminder, when the
    planner has it already."""
    message = message or reminder_message(question=question)
    if link and question:
        text = meeting_sms(
            message + " %(link)s", meeting, {"link": isolate(link, language)}, language, measure
        )
        if sms_length(measure(text)).segments <= SMS_SEGMENTS:
            return text
    return meeting_sms(message, meeting, {}, language)


def moved_sms(meeting, *, link: str) -> str:
    message = _(
        "New time: parent course meeting %(number)s is on %(date)s at %(time)s, %(place)s. %(link)s"
    )
    return meeting_sms(message, meeting, {"link": isolate(link)})


def cancelled_meeting_sms(meeting: Meeting, *, link: str = "") -> str:
    """Which meeting is cancelled, and when the course meets next."""
    following = next_meeting(meeting.course)

    def render(style):
        cancelled = {
            "number": local_number(meeting.number),
            "date": local_date(meeting.starts_at, style),
        }
        if following is None:
            return (
                _(
                    "Parent course meeting %(number)s on %(date)s is cancelled. There are no "
                    "more meetings."
                )
                % cancelled
            )
        return _(
            "Parent course meeting %(number)s on %(date)s is cancelled. Next meeting: "
            "%(next_date)s at %(time)s, %(place)s."
        ) % {
            **cancelled,
            "next_date": local_date(following.starts_at, style),
            "time": local_time(following.starts_at),
            "place": isolate(following.course.venue.sms_address),
        }

    return fit_sms(render)


def childcare_sms(registration: Registration) -> str:
    """The answer to a parent who asked for childcare."""
    course = registration.course
    if course.childcare_offered:
        return _(
            "Childcare: the parent course has childcare for children aged %(from)s to %(to)s "
            "during the meetings."
        ) % {
            "from": local_number(course.childcare_min_age),
            "to": local_number(course.childcare_max_age),
        }
    return _(
        "The parent course has no childcare. Call us on %(phone)s and we will look for a "
        "solution together."
    ) % {"phone": isolate(settings.HELP_PHONE)}


EVENT_SUBJECTS = {
    Event.CONFIRMED: lambda: _("You have a seat on the course"),
    Event.WAITLISTED: lambda: _("You are on the waiting list"),
    Event.PROMOTED: lambda: _("You now have a seat on the course"),
    Event.CANCELLED: lambda: _("Your registration is cancelled"),
    Event.OFFERED: lambda: _("A seat is free for you: answer by the deadline"),
}


def _email_body(registration, text, link, *, meeting=None, ask=False):
    course = registration.course
    return render_to_string(
        "participants/email/message.txt",
        {
            **(answer_urls(registration.link_token, meeting) if ask else {}),
            "registration": registration,
            "course": course,
            "text": text,
            "link": isolate(link),
            "meeting": meeting,
            "date": local_date(meeting.starts_at, "full") if meeting else "",
            "time": isolate(local_time(meeting.starts_at)) if meeting else "",
            "place": isolate(f"{course.venue.name}, {course.venue.address}", direction="auto"),
            "childcare": childcare_sms(registration) if registration.needs_childcare else "",
            "help_phone": isolate(settings.HELP_PHONE),
        },
    )


def _draft(
    registration: Registration,
    *,
    kind: str,
    text: str,
    subject: str,
    about: models.Model | None = None,
    stamp: str = "",
    meeting: Meeting | None = None,
    email_text: str | None = None,
) -> Draft | None:
    """An SMS or an e-mail, as the parent chose; e-mails carry the course details as well.
    `email_text` replaces `text` in an e-mail, which then asks about the meeting with links."""
    use_email = registration.channel == Registration.Channel.EMAIL and registration.email
    common = {
        "kind": kind,
        "recipient": Ref.to(registration),
        "about": Ref.to(about) if about is not None else Ref("", 0),
        "stamp": stamp,
        "language": registration.language,
    }
    if use_email:
        return Draft(
            **common,
            channel=Message.Channel.EMAIL,
            to_address=registration.email,
            subject=subject,
            body=_email_body(
                registration,
                email_text or text,
                personal_link(registration),
                meeting=meeting,
                ask=email_text is not None,
            ),
        )
    if not registration.phone:
        return None
    return Draft(**common, channel=Message.Channel.SMS, to_address=registration.phone, body=text)


def event_drafts(
    registration: Registration, event: Event, *, position=None, meeting=UNKNOWN
) -> list[Draft]:
    """The message for a change to a registration (`meeting`: its course's next meeting, when
    the caller already knows it), and the answer about childcare to a parent who asked for it
    when they got a seat."""
    stamp = {
        Event.CONFIRMED: registration.created_at,
        Event.WAITLISTED: registration.waitlisted_at or registration.created_at,
        Event.PROMOTED: registration.promoted_at,
        Event.CANCELLED: registration.cancelled_at,
        Event.OFFERED: registration.offered_at,
    }[event]
    with translation.override(registration.language):
        link = personal_link(registration)
        seated = event in (Event.CONFIRMED, Event.PROMOTED)
        if (seated or event == Event.OFFERED) and meeting is UNKNOWN:
            meeting = next_meeting(registration.course)
        if event == Event.OFFERED:
            by_email = registration.channel == Registration.Channel.EMAIL and registration.email
            text = (
                offer_email_text(registration)
                if by_email
                else offer_sms(registration, link=link, meeting=meeting)
            )
        else:
            text = event_sms(registration, event, link=link, position=position, meeting=meeting)
        drafts = [
            _draft(
                registration,
                kind=EVENT_KINDS[event],
                stamp=f"{stamp:%Y%m%dT%H%M%S}",
                text=text,
                subject=EVENT_SUBJECTS[event](),
                meeting=meeting if seated or event == Event.OFFERED else None,
            )
        ]
        by_email = registration.channel == Registration.Channel.EMAIL and registration.email
        if seated and registration.needs_childcare and not by_email:
            # An e-mail answers it in its body; an SMS parent gets a short second message.
            drafts.append(
                _draft(
                    registration,
                    kind="registration_childcare",
                    text=childcare_sms(registration),
                    subject=_("Childcare"),
                )
            )
    return [draft for draft in drafts if draft]


def event_draft(registration: Registration, event: Event, *, position=None):
    drafts = event_drafts(registration, event, position=position)
    return drafts[0] if drafts else None


MEETING_KINDS = {
    "meeting_reminder": (reminder_sms, lambda: _("Reminder: the course meets soon")),
    "meeting_moved": (moved_sms, lambda: _("A meeting has a new time")),
    "meeting_cancelled": (
        cancelled_meeting_sms,
        lambda: pgettext("e-mail subject", "A meeting is cancelled"),
    ),
}


def meeting_stamp(meeting, kind) -> str:
    """Which version of the meeting a message is about: a reminder per start time, a notice per
    change."""
    if kind == "meeting_reminder":
        return f"{meeting.starts_at:%Y%m%dT%H%M}"
    if kind == "meeting_moved" and meeting.changed_at:
        return f"{meeting.changed_at:%Y%m%dT%H%M%S}"
    return ""


def meeting_drafts(
    meeting: Meeting, registrations: Iterable[Registration], *, kind: str
) -> list[Draft]:
    """Reminders, or notices of a moved or cancelled meeting, for each registration."""
    render, subject = MEETING_KINDS[kind]
    drafts = []
    for registration in registrations:
        with translation.override(registration.language):
            draft = _draft(
                registration,
                kind=kind,
                about=meeting,
                stamp=meeting_stamp(meeting, kind),
                text=render(meeting, link=personal_link(registration)),
                subject=subject(),
                meeting=meeting if kind != "meeting_cancelled" else None,
                email_text=reminder_sms(meeting, question=False)
                if kind == "meeting_reminder"
                else None,
            )
        if draft:
            drafts.append(draft)
    return drafts


def attendance_prompt(meeting, leader) -> Draft:
    """To a course leader: the meeting has ended and nobody's attendance is recorded yet."""
    with translation.override(leader.language):
        path = reverse("participants:attendance_sheet", kwargs={"pk": meeting.pk})
        body = render_to_string(
            "participants/email/attendance_prompt.txt",
            {
                "leader": leader,
                "meeting": meeting,
                "course": meeting.course,
                "date": local_date(meeting.starts_at, "weekday"),
                "time": local_time(meeting.starts_at),
                "url": settings.SITE_URL.rstrip("/") + path,
            },
        )
        subject = _("Record the attendance of meeting %(number)s") % {
            "number": local_number(meeting.number)
        }
    return Draft(
        kind="attendance_prompt",
        recipient=Ref.to(leader),
        about=Ref.to(meeting),
        channel=Message.Channel.EMAIL,
        language=leader.language,
        to_address=leader.email,
        subject=subject,
        body=body,
    )
