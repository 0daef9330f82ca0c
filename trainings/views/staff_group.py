"""A municipality's staff group: its members and their functions."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from equalcity.access import scope_for
from equalcity.decorators import coordinator_required
from equalcity.forms import add_validation_error
from trainings.forms import StaffGroupMemberForm
from trainings.models import StaffGroupMember
from trainings.selectors import home_municipality, staff_group_for
from trainings.services import staff_group_member_add, staff_group_size_warning
from trainings.views.municipality import chosen_municipality


@coordinator_required
@require_http_methods(["GET", "POST"])
def staff_group(request):
    scope = scope_for(request.user)
    municipality = chosen_municipality(request) or home_municipality(request.user)
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
