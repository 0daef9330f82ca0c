from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render

from equalcity.access import scope_for
from equalcity.audit import Action, audit
from equalcity.decorators import personal_data, staff_required
from evaluation.exports import tables_csv, tables_xlsx
from evaluation.forms import DashboardFilterForm
from evaluation.selectors import dashboard


def _allowed(request):
    scope = scope_for(request.user)
    if not (scope.coordinator or scope.evaluator):
        raise PermissionDenied


@staff_required
def dashboard_view(request):
    _allowed(request)
    form = DashboardFilterForm(request.GET or None)
    return render(
        request,
        "evaluation/dashboard.html",
        {
            "form": form,
            "tables": dashboard(filters=form.filters()),
            "query": request.GET.urlencode(),
        },
    )


@personal_data
@staff_required
def export_view(request, fmt):
    _allowed(request)
    form = DashboardFilterForm(request.GET or None)
    tables = dashboard(filters=form.filters())
    audit(
        actor=request.user,
        action=Action.EXPORTED_AGGREGATES,
        target="evaluation.dashboard",
        detail=f"{fmt}: {request.GET.urlencode()}"[:300],
    )
    if fmt == "csv":
        response = HttpResponse(tables_csv(tables), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            tables_xlsx(tables),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="equalcity-statistik.{fmt}"'
    return response
