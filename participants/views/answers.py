"""A parent's answer about the next meeting by one tap (the links in the e-mail reminder, the
buttons on the personal-link page), and the staff inbox of SMS replies that need a person."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from courses.models import Meeting
from equalcity.audit import Action, audit
from equalcity.decorators import leader_or_coordinator_required, personal_data
from equalcity.i18n import local_number
from participants.answers import meeting_answer_record
from participants.models import MeetingAnswer, Registration
from participants.replies import replies_for_staff, with_registrations
from participants.selectors.registrations import registration_from_token

Answer = MeetingAnswer.Answer


def _answerable_meeting(registration, pk):
    """The meeting, while the parent holds a seat and it is still to come; else None."""
    if registration.status != Registration.Status.CONFIRMED:
        return None
    return (
        registration.course.meetings.filter(
            pk=pk, status=Meeting.Status.SCHEDULED, starts_at__gt=timezone.now()
        )
        .select_related("course__venue")
        .first()
    )


def _thanks(answer, meeting):
    if answer == Answer.COMING:
        return _("Thank you! We have noted that you are coming to meeting %(number)s.") % {
            "number": local_number(meeting.number)
        }
    return _(
        "Thank you for telling us. We have noted that you cannot come to meeting %(number)s."
    ) % {"number": local_number(meeting.number)}


@personal_data
@require_http_methods(["GET", "POST"])
def meeting_answer(request, token, meeting, answer):
    """GET asks to confirm (a link opened by a mail scanner changes nothing); POST records."""
    registration = registration_from_token(token)
    if answer not in Answer.values:
        raise Http404
    found = _answerable_meeting(registration, meeting)
    if found is None:
        messages.warning(request, _("This meeting can no longer be answered."))
        return redirect("participants:registration", token=token)
    if request.method == "POST":
        source = (
            MeetingAnswer.Source.PAGE
            if request.POST.get("from") == "page"
            else MeetingAnswer.Source.LINK
        )
        meeting_answer_record(
            registration=registration, meeting=found, answer=answer, source=source
        )
        messages.success(request, _thanks(answer, found))
        return redirect("participants:registration", token=token)
    return render(
        request,
        "participants/meeting_answer.html",
        {"registration": registration, "meeting": found, "answer": answer, "token": token},
    )


@personal_data
@leader_or_coordinator_required
def replies_inbox(request):
    """SMS replies that no service could act on (free text, an answer to nothing we asked),
    for the leaders and coordinators of the parents' courses."""
    page = Paginator(replies_for_staff(user=request.user), 50).get_page(request.GET.get("page"))
    audit(actor=request.user, action=Action.VIEWED_LIST, target="equalcity.inboundmessage:inbox")
    return render(
        request,
        "participants/replies.html",
        {"page": page, "replies": with_registrations(page.object_list)},
    )
