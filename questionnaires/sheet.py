"""The questionnaire's buttons on the attendance sheet of the first and the last meeting."""

from django.urls import reverse
from django.utils.translation import gettext as _

from courses.models import Meeting
from participants.hooks import SheetAction
from participants.selectors.attendance import confirmed_participants
from questionnaires.selectors import answered, meeting_phase, open_phase


def sheet_actions(*, meeting: Meeting, user) -> list[SheetAction]:
    phase = meeting_phase(meeting)
    if phase is None or open_phase(meeting.course) != phase:
        return []
    parents = list(confirmed_participants(meeting.course))
    done = len(answered(parents, phase))
    note = _("%(done)s of %(all)s parents have answered the questionnaire.") % {
        "done": done,
        "all": len(parents),
    }
    return [
        SheetAction(
            label=_("Questionnaire on this device"),
            url=reverse("questionnaires:open", kwargs={"pk": meeting.pk}),
        ),
        SheetAction(
            label=_("Send the questionnaire link to the parents"),
            url=reverse("questionnaires:send", kwargs={"pk": meeting.pk}),
            post=True,
            note=note,
        ),
    ]
