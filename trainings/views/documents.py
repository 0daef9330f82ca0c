"""The documents page and the PDFs: a training day's invitation and summary, a cluster
meeting's minutes."""

from django.http import Http404, HttpResponseNotModified
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from equalcity.access import scope_for
from equalcity.decorators import staff_required
from equalcity.documents import document_get
from equalcity.downloads import stored_pdf_response
from equalcity.i18n import reader_first
from equalcity.models import Organisation
from trainings import documents
from trainings.models import ClusterMeeting
from trainings.selectors import (
    cluster_meetings_visible,
    home_municipality,
    training_day_get,
    training_days,
    workshop_booked,
)
from trainings.views.municipality import chosen_municipality


def _pdf_response(document):
    response = stored_pdf_response(document.file, filename=document.filename)
    response["ETag"] = f'"{document.source_hash[:32]}"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@staff_required
def training_document(request, pk, kind, language):
    """Any logged-in staff member may download a day's invitation and summary."""
    day = training_day_get(pk=pk)
    offered = {
        "invitation": (
            documents.INVITATION,
            documents.document_languages(documents.INVITATION, day),
        ),
        "summary": (documents.SUMMARY, documents.summary_languages(day)),
    }
    if kind not in offered or language not in offered[kind][1]:
        raise Http404  # a language the document's texts do not exist in yet
    kind = offered[kind][0]
    document = document_get(kind=kind, source=documents.day_key(day), language=language)
    if request.headers.get("If-None-Match") == f'"{document.source_hash[:32]}"':
        return HttpResponseNotModified()
    return _pdf_response(document)


@staff_required
def cluster_minutes_pdf(request, pk, language):
    meeting = get_object_or_404(
        cluster_meetings_visible(user=request.user), pk=pk, status=ClusterMeeting.Status.HELD
    )
    if language not in documents.document_languages(documents.MINUTES, meeting):
        raise Http404
    return _pdf_response(
        document_get(
            kind=documents.MINUTES, source=documents.meeting_key(meeting), language=language
        )
    )


@staff_required
def documents_page(request):
    """Every training day's documents, and the minutes of this municipality's cluster meetings."""
    scope = scope_for(request.user)
    municipality = chosen_municipality(request) or home_municipality(request.user)
    reader = request.user.language
    days = [
        (
            day,
            reader_first(documents.document_languages(documents.INVITATION, day), reader),
            reader_first(documents.summary_languages(day), reader),
        )
        for day in training_days().prefetch_related("programme_items")
    ]
    meetings = cluster_meetings_visible(user=request.user).filter(status=ClusterMeeting.Status.HELD)
    if municipality and scope.regional:
        meetings = meetings.filter(municipalities=municipality)
    meetings = [
        (
            meeting,
            reader_first(documents.document_languages(documents.MINUTES, meeting), reader),
        )
        for meeting in meetings.prefetch_related("municipalities")
    ]
    return render(
        request,
        "trainings/documents.html",
        {
            "days": days,
            "meetings": meetings,
            "municipality": municipality,
            "workshop_to_book": bool(
                municipality
                and municipality.takes_part
                and scope.coordinates(municipality.pk)
                and not workshop_booked(municipality=municipality, day=timezone.localdate())
            ),
            "municipalities": Organisation.objects.filter(kind="municipality", takes_part=True)
            if scope.regional
            else None,
        },
    )
