from django.core.exceptions import PermissionDenied
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from equalcity.access import scope_for
from equalcity.audit import Action, audit
from equalcity.decorators import personal_data, staff_required
from evaluation.exports import EXCEL, PLAIN, csv_stream, xlsx_file
from evaluation.forms import DashboardFilterForm
from evaluation.selectors import dashboard, dashboard_tables
from evaluation.suppression import EXPLANATION

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _allowed(request):
    scope = scope_for(request.user)
    if not (scope.coordinator or scope.evaluator):
        raise PermissionDenied


@staff_required
def dashboard_view(request):
    _allowed(request)
    form = DashboardFilterForm(request.GET or None)
    query = request.GET.copy()
    query.pop("course_page", None)
    return render(
        request,
        "evaluation/dashboard.html",
        {
            "form": form,
            "tables": dashboard(
                filters=form.filters(), course_page=request.GET.get("course_page") or 1
            ),
            "query": query.urlencode(),
            "explanation": EXPLANATION,
        },
    )


def _in_language(chunks, language):
    """The stream is written after the view has returned: keep the reader's language."""
    with translation.override(language):
        yield from chunks


@personal_data
@staff_required
def export_view(request, fmt):
    _allowed(request)
    form = DashboardFilterForm(request.GET or None)
    tables = dashboard_tables(filters=form.filters())
    audit(
        actor=request.user,
        action=Action.EXPORTED_AGGREGATES,
        target="evaluation.dashboard",
        detail=f"{fmt}: {request.GET.urlencode()}"[:300],
    )
    filename = f"equalcity-statistik-{timezone.localdate():%Y-%m-%d}"
    if fmt == "xlsx":
        about = [
            (_("Statistics"), "Equalcity"),
            (_("Exported"), timezone.localdate()),
            *form.described(),
            (_("Small numbers"), str(EXPLANATION)),
        ]
        return FileResponse(
            xlsx_file(tables, about=about),
            as_attachment=True,
            filename=f"{filename}.xlsx",
            content_type=XLSX,
        )
    chunks = csv_stream(tables, form=EXCEL if fmt == "csv" else PLAIN)
    response = StreamingHttpResponse(
        _in_language(chunks, translation.get_language()), content_type="text/csv; charset=utf-8"
    )
    suffix = "" if fmt == "csv" else "-plain"
    response["Content-Disposition"] = f'attachment; filename="{filename}{suffix}.csv"'
    return response
