from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from equalcity.access import scope_for
from equalcity.decorators import coordinator_required, staff_required
from equalcity.forms import OutboxFilterForm, StaffInviteForm
from equalcity.models import AuditEvent, Message
from equalcity.outbox import delivery_report, message_retry
from equalcity.selectors import outbox_messages
from equalcity.services import staff_invite
from equalcity.two_step import continue_after_set_up


def privacy(request):
    return render(request, "equalcity/privacy.html")


def accessibility(request):
    return render(request, "equalcity/accessibility.html")


@staff_required
def staff_home(request):
    return render(request, "equalcity/staff_home.html", {"scope": scope_for(request.user)})


@login_required
def two_step_continue(request):
    return continue_after_set_up(request)


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


@csrf_exempt
@require_http_methods(["POST"])
def elks_delivery_report(request, secret):
    """46elks reports whether an SMS reached the phone. The secret in the path is ours."""
    expected = settings.ELKS_WEBHOOK_SECRET
    if not expected or not constant_time_compare(secret, expected):
        raise Http404
    provider_id = request.POST.get("id", "")
    status = request.POST.get("status", "")
    if not provider_id or status not in {"delivered", "failed"}:
        return HttpResponseBadRequest("id and status (delivered or failed) are required")
    delivery_report(provider_id=provider_id, delivered=status == "delivered")
    return HttpResponse("ok")


@coordinator_required
def outbox_view(request):
    if not scope_for(request.user).regional:
        raise PermissionDenied
    filters = OutboxFilterForm(request.GET or None)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    page = Paginator(outbox_messages(**criteria), 50).get_page(request.GET.get("page"))
    return render(request, "equalcity/outbox.html", {"filters": filters, "page": page})


@coordinator_required
@require_http_methods(["POST"])
def outbox_retry_view(request, pk):
    if not scope_for(request.user).regional:
        raise PermissionDenied
    message = get_object_or_404(Message, pk=pk)
    message_retry(message)
    messages.success(request, _("The message will be sent again."))
    return redirect("outbox")


@coordinator_required
def audit_trail_view(request):
    """Regional coordinators read the trail; nobody can change it."""
    if not scope_for(request.user).regional:
        raise PermissionDenied
    events = AuditEvent.objects.select_related("actor").order_by("-created_at", "-pk")
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(request, "equalcity/audit.html", {"page": page})
