import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from courses.forms import (
    CourseFilterForm,
    CourseForm,
    MeetingCancelForm,
    MeetingMoveForm,
    MeetingThemeForm,
    SchedulePreviewForm,
)
from courses.models import Course, Programme
from courses.scheduling import SchedulingError
from courses.selectors import (
    course_can_edit,
    course_get,
    course_list,
    course_missing_texts,
    meeting_get_for_edit,
    municipality_overview,
    parent_text_coverage,
    programme_overview,
    with_themes,
)
from courses.services import (
    course_planned_meetings,
    course_save,
    meeting_cancel,
    meeting_move,
    meeting_theme_set,
)
from equalcity.access import scope_for
from equalcity.decorators import coordinator_required, staff_required
from equalcity.forms import add_validation_error


@staff_required
def programme_overview_view(request, slug=None):
    scope = scope_for(request.user)
    if not (scope.coordinator or scope.evaluator):
        raise PermissionDenied
    programmes = Programme.objects.select_related("central_municipality")
    programme = get_object_or_404(programmes, slug=slug) if slug else programmes.first()
    if programme is None:
        return render(request, "courses/programme_overview.html", {"programme": None})
    return render(
        request,
        "courses/programme_overview.html",
        {
            "programme": programme,
            "overview": programme_overview(programme=programme),
            "programmes": programmes,
            "coverage": parent_text_coverage(),
            "municipalities": municipality_overview(user=request.user, programme=programme),
        },
    )


@staff_required
def course_list_view(request):
    filters = CourseFilterForm(request.GET or None)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    courses = course_list(user=request.user, **{k: v for k, v in criteria.items() if v})
    page = Paginator(courses, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "courses/course_list.html",
        {
            "courses": page.object_list,
            "page": page,
            "query": request.GET.copy().urlencode() if filters.is_valid() else "",
            "filters": filters,
            "can_create": scope_for(request.user).coordinator,
        },
    )


@staff_required
def course_detail_view(request, pk):
    course = course_get(user=request.user, pk=pk)
    return render(
        request,
        "courses/course_detail.html",
        {
            "course": course,
            "meetings": with_themes(course.meetings.all(), course.programme),
            "missing_texts": course_missing_texts(course=course)
            if course.status == Course.Status.DRAFT
            else [],
            "leaders": course.leaders.all(),
            "can_edit": course_can_edit(user=request.user, course=course),
            "is_leader": course.leaders.filter(pk=request.user.pk).exists(),
        },
    )


def schedule_in_date_order(planned) -> list[dict]:
    """The meetings and the dates passed over, one list in date order, each skipped date with
    its reason where it falls."""
    entries = []
    for meeting in planned:
        entries += [
            {"skipped": True, "date": day.date, "reason": day.reason} for day in meeting.skipped
        ]
        entries.append(
            {
                "skipped": False,
                "date": timezone.localtime(meeting.starts_at).date(),
                "number": meeting.number,
                "starts_at": meeting.starts_at,
                "ends_at": meeting.ends_at,
            }
        )
    return sorted(entries, key=lambda entry: (entry["date"], not entry["skipped"]))


def _course_form_page(request, course, *, is_new):
    preview = None
    if request.method == "POST" and "preview" in request.POST:
        # Show the dates without judging the fields the coordinator has not filled in yet.
        values = {
            key: request.POST.getlist(key) if key == "leaders" else request.POST.get(key)
            for key in request.POST
        }
        form = CourseForm(instance=course, initial=values, user=request.user)
        preview_form = SchedulePreviewForm(request.POST)
        if preview_form.is_valid():
            try:
                preview = schedule_in_date_order(
                    course_planned_meetings(course=preview_form.planned_course())
                )
            except SchedulingError as error:
                messages.error(request, str(error))
        else:
            messages.error(
                request,
                _(
                    "Choose a programme, a municipality, a first date and a "
                    "start time to see the dates."
                ),
            )
    else:
        form = CourseForm(request.POST or None, instance=course, user=request.user)
    if request.method == "POST" and "preview" not in request.POST and form.is_valid():
        candidate = form.save(commit=False)
        try:
            course_save(course=candidate, leaders=form.cleaned_data["leaders"])
        except SchedulingError as error:
            form.add_error("first_date", str(error))
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The course has been saved."))
            return redirect("courses:detail", pk=candidate.pk)
    missing = (
        course_missing_texts(course=course)
        if course.pk and course.status in (Course.Status.DRAFT, Course.Status.CANCELLED)
        else []
    )
    return render(
        request,
        "courses/course_form.html",
        {
            "form": form,
            "course": course,
            "is_new": is_new,
            "preview": preview,
            "missing_texts": missing,
            "can_translate": scope_for(request.user).translates,
        },
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def course_create_view(request):
    return _course_form_page(request, Course(), is_new=True)


@coordinator_required
@require_http_methods(["GET", "POST"])
def course_edit_view(request, pk):
    course = course_get(user=request.user, pk=pk)
    if not course_can_edit(user=request.user, course=course):
        raise PermissionDenied
    return _course_form_page(request, course, is_new=False)


def _editable_meeting(request, pk):
    meeting = meeting_get_for_edit(user=request.user, pk=pk)
    if not course_can_edit(user=request.user, course=meeting.course):
        raise PermissionDenied
    return meeting


@coordinator_required
@require_http_methods(["GET", "POST"])
def meeting_move_view(request, pk):
    meeting = _editable_meeting(request, pk)
    local = timezone.localtime(meeting.starts_at)
    form = MeetingMoveForm(
        request.POST or None,
        meeting=meeting,
        initial={"date": local.date(), "time": local.time()},
    )
    if request.method == "POST" and form.is_valid():
        starts_at = timezone.make_aware(
            dt.datetime.combine(form.cleaned_data["date"], form.cleaned_data["time"])
        )
        try:
            meeting_move(meeting=meeting, starts_at=starts_at, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request, _("Meeting %(number)s has been moved.") % {"number": meeting.number}
            )
            return redirect("courses:detail", pk=meeting.course_id)
    return render(request, "courses/meeting_move.html", {"form": form, "meeting": meeting})


@coordinator_required
@require_http_methods(["GET", "POST"])
def meeting_theme_view(request, pk):
    meeting = _editable_meeting(request, pk)
    programme_theme = meeting.course.programme.themes.filter(number=meeting.number).first()
    form = MeetingThemeForm(request.POST or None, initial={"theme": meeting.theme_sv or ""})
    if request.method == "POST" and form.is_valid():
        meeting_theme_set(meeting=meeting, theme=form.cleaned_data["theme"])
        messages.success(
            request,
            _("The theme of meeting %(number)s has been saved.") % {"number": meeting.number},
        )
        return redirect("courses:detail", pk=meeting.course_id)
    return render(
        request,
        "courses/meeting_theme.html",
        {"form": form, "meeting": meeting, "programme_theme": programme_theme},
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def meeting_cancel_view(request, pk):
    meeting = _editable_meeting(request, pk)
    form = MeetingCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_cancel(meeting=meeting, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request, _("Meeting %(number)s has been cancelled.") % {"number": meeting.number}
            )
            return redirect("courses:detail", pk=meeting.course_id)
    return render(request, "courses/meeting_cancel.html", {"form": form, "meeting": meeting})
