"""The course leader's questionnaire actions on a meeting, and the short link in the SMS."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from equalcity.decorators import staff_required
from participants.selectors.attendance import meeting_for_attendance
from participants.selectors.registrations import registration_from_token
from questionnaires.messages import questionnaire_links_send


@staff_required
@require_POST
def links_send(request, pk):
    meeting = meeting_for_attendance(user=request.user, pk=pk)
    sent = questionnaire_links_send(user=request.user, meeting=meeting)
    messages.success(
        request,
        ngettext(
            "The questionnaire link has been sent to %(count)s parent.",
            "The questionnaire link has been sent to %(count)s parents.",
            sent,
        )
        % {"count": sent},
    )
    return redirect("participants:attendance_sheet", pk=meeting.pk)


def short_link(request, token):
    """The link in the SMS: no language prefix; the questionnaire opens in the parent's
    language."""
    registration = registration_from_token(token)
    with translation.override(registration.language):
        return redirect("questionnaires:intro", token=token)
