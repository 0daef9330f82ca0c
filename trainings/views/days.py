"""Training days: the list, one day's page, planning it and writing its summary."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from equalcity.access import scope_for
from equalcity.decorators import regional_required, staff_required
from equalcity.forms import add_validation_error
from equalcity.i18n import reader_first
from trainings import documents
from trainings.forms import RegisterStaffForm, SummaryForm, TrainingDayForm
from trainings.models import TrainingDay
from trainings.selectors import (
    my_registration,
    registrations_visible,
    training_day_get,
    training_days,
)
from trainings.services import parse_programme, training_day_save


@staff_required
def training_list(request):
    return render(request, "trainings/list.html", {"days": training_days()})


@staff_required
def training_detail(request, pk):
    day = training_day_get(pk=pk)
    scope = scope_for(request.user)
    return render(
        request,
        "trainings/detail.html",
        {
            "day": day,
            "mine": my_registration(user=request.user, day=day),
            "registrations": registrations_visible(user=request.user, day=day),
            "invitation_languages": reader_first(
                documents.document_languages(documents.INVITATION, day), request.user.language
            ),
            "summary_languages": reader_first(
                documents.summary_languages(day), request.user.language
            ),
            "register_form": RegisterStaffForm(coordinator=request.user)
            if scope.coordinator
            else None,
            "can_edit": scope.regional,
        },
    )


@regional_required
@require_http_methods(["GET", "POST"])
def training_edit(request, pk=None):
    day = get_object_or_404(TrainingDay, pk=pk) if pk else TrainingDay()
    form = TrainingDayForm(request.POST or None, instance=day)
    if request.method == "POST" and form.is_valid():
        try:
            programme = parse_programme(form.cleaned_data["programme"])
            training_day_save(user=request.user, day=form.save(commit=False), programme=programme)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The training day has been saved."))
            return redirect("trainings:detail", pk=form.instance.pk)
    return render(request, "trainings/edit.html", {"form": form, "day": day})


@regional_required
@require_http_methods(["GET", "POST"])
def training_summary(request, pk):
    day = get_object_or_404(TrainingDay, pk=pk)
    form = SummaryForm(request.POST or None, instance=day)
    if request.method == "POST" and form.is_valid():
        training_day_save(user=request.user, day=form.save(commit=False))
        messages.success(request, _("The summary has been saved."))
        return redirect("trainings:detail", pk=day.pk)
    return render(request, "trainings/summary_form.html", {"form": form, "day": day})
