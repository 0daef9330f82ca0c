"""Course leaders' pages: my courses, today, the attendance sheet, the matrix, certificates."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from equalcity.audit import Action, audit
from equalcity.decorators import personal_data, staff_required
from equalcity.documents import document_get
from equalcity.downloads import stored_pdf_response
from equalcity.forms import add_validation_error
from equalcity.redirects import next_path
from equalcity.refs import Ref
from participants.certificates import (
    ATTENDANCE_LIST,
    certificate_batch_start,
    certificate_get,
)
from participants.completion import completion_at_risk, courses_led
from participants.forms import FollowUpForm, WalkInForm
from participants.hooks import sheet_actions
from participants.models import Attendance, CertificateBatch, Registration
from participants.selectors.attendance import (
    Completion,
    attendance_matrix,
    course_for_attendance,
    leader_courses,
    meeting_for_attendance,
    registration_completion,
    sheet_rows,
    todays_meetings,
)
from participants.selectors.registrations import may_see_follow_up, registration_from_token
from participants.services import (
    attendance_mark_everyone_present,
    attendance_record,
    attendance_record_changes,
    follow_up_note_save,
    walk_in_add,
)


@personal_data
@staff_required
def my_courses(request):
    return render(
        request,
        "participants/my_courses.html",
        {
            "courses": leader_courses(user=request.user),
            "today": todays_meetings(user=request.user),
            "at_risk": completion_at_risk(courses=courses_led(user=request.user)),
        },
    )


@personal_data
@staff_required
@require_http_methods(["GET", "POST"])
def attendance_sheet(request, pk):
    """One meeting's sheet. With JavaScript each tap is posted at once (JSON); without it the
    whole form is posted with the save button."""
    meeting = meeting_for_attendance(user=request.user, pk=pk)
    if request.method == "POST" and request.headers.get("X-Requested-With") == "fetch":
        try:
            attendance_record(
                meeting=meeting,
                registration_id=int(request.POST["registration"]),
                status=request.POST["status"],
                by=request.user,
            )
        except (KeyError, ValueError):
            return JsonResponse({"saved": False}, status=400)
        return JsonResponse({"saved": True})
    if request.method == "POST":
        attendance_record_changes(
            marks=[
                (
                    meeting,
                    row.registration.pk,
                    row.status,
                    request.POST.get(f"status_{row.registration.pk}"),
                )
                for row in sheet_rows(meeting=meeting)
            ],
            by=request.user,
        )
        messages.success(request, _("The attendance has been saved."))
        return redirect("participants:attendance_sheet", pk=meeting.pk)
    audit(actor=request.user, action=Action.VIEWED_LIST, target=f"courses.meeting:{meeting.pk}")
    return _sheet_page(request, meeting, WalkInForm())


def _sheet_page(request, meeting, walk_in_form):
    rows = sheet_rows(meeting=meeting)
    return render(
        request,
        "participants/attendance_sheet.html",
        {
            "meeting": meeting,
            "course": meeting.course,
            "rows": rows,
            "unmarked": sum(1 for row in rows if row.status is None),
            "statuses": Attendance.Status.choices,
            "walk_in_form": walk_in_form,
            "show_notes": may_see_follow_up(user=request.user, course=meeting.course),
            "actions": sheet_actions(meeting=meeting, user=request.user),
        },
    )


@staff_required
@require_http_methods(["POST"])
def everyone_present(request, pk):
    """ "Mark everyone present" at the start of a meeting; the leader then taps the exceptions."""
    meeting = meeting_for_attendance(user=request.user, pk=pk)
    marked = attendance_mark_everyone_present(meeting=meeting, by=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)s participant has been marked present. Change the mark of anyone who "
            "is not here.",
            "%(count)s participants have been marked present. Change the mark of anyone who "
            "is not here.",
            marked,
        )
        % {"count": marked},
    )
    return redirect("participants:attendance_sheet", pk=meeting.pk)


@staff_required
@require_http_methods(["POST"])
def walk_in(request, pk):
    meeting = meeting_for_attendance(user=request.user, pk=pk)
    form = WalkInForm(request.POST)
    if form.is_valid():
        try:
            registration, over = walk_in_add(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            if over:
                messages.warning(
                    request,
                    _("%(name)s has been added. The course now has more participants than seats.")
                    % {"name": registration},
                )
            else:
                messages.success(
                    request,
                    _("%(name)s has been added and marked present.") % {"name": registration},
                )
            return redirect("participants:attendance_sheet", pk=meeting.pk)
    return _sheet_page(request, meeting, form)


@staff_required
@require_http_methods(["POST"])
def follow_up(request, pk):
    registration = get_object_or_404(Registration.objects.select_related("course"), pk=pk)
    course = registration.course
    if not may_see_follow_up(user=request.user, course=course):
        raise Http404
    form = FollowUpForm(request.POST)
    if form.is_valid():
        follow_up_note_save(
            registration=registration, note=form.cleaned_data["note"], by=request.user
        )
        messages.success(request, _("The note has been saved."))
    return redirect(
        next_path(request, request.POST.get("next"))
        or reverse("participants:attendance_matrix", kwargs={"pk": course.pk})
    )


@personal_data
@staff_required
@require_http_methods(["GET", "POST"])
def matrix(request, pk):
    """Participants × meetings. The same page takes what was ticked on the paper list."""
    course = course_for_attendance(user=request.user, pk=pk)
    meetings, rows = attendance_matrix(course=course)
    if request.method == "POST":
        attendance_record_changes(
            marks=[
                (
                    meeting,
                    row.registration.pk,
                    status,
                    request.POST.get(f"a_{row.registration.pk}_{meeting.pk}"),
                )
                for row in rows
                for meeting, status in row.cells
            ],
            by=request.user,
        )
        messages.success(request, _("The attendance has been saved."))
        return redirect("participants:attendance_matrix", pk=course.pk)
    audit(
        actor=request.user,
        action=Action.VIEWED_LIST,
        target=f"courses.course:{course.pk}",
        detail="attendance",
    )
    return render(
        request,
        "participants/attendance_matrix.html",
        {
            "course": course,
            "meetings": meetings,
            "rows": rows,
            "statuses": Attendance.Status.choices,
            "show_notes": may_see_follow_up(user=request.user, course=course),
            "batch": course.certificate_batches.first(),
            "completed": sum(1 for row in rows if row.completion == Completion.COMPLETED),
        },
    )


@personal_data
@staff_required
def attendance_list_pdf(request, pk):
    """In the language the staff member chose for documents (their settings page)."""
    course = course_for_attendance(user=request.user, pk=pk)
    document = document_get(
        kind=ATTENDANCE_LIST, source=Ref.to(course), language=request.user.language
    )
    return stored_pdf_response(document.file, filename=document.filename)


@personal_data
@staff_required
@require_http_methods(["GET", "POST"])
def certificates(request, pk):
    """Start a batch of certificates, and follow its progress (the page refreshes itself)."""
    course = course_for_attendance(user=request.user, pk=pk)
    if request.method == "POST":
        certificate_batch_start(course=course, by=request.user)
        return redirect("participants:certificates", pk=course.pk)
    batch = course.certificate_batches.first()
    if batch and batch.status == CertificateBatch.Status.DONE and request.GET.get("download"):
        return stored_pdf_response(batch.file, filename=batch.file.name.rsplit("/", 1)[-1])
    return render(request, "participants/certificates.html", {"course": course, "batch": batch})


@personal_data
@staff_required
def certificate_pdf(request, pk):
    registration = get_object_or_404(Registration.objects.select_related("course"), pk=pk)
    course_for_attendance(user=request.user, pk=registration.course_id)
    return _certificate_response(registration)


@personal_data
def parent_certificate(request, token):
    """The parent downloads their certificate from their personal link, once completed."""
    registration = registration_from_token(token)
    if registration_completion(registration) != Completion.COMPLETED:
        raise Http404
    return _certificate_response(registration)


def _certificate_response(registration):
    document = certificate_get(registration)
    return stored_pdf_response(document.file, filename=document.filename)
