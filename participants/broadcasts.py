"""The course leader speaks to the group: a translated template with short Swedish slots (or a
text the sender writes in a parent's language), previewed in every language of the group, then
sent once to each confirmed parent in their own language through the outbox.

The slots (a room, an item) are typed in Swedish and reach every parent as typed: in Arabic and
Dari they are isolated so that they keep their order inside right-to-left text. "The meeting is
cancelled" cancels the meeting with the courses service, whose usual notices (with the next
meeting) are the message: nothing else is sent for it.
"""

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.models import Course, Meeting
from courses.services import meeting_cancel
from equalcity.audit import Action, audit
from equalcity.i18n import isolate, local_date, local_number, local_time
from equalcity.models import Message, User
from equalcity.outbox import messages_queue
from equalcity.refs import Ref
from equalcity.sms import sms_length
from participants.messages import SMS_SEGMENTS, _draft, cancelled_meeting_sms, fit_sms
from participants.models import Registration

KIND = "course_broadcast"
ROOM_MAX = 20
ITEM_MAX = 30
TEXT_MAX = 300  # the SMS budget is checked per language; this only bounds the form


class Template(StrEnum):
    STARTS_LATER = "starts_later"
    ROOM = "room"
    BRING = "bring"
    CANCELLED = "cancelled"
    FREE_TEXT = "free_text"


TEMPLATE_LABELS = {
    Template.STARTS_LATER: gettext_lazy("The meeting starts later, at a time you choose"),
    Template.ROOM: gettext_lazy("We meet in another room"),
    Template.BRING: gettext_lazy("Bring something to the meeting"),
    Template.CANCELLED: gettext_lazy("The meeting is cancelled"),
    Template.FREE_TEXT: gettext_lazy("A text I write myself"),
}


@dataclass(frozen=True)
class Broadcast:
    """What the sender chose. `room` and `item` are in Swedish; `text` is in `text_language`."""

    template: str
    meeting: Meeting
    time: dt.time | None = None
    room: str = ""
    item: str = ""
    text: str = ""
    text_language: str = ""


@dataclass
class Preview:
    texts: dict[str, str]  # language: the SMS, for each language of the group
    counts: dict[str, int]  # language: how many parents get it
    left_out: dict[str, int] = field(default_factory=dict)  # free text: languages not written


def new_key() -> str:
    """The confirm form's idempotency key: posting it twice sends once."""
    return secrets.token_urlsafe(12)


def sender_languages(*, user: User) -> list[str]:
    """The languages the sender writes: Swedish (the staff's working language), their own
    language preference, and the languages on their roles (translators')."""
    languages = ["sv", user.language]
    for role_languages in user.roles.values_list("languages", flat=True):
        languages.extend(role_languages or [])
    return list(dict.fromkeys(code for code in languages if code))


def broadcast_meetings(*, course: Course, now: dt.datetime | None = None) -> QuerySet[Meeting]:
    """The meetings a message can be about: those still to come (or under way)."""
    now = now or timezone.now()
    return course.meetings.filter(status=Meeting.Status.SCHEDULED, ends_at__gt=now).order_by(
        "starts_at"
    )


def _recipients(broadcast: Broadcast) -> QuerySet[Registration]:
    parents = Registration.objects.filter(
        course_id=broadcast.meeting.course_id, status=Registration.Status.CONFIRMED
    )
    if broadcast.template == Template.FREE_TEXT:
        parents = parents.filter(language=broadcast.text_language)
    return parents.order_by("pk")


def broadcast_sms(broadcast: Broadcast, *, language: str) -> str:
    """The SMS in `language` (called inside that language)."""
    meeting = broadcast.meeting
    if broadcast.template == Template.FREE_TEXT:
        return _("Parent course: %(text)s") % {"text": broadcast.text}
    starts = timezone.localtime(meeting.starts_at)
    values = {"number": local_number(meeting.number, language)}
    if broadcast.template == Template.STARTS_LATER:
        message = _("Parent course, meeting %(number)s on %(date)s: we start later, at %(time)s.")
        values["time"] = local_time(broadcast.time, language)
    elif broadcast.template == Template.ROOM:
        message = _("Parent course, meeting %(number)s on %(date)s: we meet in room %(room)s.")
        values["room"] = isolate(broadcast.room, language)
    else:
        message = _("Parent course, meeting %(number)s on %(date)s: please bring %(item)s.")
        values["item"] = isolate(broadcast.item, language)
    return fit_sms(
        lambda style: message % {**values, "date": local_date(starts.date(), style, language)}
    )


def _check(broadcast: Broadcast, *, user: User) -> None:
    """Refusals in words, before anything is sent."""
    meeting = broadcast.meeting
    if meeting.status != Meeting.Status.SCHEDULED or meeting.ends_at <= timezone.now():
        raise ValidationError(_("This meeting is cancelled or has already taken place."))
    template = broadcast.template
    starts = timezone.localtime(meeting.starts_at).time()
    if template == Template.STARTS_LATER and (broadcast.time is None or broadcast.time <= starts):
        raise ValidationError(
            _("Write the new time, later than %(time)s.") % {"time": local_time(starts)}
        )
    if template == Template.ROOM and not 0 < len(broadcast.room.strip()) <= ROOM_MAX:
        raise ValidationError(
            _("Write the room in at most %(count)s characters.") % {"count": ROOM_MAX}
        )
    if template == Template.BRING and not 0 < len(broadcast.item.strip()) <= ITEM_MAX:
        raise ValidationError(
            _("Write what to bring in at most %(count)s characters.") % {"count": ITEM_MAX}
        )
    if template == Template.FREE_TEXT:
        if not broadcast.text.strip():
            raise ValidationError(_("Write the text of the message."))
        if broadcast.text_language not in sender_languages(user=user):
            raise ValidationError(
                _(
                    "You do not write %(language)s, so a text of your own cannot go to the "
                    "parents who read it. Send them one of the translated messages instead."
                )
                % {"language": language_name(broadcast.text_language)}
            )


def _texts(broadcast: Broadcast, languages: Iterable[str]) -> dict[str, str]:
    texts = {}
    for language in languages:
        with translation.override(language):
            if broadcast.template == Template.CANCELLED:
                texts[language] = cancelled_meeting_sms(broadcast.meeting)
            else:
                texts[language] = broadcast_sms(broadcast, language=language)
    return texts


def course_broadcast_preview(*, broadcast: Broadcast, user: User) -> Preview:
    """The message in every language of the group, how many parents get each, and (for a text
    of one's own) how many parents are left out because their language is another."""
    _check(broadcast, user=user)
    everyone = Registration.objects.filter(
        course_id=broadcast.meeting.course_id, status=Registration.Status.CONFIRMED
    )
    counts: dict[str, int] = {}
    left_out: dict[str, int] = {}
    recipients = set(_recipients(broadcast).values_list("pk", flat=True))
    for pk, language in everyone.values_list("pk", "language"):
        target = counts if pk in recipients else left_out
        target[language] = target.get(language, 0) + 1
    if broadcast.template == Template.CANCELLED:
        # The notice names the next meeting, which is only known once this one is cancelled:
        # rendered as if it were, then rolled back.
        with transaction.atomic():
            Meeting.objects.filter(pk=broadcast.meeting.pk).update(status=Meeting.Status.CANCELLED)
            texts = _texts(broadcast, counts)
            transaction.set_rollback(True)
    else:
        texts = _texts(broadcast, counts)
    if not counts:
        raise ValidationError(_("No parent on the course would get this message."))
    too_long = [lang for lang, text in texts.items() if sms_length(text).segments > SMS_SEGMENTS]
    if too_long:
        raise ValidationError(
            _("The text is too long for two SMS in %(languages)s. Shorten it.")
            % {"languages": language_names(too_long)}
        )
    return Preview(texts=texts, counts=counts, left_out=left_out)


@transaction.atomic
def course_broadcast_send(*, broadcast: Broadcast, user: User, key: str) -> int | None:
    """Send the message to each parent it is for, in their language; returns how many
    messages were queued, or None when this `key` was sent already (posted twice)."""
    meeting = Meeting.objects.select_for_update().get(pk=broadcast.meeting.pk)
    already = Message.objects.filter(
        kind=KIND, about_type=Ref.to(meeting).type, about_id=meeting.pk, stamp=key
    ).exists()
    if already or (broadcast.template == Template.CANCELLED and meeting.is_cancelled):
        return None
    broadcast = Broadcast(**{**broadcast.__dict__, "meeting": meeting})
    course_broadcast_preview(broadcast=broadcast, user=user)  # the same refusals
    target = f"courses.course:{meeting.course_id}"
    if broadcast.template == Template.CANCELLED:
        # The cancellation notices are the message (participants.planning).
        meeting_cancel(meeting=meeting, reason=_("Cancelled by the course leader"))
        audit(actor=user, action=Action.MESSAGED_GROUP, target=target, detail="cancelled")
        return 0
    drafts = []
    for registration in _recipients(broadcast).select_related("course__venue"):
        with translation.override(registration.language):
            draft = _draft(
                registration,
                kind=KIND,
                about=meeting,
                stamp=key,
                text=broadcast_sms(broadcast, language=registration.language),
                subject=_("A message from the parent course"),
            )
        if draft:
            drafts.append(draft)
    queued = messages_queue(drafts)
    audit(
        actor=user,
        action=Action.MESSAGED_GROUP,
        target=target,
        detail=f"{broadcast.template}, meeting {meeting.number}, {queued} parents",
    )
    return queued


def language_name(code: str) -> str:
    """A language's name in the sender's language."""
    return str(dict(settings.LANGUAGES).get(code, code))


def language_names(codes: Iterable[str]) -> str:
    return ", ".join(language_name(code) for code in codes)


def group_languages(*, course: Course) -> dict[str, int]:
    """How many confirmed parents read each language."""
    counts: dict[str, int] = {}
    parents = course.registrations.filter(status=Registration.Status.CONFIRMED)
    for language in parents.values_list("language", flat=True):
        counts[language] = counts.get(language, 0) + 1
    return counts
