from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from equalcity.access import scope_for
from equalcity.audit import Action, audit
from equalcity.decorators import personal_data, staff_required
from evaluation.exports import EXCEL, PLAIN, answers_csv_stream, csv_stream, xlsx_stream
from evaluation.forms import DashboardFilterForm
from evaluation.selectors import dashboard, dashboard_tables
from evaluation.selectors.outcomes import answer_rows
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
            "answers_export": scope_for(request.user).evaluator,
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
        chunks, content_type, name = xlsx_stream(tables, about=about), XLSX, f"{filename}.xlsx"
    else:
        chunks = csv_stream(tables, form=EXCEL if fmt == "csv" else PLAIN)
        suffix = "" if fmt == "csv" else "-plain"
        content_type, name = "text/csv; charset=utf-8", f"{filename}{suffix}.csv"
    response = StreamingHttpResponse(
        _in_language(chunks, translation.get_language()), content_type=content_type
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@personal_data
@staff_required
def answers_export_view(request):
    """Every questionnaire answer, one row each, for the evaluation's researchers: no name, no
    course, no date finer than a month, and a pair number that means nothing outside the file.
    Evaluators only, and every download in the audit trail."""
    if not scope_for(request.user).evaluator:
        raise PermissionDenied
    form = DashboardFilterForm(request.GET or None)
    audit(
        actor=request.user,
        action=Action.EXPORTED_ANSWERS,
        target="questionnaires.answers",
        detail=request.GET.urlencode()[:300],
    )
    rows = answer_rows(form.filters())
    response = StreamingHttpResponse(
        _in_language(answers_csv_stream(rows), translation.get_language()),
        content_type="text/csv; charset=utf-8",
    )
    name = f"equalcity-svar-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
