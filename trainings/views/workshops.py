"""Workshops: a municipality books its one workshop of the period, GR answers."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from equalcity.access import scope_for
from equalcity.decorators import coordinator_required, regional_required
from equalcity.forms import add_validation_error
from trainings.forms import WorkshopDecisionForm, WorkshopForm
from trainings.models import WorkshopBooking
from trainings.selectors import workshops_visible
from trainings.services import workshop_book, workshop_decide


@coordinator_required
@require_http_methods(["GET", "POST"])
def workshops(request):
    form = WorkshopForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            workshop_book(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request, _("The workshop has been requested. GR will confirm the date.")
            )
            return redirect("trainings:workshops")
    return render(
        request,
        "trainings/workshops.html",
        {
            "form": form,
            "bookings": workshops_visible(user=request.user),
            "decision_form": WorkshopDecisionForm() if scope_for(request.user).regional else None,
        },
    )


@regional_required
@require_http_methods(["POST"])
def workshop_decision(request, pk):
    booking = get_object_or_404(WorkshopBooking, pk=pk)
    form = WorkshopDecisionForm(request.POST)
    if form.is_valid():
        try:
            workshop_decide(
                user=request.user,
                booking=booking,
                confirm=request.POST.get("decision") == "confirm",
                other_date=form.cleaned_data["other_date"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The municipality's booking has been answered."))
    return redirect("trainings:workshops")
