"""Staff registrations for a training day: register (oneself or a colleague), cancel, answer
an offered seat, check in on the day."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from equalcity.access import scope_for
from equalcity.decorators import coordinator_required, staff_required
from trainings.forms import RegisterStaffForm
from trainings.selectors import home_municipality, registrations_visible, training_day_get
from trainings.services import (
    staff_check_in,
    staff_offer_accept,
    staff_offer_decline,
    staff_registration_cancel,
    staff_registration_create,
)


@staff_required
@require_http_methods(["POST"])
def training_register(request, pk):
    day = training_day_get(pk=pk)
    scope = scope_for(request.user)
    user, registered_by = request.user, None
    if "user" in request.POST:
        form = RegisterStaffForm(request.POST, coordinator=request.user)
        if not (scope.coordinator and form.is_valid()):
            raise PermissionDenied
        user, registered_by = form.cleaned_data["user"], request.user
    municipality = home_municipality(user)
    if municipality is None:
        messages.error(request, _("Only staff of a municipality can register."))
        return redirect("trainings:detail", pk=day.pk)
    try:
        registration = staff_registration_create(
            training_day_id=day.pk,
            user=user,
            municipality=municipality,
            registered_by=registered_by,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if registration.status == registration.Status.CONFIRMED:
            messages.success(request, _("%(name)s has a seat.") % {"name": user})
        else:
            messages.success(request, _("%(name)s is on the waiting list.") % {"name": user})
    return redirect("trainings:detail", pk=day.pk)


@staff_required
@require_http_methods(["POST"])
def training_cancel(request, pk, registration_pk):
    day = training_day_get(pk=pk)
    registration = get_object_or_404(
        registrations_visible(user=request.user, day=day), pk=registration_pk
    )
    staff_registration_cancel(registration_id=registration.pk)
    messages.success(request, _("The registration has been cancelled."))
    return redirect("trainings:detail", pk=day.pk)


@staff_required
@require_http_methods(["POST"])
def training_offer(request, pk, registration_pk):
    """Take or refuse a seat offered on a training day: one's own, or, for a coordinator, that
    of a colleague who answered them."""
    day = training_day_get(pk=pk)
    registration = get_object_or_404(
        registrations_visible(user=request.user, day=day), pk=registration_pk
    )
    answer = request.POST.get("answer")
    if answer in ("accept", "decline"):
        service = staff_offer_accept if answer == "accept" else staff_offer_decline
        source = (
            registration.AnswerSource.LINK
            if registration.user_id == request.user.pk
            else registration.AnswerSource.STAFF
        )
        outcome = service(registration_id=registration.pk, source=source)
        if outcome.changed:
            messages.success(
                request,
                {
                    registration.OfferAnswer.ACCEPTED: _("The seat is yours."),
                    registration.OfferAnswer.DECLINED: _(
                        "The seat is offered to the next in line."
                    ),
                    registration.OfferAnswer.EXPIRED: _(
                        "The time to answer had passed; the seat is offered to the next in line."
                    ),
                }[outcome.answer],
            )
    return redirect("trainings:detail", pk=day.pk)


@coordinator_required
@require_http_methods(["POST"])
def training_check_in(request, pk, registration_pk):
    day = training_day_get(pk=pk)
    registration = get_object_or_404(
        registrations_visible(user=request.user, day=day), pk=registration_pk
    )
    staff_check_in(registration_id=registration.pk, present=request.POST.get("present") == "1")
    return redirect("trainings:detail", pk=day.pk)
