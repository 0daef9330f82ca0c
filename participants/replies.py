"""A parent's SMS reply, handled: "1"/"2" answer the meeting they were reminded of, STOP turns
reminders off, anything else waits for the course's staff in the replies inbox.

The core ties a reply to the last message we sent to the number and hands it here
(`registration_reply`). What a "1" means depends on what that message asked: REPLY_HANDLERS
names a handler per kind of message, and other parts of the app add theirs (a seat offer's
"1" accepts the seat).
"""

from collections.abc import Iterable

from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses.models import Course, Meeting
from courses.selectors import course_visible_filter
from equalcity.access import scope_for
from equalcity.i18n import isolate, local_date, local_number
from equalcity.inbound import register_reply_handler
from equalcity.models import InboundMessage, Message, User
from equalcity.outbox import Draft, messages_queue
from equalcity.refs import Ref
from participants.answers import meeting_answer_record
from participants.messages import fit_sms, next_meeting, personal_link
from participants.models import MeetingAnswer, Registration
from participants.offers import offer_accept, offer_decline
from participants.services import registration_set_reminders

Meaning = InboundMessage.Interpretation
REGISTRATION = "participants.registration"
ANSWERS: dict[str, str] = {
    Meaning.COMING: MeetingAnswer.Answer.COMING,
    Meaning.CANNOT: MeetingAnswer.Answer.CANNOT_COME,
}


def answer_confirmation_sms(meeting: Meeting, answer: str) -> str:
    if answer == MeetingAnswer.Answer.COMING:
        message = _("Thank you! You are coming to meeting %(number)s on %(date)s.")
    else:
        message = _("Thank you for telling us. You cannot come to meeting %(number)s on %(date)s.")
    number = local_number(meeting.number)
    return fit_sms(
        lambda style: message % {"number": number, "date": local_date(meeting.starts_at, style)}
    )


def reminders_stopped_sms(*, link: str) -> str:
    return _(
        "You will get no more reminders before the meetings. To turn them on again: %(link)s"
    ) % {"link": isolate(link)}


def _confirm(
    inbound: InboundMessage,
    registration: Registration,
    *,
    kind: str,
    text: str,
    about: models.Model | None = None,
) -> None:
    """The answer to a reply goes back by SMS to the number that wrote, in the parent's
    language; one per reply (its stamp is the reply)."""
    messages_queue(
        [
            Draft(
                kind=kind,
                recipient=Ref.to(registration),
                about=Ref.to(about) if about is not None else Ref("", 0),
                stamp=f"r{inbound.pk}",
                channel=Message.Channel.SMS,
                language=registration.language,
                to_address=inbound.from_number,
                body=text,
            )
        ]
    )


def _asked_meeting(message: Message, registration: Registration) -> Meeting | None:
    """The meeting the message asked about, while it is still to come; else the course's next."""
    if message.about_type == "courses.meeting":
        meeting = (
            Meeting.objects.filter(
                pk=message.about_id,
                course_id=registration.course_id,
                status=Meeting.Status.SCHEDULED,
                starts_at__gt=timezone.now(),
            )
            .select_related("course")
            .first()
        )
        if meeting is not None:
            return meeting
    return next_meeting(registration.course)


def meeting_reply(*, inbound: InboundMessage, message: Message, registration: Registration) -> bool:
    """A "1" or "2" to a reminder (or to our thanks for an earlier answer: a change of mind)."""
    answer = ANSWERS.get(inbound.interpretation)
    if answer is None or registration.status != Registration.Status.CONFIRMED:
        return False
    meeting = _asked_meeting(message, registration)
    if meeting is None:
        return False
    meeting_answer_record(
        registration=registration, meeting=meeting, answer=answer, source=MeetingAnswer.Source.SMS
    )
    with translation.override(registration.language):
        text = answer_confirmation_sms(meeting, answer)
    _confirm(inbound, registration, kind="meeting_answer_confirmed", text=text, about=meeting)
    return True


def stop_reply(*, inbound: InboundMessage, registration: Registration) -> bool:
    """STOP: no more reminders, as with the switch on the personal link, for every course the
    number is registered for (whoever writes STOP wants no more texts)."""
    same_number = Registration.objects.filter(
        phone=inbound.from_number,
        status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED],
        anonymised_at__isnull=True,
    ).values_list("pk", flat=True)
    for pk in {registration.pk, *same_number}:
        registration_set_reminders(registration_id=pk, enabled=False)
    with translation.override(registration.language):
        text = reminders_stopped_sms(link=personal_link(registration))
    _confirm(inbound, registration, kind="reminders_stopped", text=text)
    return True


def offer_reply(*, inbound: InboundMessage, message: Message, registration: Registration) -> bool:
    """A "1" or "2" to a seat offer: the parent takes the seat (and gets the usual confirmation)
    or leaves it to the next in line at once; after the deadline the answer changes nothing."""
    if inbound.interpretation == Meaning.COMING:
        outcome = offer_accept(registration_id=registration.pk, source="sms")
    elif inbound.interpretation == Meaning.CANNOT:
        outcome = offer_decline(registration_id=registration.pk, source="sms")
    else:
        return False
    return bool(outcome.answer)


#: What a "1" or "2" means, by the kind of the message it answers.
REPLY_HANDLERS = {
    "meeting_reminder": meeting_reply,
    "meeting_answer_confirmed": meeting_reply,
    "seat_offered": offer_reply,
}


def registration_reply(*, inbound: InboundMessage, message: Message) -> bool:
    """The core's entry: a reply to a message we sent to a parent. Returns whether it was
    handled; an unhandled reply waits in the staff inbox."""
    registration = (
        Registration.objects.select_related("course")
        .filter(pk=inbound.recipient_id, anonymised_at__isnull=True)
        .first()
    )
    if registration is None:
        return False
    if inbound.interpretation == Meaning.STOP:
        return stop_reply(inbound=inbound, registration=registration)
    handler = REPLY_HANDLERS.get(message.kind)
    if handler is None or inbound.interpretation == Meaning.FREE_TEXT:
        return False
    return handler(inbound=inbound, message=message, registration=registration)


def reply_courses_filter(user: User) -> Q:
    """The courses whose replies a staff member reads: those they lead, and those of the
    municipalities and organisers they coordinate (regional coordinators: all)."""
    return course_visible_filter(user, people=True)


def replies_for_staff(*, user: User) -> QuerySet[InboundMessage]:
    """The replies waiting for a person, newest first: those of parents on the courses in the
    user's scope; a regional coordinator also sees replies from numbers we never wrote to."""
    registrations = Registration.objects.filter(
        course__in=Course.objects.filter(reply_courses_filter(user))
    ).values("pk")
    mine = Q(recipient_type=REGISTRATION, recipient_id__in=registrations)
    if scope_for(user).regional:
        mine |= Q(recipient_type="")
    return InboundMessage.objects.filter(mine, handled=False).order_by("-received_at", "-pk")


def with_registrations(replies: Iterable[InboundMessage]) -> list[InboundMessage]:
    """Each reply with its parent and course (`reply.registration`), in one query."""
    replies = list(replies)
    ids = {reply.recipient_id for reply in replies if reply.recipient_type == REGISTRATION}
    found = Registration.objects.select_related("course").in_bulk(ids)
    for reply in replies:
        # An attribute for the template: the core's model cannot name a participants' one.
        reply.registration = (  # type: ignore[attr-defined]
            found.get(reply.recipient_id) if reply.recipient_type else None
        )
    return replies


def register() -> None:
    register_reply_handler(REGISTRATION, registration_reply)
