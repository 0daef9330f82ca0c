"""Cluster meetings: GR plans them and records their minutes; staff see their own."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from equalcity.access import require_regional, scope_for
from equalcity.decorators import regional_required, staff_required
from equalcity.forms import add_validation_error
from equalcity.i18n import reader_first
from trainings import documents
from trainings.forms import ClusterMeetingForm, MinutesForm
from trainings.models import ClusterMeeting
from trainings.selectors import cluster_matrix, cluster_meetings_visible
from trainings.services import cluster_meeting_record, cluster_meeting_save


@staff_required
def clusters(request):
    scope = scope_for(request.user)
    form = ClusterMeetingForm(request.POST or None) if scope.regional else None
    if request.method == "POST":
        require_regional(request.user)
        if form.is_valid():
            try:
                cluster_meeting_save(
                    user=request.user,
                    meeting=form.save(commit=False),
                    municipalities=form.cleaned_data["municipalities"],
                    themes=form.cleaned_data["themes"],
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("The cluster meeting has been planned."))
                return redirect("trainings:clusters")
    municipalities, matrix = cluster_matrix() if scope.regional else ([], [])
    return render(
        request,
        "trainings/clusters.html",
        {
            "meetings": [
                (
                    meeting,
                    reader_first(
                        documents.document_languages(documents.MINUTES, meeting),
                        request.user.language,
                    ),
                )
                for meeting in cluster_meetings_visible(user=request.user)
            ],
            "form": form,
            "municipalities": municipalities,
            "matrix": matrix,
        },
    )


@regional_required
@require_http_methods(["GET", "POST"])
def cluster_minutes(request, pk):
    meeting = get_object_or_404(ClusterMeeting, pk=pk)
    form = MinutesForm(
        request.POST or None,
        meeting=meeting,
        initial={"minutes": meeting.minutes, "attendees": meeting.attendees.all()},
    )
    if request.method == "POST" and form.is_valid():
        cluster_meeting_record(user=request.user, meeting=meeting, **form.cleaned_data)
        messages.success(request, _("The minutes have been saved."))
        return redirect("trainings:clusters")
    return render(request, "trainings/cluster_minutes.html", {"form": form, "meeting": meeting})
