from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from equalcity.access import scope_for
from equalcity.decorators import coordinator_required, staff_required
from equalcity.forms import StaffInviteForm
from equalcity.services import staff_invite


def privacy(request):
    return render(request, "equalcity/privacy.html")


def accessibility(request):
    return render(request, "equalcity/accessibility.html")


@staff_required
def staff_home(request):
    return render(request, "equalcity/staff_home.html", {"scope": scope_for(request.user)})


@coordinator_required
@require_http_methods(["GET", "POST"])
def staff_invite_view(request):
    form = StaffInviteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            user = staff_invite(invited_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.") % {"email": user.email},
            )
            return redirect("staff_invite")
    return render(request, "equalcity/staff_invite.html", {"form": form})
