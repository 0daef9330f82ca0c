"""A parent as the staff see them: the coordinators in scope and the course's leaders see the
person and their progress; only coordinators export or erase (requests under GDPR)."""

import json

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from courses.selectors import course_can_edit
from equalcity.audit import Action, audit
from equalcity.decorators import coordinator_required, personal_data, staff_required
from participants.completion import registration_progress
from participants.models import Registration
from participants.privacy import (
    registration_erase,
    registration_export,
    registration_export_pdf,
    registration_ref,
)
from participants.selectors.attendance import is_course_leader
from participants.selectors.registrations import may_see_follow_up


class ErasureForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason for the erasure"), max_length=300)


def _registration(pk) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related(
            "course__language",
            "course__municipality",
            "course__venue",
            "course__programme",
            "municipality",
        ),
        pk=pk,
    )


def _registration_in_scope(request, pk) -> Registration:
    registration = _registration(pk)
    if not course_can_edit(user=request.user, course=registration.course):
        raise Http404
    return registration


def _person_page(request, registration, form, *, status=200):
    course = registration.course
    return render(
        request,
        "participants/person.html",
        {
            "registration": registration,
            "form": form,
            "progress": registration_progress(registration=registration),
            # The course's leaders see the person and their attendance; the data requests
            # (export, erasure) stay with the coordinators.
            "can_manage": course_can_edit(user=request.user, course=course),
            "show_notes": may_see_follow_up(user=request.user, course=course),
        },
        status=status,
    )


@personal_data
@staff_required
def person(request, pk):
    """A parent as the staff responsible for their course see them: the coordinators in scope
    and the course's own leaders."""
    registration = _registration(pk)
    course = registration.course
    if not (
        course_can_edit(user=request.user, course=course) or is_course_leader(request.user, course)
    ):
        raise Http404
    audit(actor=request.user, action=Action.VIEWED_PERSON, target=registration_ref(registration))
    return _person_page(request, registration, ErasureForm())


@personal_data
@coordinator_required
def person_export(request, pk):
    registration = _registration_in_scope(request, pk)
    data = registration_export(registration=registration, actor=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="registration-{pk}.json"'
    response["Cache-Control"] = "no-store"
    return response


@personal_data
@coordinator_required
def person_export_pdf(request, pk, language):
    if language not in dict(settings.LANGUAGES):
        raise Http404
    registration = _registration_in_scope(request, pk)
    pdf, filename = registration_export_pdf(
        registration=registration, actor=request.user, language=language
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@coordinator_required
@require_http_methods(["POST"])
def person_erase(request, pk):
    registration = _registration_in_scope(request, pk)
    form = ErasureForm(request.POST)
    if not form.is_valid():
        return _person_page(request, registration, form)
    registration_erase(
        registration=registration, actor=request.user, reason=form.cleaned_data["reason"]
    )
    messages.success(
        request, _("The personal data has been erased. The numbers in the statistics remain.")
    )
    return redirect("participants:staff_list", pk=registration.course_id)
