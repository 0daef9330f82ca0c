"""The questionnaire's link to a parent's own phone, by SMS or e-mail through the outbox."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.models import Course, Meeting
from equalcity.i18n import isolate
from equalcity.message_kinds import register_kind
from equalcity.models import Message, User
from equalcity.outbox import messages_queue
from equalcity.refs import Ref
from participants.messages import _draft
from participants.models import Registration
from participants.selectors.attendance import confirmed_participants, may_record
from questionnaires.selectors import answered, languages_ready, meeting_phase, open_phase

KIND = "questionnaire_invitation"


def questionnaire_link(registration: Registration) -> str:
    """Short, without a language prefix: it opens in the parent's language."""
    path = reverse("questionnaire_short_link", kwargs={"token": registration.link_token})
    return str(settings.SITE_URL).rstrip("/") + path


def questionnaire_sms(registration: Registration) -> str:
    """In the active language; two segments with the longest site address (tested)."""
    return _(
        "We would like to hear what you think of the parent course: a few questions with "
        "pictures and sound. Voluntary. %(link)s"
    ) % {"link": isolate(questionnaire_link(registration))}


def _invited(course: Course, phase: str) -> set[int]:
    """The registrations that have had the link for this course and phase already."""
    about = Ref.to(course)
    return set(
        Message.objects.filter(
            kind=KIND, about_type=about.type, about_id=about.id, stamp=phase
        ).values_list("recipient_id", flat=True)
    )


def questionnaire_links_send(*, user: User, meeting: Meeting) -> int:
    """Send the link to every parent with a seat who has not answered this phase yet, in their
    language where the questionnaire is ready in it. Sent once per parent and phase (the
    outbox keeps each message's identity once), however often the leader presses. Returns how
    many were sent now."""
    if not may_record(user=user, course=meeting.course):
        raise PermissionDenied
    phase = meeting_phase(meeting)
    if phase is None or open_phase(meeting.course) != phase:
        return 0
    ready = set(languages_ready(meeting.course.programme_id))
    parents = list(confirmed_participants(meeting.course).select_related("course"))
    done = answered(parents, phase) | _invited(meeting.course, phase)
    drafts = []
    for registration in parents:
        if registration.pk in done or registration.language not in ready:
            continue
        with translation.override(registration.language):
            text = questionnaire_sms(registration)
            draft = _draft(
                registration,
                kind=KIND,
                text=text,
                subject=_("A few questions about the parent course"),
                about=meeting.course,
                stamp=phase,
            )
        if draft is not None:
            drafts.append(draft)
    return messages_queue(drafts)


def register() -> None:
    register_kind(KIND, gettext_lazy("Questionnaire link"))
