from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from equalcity.access import require_regional, scope_for
from equalcity.decorators import coordinator_required, regional_required, staff_required
from equalcity.documents import document_get
from equalcity.downloads import stored_pdf_response
from equalcity.forms import add_validation_error
from equalcity.i18n import reader_first
from equalcity.models import Organisation
from trainings import documents
from trainings.forms import (
    ClusterMeetingForm,
    MinutesForm,
    MunicipalityChoiceForm,
    RegisterStaffForm,
    StaffGroupMemberForm,
    SummaryForm,
    TrainingDayForm,
    WorkshopDecisionForm,
    WorkshopForm,
)
from trainings.models import ClusterMeeting, StaffGroupMember, TrainingDay, WorkshopBooking
from trainings.selectors import (
    cluster_matrix,
    cluster_meetings_visible,
    home_municipality,
    my_registration,
    registrations_visible,
    staff_group_for,
    training_day_get,
    training_days,
    workshop_booked,
    workshops_visible,
)
from trainings.services import (
    cluster_meeting_record,
    cluster_meeting_save,
    parse_programme,
    staff_check_in,
    staff_group_member_add,
    staff_group_size_warning,
    staff_offer_accept,
    staff_offer_decline,
    staff_registration_cancel,
    staff_registration_create,
    training_day_save,
    workshop_book,
    workshop_decide,
)


def _chosen_municipality(request):
    """The municipality a regional coordinator chose in the query string; None when there is
    no choice (or the reader may not choose). An id that names no municipality ("x", "-1",
    "999999") is a bad request: the 400 page, in the page's language."""
    if not (scope_for(request.user).regional and request.GET.get("municipality")):
        return None
    form = MunicipalityChoiceForm(request.GET)
    if not form.is_valid():
        raise BadRequest("municipality: not a municipality's id")
    return form.cleaned_data["municipality"]


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


def _pdf_response(document):
    response = stored_pdf_response(document.file, filename=document.filename)
    response["ETag"] = f'"{document.source_hash[:32]}"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@staff_required
def training_document(request, pk, kind, language):
    """Any logged-in staff member may download a day's invitation and summary."""
    day = training_day_get(pk=pk)
    offered = {
        "invitation": (
            documents.INVITATION,
            documents.document_languages(documents.INVITATION, day),
        ),
        "summary": (documents.SUMMARY, documents.summary_languages(day)),
    }
    if kind not in offered or language not in offered[kind][1]:
        raise Http404  # a language the document's texts do not exist in yet
    kind = offered[kind][0]
    document = document_get(kind=kind, source=documents.day_key(day), language=language)
    if request.headers.get("If-None-Match") == f'"{document.source_hash[:32]}"':
        return HttpResponseNotModified()
    return _pdf_response(document)


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


@staff_required
def documents_page(request):
    """Every training day's documents, and the minutes of this municipality's cluster meetings."""
    scope = scope_for(request.user)
    municipality = _chosen_municipality(request) or home_municipality(request.user)
    reader = request.user.language
    days = [
        (
            day,
            reader_first(documents.document_languages(documents.INVITATION, day), reader),
            reader_first(documents.summary_languages(day), reader),
        )
        for day in training_days().prefetch_related("programme_items")
    ]
    meetings = cluster_meetings_visible(user=request.user).filter(status=ClusterMeeting.Status.HELD)
    if municipality and scope.regional:
        meetings = meetings.filter(municipalities=municipality)
    meetings = [
        (
            meeting,
            reader_first(documents.document_languages(documents.MINUTES, meeting), reader),
        )
        for meeting in meetings.prefetch_related("municipalities")
    ]
    return render(
        request,
        "trainings/documents.html",
        {
            "days": days,
            "meetings": meetings,
            "municipality": municipality,
            "workshop_to_book": bool(
                municipality
                and municipality.takes_part
                and scope.coordinates(municipality.pk)
                and not workshop_booked(municipality=municipality, day=timezone.localdate())
            ),
            "municipalities": Organisation.objects.filter(kind="municipality", takes_part=True)
            if scope.regional
            else None,
        },
    )


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


@coordinator_required
@require_http_methods(["GET", "POST"])
def staff_group(request):
    scope = scope_for(request.user)
    municipality = _chosen_municipality(request) or home_municipality(request.user)
    if municipality is None or not scope.coordinates(municipality.pk):
        raise PermissionDenied
    group = staff_group_for(municipality)
    form = StaffGroupMemberForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            staff_group_member_add(
                user=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            return redirect(f"{request.path}?municipality={municipality.pk}")
    members = group.members.select_related("user")
    return render(
        request,
        "trainings/staff_group.html",
        {
            "group": group,
            "members": members,
            "form": form,
            "warning": staff_group_size_warning(group, len(members)),
            "functions": sorted({m.get_function_display() for m in members}),
        },
    )


@coordinator_required
@require_http_methods(["POST"])
def staff_group_remove(request, pk):
    member = get_object_or_404(StaffGroupMember.objects.select_related("group"), pk=pk)
    if not scope_for(request.user).coordinates(member.group.municipality_id):
        raise PermissionDenied
    member.delete()
    return redirect(
        f"{reverse('trainings:staff_group')}?municipality={member.group.municipality_id}"
    )


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


@staff_required
def cluster_minutes_pdf(request, pk, language):
    meeting = get_object_or_404(
        cluster_meetings_visible(user=request.user), pk=pk, status=ClusterMeeting.Status.HELD
    )
    if language not in documents.document_languages(documents.MINUTES, meeting):
        raise Http404
    return _pdf_response(
        document_get(
            kind=documents.MINUTES, source=documents.meeting_key(meeting), language=language
        )
    )
