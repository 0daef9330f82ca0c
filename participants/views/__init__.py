from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from courses.selectors import course_get, with_themes
from equalcity.audit import Action, audit
from equalcity.client import rate_limit_key
from equalcity.decorators import personal_data, staff_required
from equalcity.forms import add_validation_error
from equalcity.public_cache import cached_public_page
from participants.calendar import registration_calendar
from participants.filters import CourseSearchForm
from participants.forms import RegistrationForm, StaffRegistrationForm
from participants.messages import next_meeting
from participants.models import Registration
from participants.offers import offer_accept, offer_decline
from participants.selectors.attendance import Completion, registration_completion
from participants.selectors.registrations import (
    course_registrations_for_staff,
    next_waitlist_position,
    public_course_get,
    public_courses,
    registration_closed_reason,
    registration_from_token,
    registration_token,
)
from participants.seo import (
    course_description,
    course_structured_data,
    registration_form_description,
)
from participants.services import (
    registration_cancel,
    registration_create,
    registration_set_reminders,
)


@cached_public_page
def home(request):
    return render(request, "participants/home.html", {"search": CourseSearchForm()})


CATALOGUE_PAGE_SIZE = 20


@cached_public_page
def course_catalogue(request):
    search = CourseSearchForm(request.GET or None)
    criteria = search.cleaned_data if search.is_valid() else {}
    courses = public_courses(**{key: value for key, value in criteria.items() if value})
    page = Paginator(courses, CATALOGUE_PAGE_SIZE).get_page(request.GET.get("page"))
    filters = {
        key: request.GET[key] for key in ("language", "municipality") if request.GET.get(key)
    }
    return render(
        request,
        "participants/course_list.html",
        {
            "search": search,
            "courses": page.object_list,
            "page": page,
            "filters": urlencode(filters) if search.is_valid() else "",
        },
    )


@cached_public_page
def course_page(request, pk):
    course = public_course_get(pk=pk)
    return render(
        request,
        "participants/course_detail.html",
        {
            "course": course,
            "meetings": with_themes(course.meetings.all(), course.programme),
            "closed_reason": registration_closed_reason(course=course),
            "queue_position": next_waitlist_position(course),
            "meta_description": course_description(course),
            "structured_data": course_structured_data(course),
        },
    )


def _registration_rate(group, request):
    return settings.REGISTRATION_RATE_LIMIT


@sensitive_post_parameters()
@ratelimit(key=rate_limit_key, rate=_registration_rate, method="POST", block=False)
@require_http_methods(["GET", "POST"])
def registration_form(request, pk):
    course = public_course_get(pk=pk)
    closed_reason = registration_closed_reason(course=course)
    form = RegistrationForm(request.POST or None)
    status = 200
    if request.method == "POST" and getattr(request, "limited", False):
        form.is_valid()
        form.add_error(
            None,
            _(
                "Many registrations have been sent from this device. Please wait "
                "ten minutes and try again, or call us on %(phone)s."
            )
            % {"phone": settings.HELP_PHONE},
        )
        status = 429
    elif request.method == "POST" and not closed_reason and form.is_valid():
        try:
            registration = registration_create(course_id=course.pk, **form.service_arguments())
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            url = reverse("participants:registration", args=[registration_token(registration)])
            return redirect(f"{url}?new=1")
    return render(
        request,
        "participants/registration_form.html",
        {
            "course": course,
            "form": form,
            "closed_reason": closed_reason,
            "queue_position": next_waitlist_position(course),
            "meta_description": registration_form_description(course),
        },
        status=status,
    )


@personal_data
def registration_page(request, token):
    registration = registration_from_token(token)
    upcoming = (
        next_meeting(registration.course)
        if registration.status == Registration.Status.CONFIRMED
        else None
    )
    return render(
        request,
        "participants/registration_page.html",
        {
            "registration": registration,
            "course": registration.course,
            "meetings": with_themes(
                registration.course.meetings.order_by("number"), registration.course.programme
            ),
            "token": token,
            "is_new": request.GET.get("new") == "1",
            "next_meeting": upcoming,
            "next_answer": registration.meeting_answers.filter(meeting=upcoming)
            .values_list("answer", flat=True)
            .first()
            if upcoming
            else None,
            "certificate_available": registration.status == Registration.Status.CONFIRMED
            and registration_completion(registration) == Completion.COMPLETED,
        },
    )


def short_link(request, token):
    """The link in an SMS: no language prefix (it is short), the page opens in the parent's
    language."""
    registration = registration_from_token(token)
    with translation.override(registration.language):
        return redirect("participants:registration", token=token)


@require_http_methods(["POST"])
def registration_reminders(request, token):
    registration = registration_from_token(token)
    registration_set_reminders(
        registration_id=registration.pk, enabled=request.POST.get("reminders") == "on"
    )
    messages.success(request, _("Your choice about reminders has been saved."))
    return redirect("participants:registration", token=token)


OFFER_ANSWERED = {
    Registration.OfferAnswer.ACCEPTED: lambda: _(
        "The seat is yours. Welcome to the course! We are sending you a confirmation."
    ),
    Registration.OfferAnswer.DECLINED: lambda: _(
        "Thank you for telling us. The seat goes to the next person in line."
    ),
    Registration.OfferAnswer.EXPIRED: lambda: _(
        "We are sorry: the time to answer had passed, and the seat has gone to the next "
        "person in line."
    ),
}


@personal_data
@require_http_methods(["GET", "POST"])
def registration_offer(request, token):
    """The seat offered to a parent: GET shows it and its deadline, POST records the answer
    (one tap on "yes" or "no")."""
    registration = registration_from_token(token)
    answer = request.POST.get("answer")
    if request.method == "POST" and answer in ("accept", "decline"):
        service = offer_accept if answer == "accept" else offer_decline
        outcome = service(registration_id=registration.pk, source=Registration.AnswerSource.LINK)
        if outcome.changed:
            messages.success(request, OFFER_ANSWERED[outcome.answer]())
        return redirect("participants:registration", token=token)
    if registration.status != Registration.Status.OFFERED:
        return redirect("participants:registration", token=token)
    return render(
        request,
        "participants/registration_offer.html",
        {"registration": registration, "course": registration.course, "token": token},
    )


@personal_data
def registration_ics(request, token):
    registration = registration_from_token(token)
    response = HttpResponse(
        registration_calendar(registration=registration, site_url=settings.SITE_URL),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="equalcity-course.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@personal_data
@require_http_methods(["GET", "POST"])
def registration_cancel_view(request, token):
    registration = registration_from_token(token)
    if request.method == "POST" and registration.is_active:
        registration_cancel(registration_id=registration.pk)
        messages.success(
            request,
            _(
                "Your registration has been cancelled. Thank you for "
                "telling us: your seat can go to someone else."
            ),
        )
        return redirect("participants:registration", token=token)
    return render(
        request,
        "participants/registration_cancel.html",
        {"registration": registration, "token": token},
    )


@personal_data
@staff_required
def staff_course_participants(request, pk):
    course = course_get(user=request.user, pk=pk)
    lists = course_registrations_for_staff(user=request.user, course=course)
    audit(actor=request.user, action=Action.VIEWED_LIST, target=f"courses.course:{course.pk}")
    taken = len(lists["confirmed"]) + len(lists["offered"])
    return render(
        request,
        "participants/staff_participants.html",
        {"course": course, "taken": taken, **lists},
    )


@personal_data
@sensitive_post_parameters()
@staff_required
@require_http_methods(["GET", "POST"])
def staff_register(request, pk):
    course = course_get(user=request.user, pk=pk)
    course_registrations_for_staff(user=request.user, course=course)  # 404 unless responsible
    form = StaffRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            registration = registration_create(
                course_id=course.pk, registered_by=request.user, **form.service_arguments()
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            if registration.status == Registration.Status.CONFIRMED:
                messages.success(
                    request, _("%(name)s has a seat on the course.") % {"name": registration}
                )
            else:
                messages.success(
                    request, _("%(name)s is on the waiting list.") % {"name": registration}
                )
            return redirect("participants:staff_list", pk=course.pk)
    # The privacy text to read aloud, in the parent's language (the course's, or one chosen).
    languages = dict(settings.LANGUAGES)
    read_in = request.GET.get("read_in") or course.language.interface_language or "sv"
    if read_in not in languages:
        read_in = "sv"
    return render(
        request,
        "participants/staff_register.html",
        {
            "course": course,
            "form": form,
            "closed_reason": registration_closed_reason(course=course),
            "read_in": read_in,
            "read_in_bidi": read_in in settings.LANGUAGES_BIDI,
            "languages": settings.LANGUAGES,
        },
    )


@staff_required
@require_http_methods(["POST"])
def staff_offer_answer(request, pk, registration_pk):
    """A parent answered an offer to a staff member (on the phone, say)."""
    course = course_get(user=request.user, pk=pk)
    course_registrations_for_staff(user=request.user, course=course)
    registration = get_object_or_404(Registration, pk=registration_pk, course=course)
    answer = request.POST.get("answer")
    if answer not in ("accept", "decline"):
        return redirect("participants:staff_list", pk=course.pk)
    service = offer_accept if answer == "accept" else offer_decline
    outcome = service(registration_id=registration.pk, source=Registration.AnswerSource.STAFF)
    if outcome.changed:
        messages.success(
            request,
            {
                Registration.OfferAnswer.ACCEPTED: _("%(name)s has taken the seat."),
                Registration.OfferAnswer.DECLINED: _(
                    "%(name)s said no; the seat is offered to the next in line."
                ),
                Registration.OfferAnswer.EXPIRED: _(
                    "The offer to %(name)s had run out; the seat is offered to the next in line."
                ),
            }[outcome.answer]
            % {"name": registration},
        )
    return redirect("participants:staff_list", pk=course.pk)


@staff_required
@require_http_methods(["POST"])
def staff_cancel(request, pk, registration_pk):
    course = course_get(user=request.user, pk=pk)
    course_registrations_for_staff(user=request.user, course=course)
    registration = get_object_or_404(Registration, pk=registration_pk, course=course)
    registration_cancel(registration_id=registration.pk)
    messages.success(
        request, _("The registration of %(name)s has been cancelled.") % {"name": registration}
    )
    return redirect("participants:staff_list", pk=course.pk)
