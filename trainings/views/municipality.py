"""The municipality a trainings page is about: a regional coordinator may choose one in the
query string."""

from django.core.exceptions import BadRequest

from equalcity.access import scope_for
from trainings.forms import MunicipalityChoiceForm


def chosen_municipality(request):
    """The municipality a regional coordinator chose in the query string; None when there is
    no choice (or the reader may not choose). An id that names no municipality ("x", "-1",
    "999999") is a bad request: the 400 page, in the page's language."""
    if not (scope_for(request.user).regional and request.GET.get("municipality")):
        return None
    form = MunicipalityChoiceForm(request.GET)
    if not form.is_valid():
        raise BadRequest("municipality: not a municipality's id")
    return form.cleaned_data["municipality"]
