"""A filter parameter that names nothing (a word, a negative id, an id that does not exist) gets
the form back with the reason at the field, in the page's language: never a server error. The
pages whose choice is not a form of its own answer with the 400 page (tests/trainings)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

BAD_IDS = ["x", "-1", "999999", "99999999999999999999", "1e309", "\x00"]

# name: (who looks, the filter parameter)
FILTER_FORMS = {
    "participants:catalogue": (None, "municipality"),
    "courses:list": ("regional_coordinator", "municipality"),
    "evaluation:dashboard": ("evaluator", "municipality"),
    "outbox": ("regional_coordinator", "status"),
}


@pytest.mark.parametrize("value", BAD_IDS)
@pytest.mark.parametrize("name", sorted(FILTER_FORMS))
def test_a_filter_that_names_nothing_is_shown_as_an_error_on_its_field(
    request, client, open_course, name, value
):
    visitor, parameter = FILTER_FORMS[name]
    if visitor:
        client.force_login(request.getfixturevalue(visitor))

    response = client.get(reverse(name), {parameter: value})

    assert response.status_code == 200
    html = response.content.decode()
    error = html.split(f'id="id_{parameter}_error"')[1].split("</p>")[0]
    assert "Välj ett av alternativen" in error or "Nulltecken är inte tillåtna" in error


@pytest.mark.parametrize("value", BAD_IDS)
@pytest.mark.parametrize(
    "name", ["evaluation:export_csv", "evaluation:export_xlsx", "evaluation:answers_csv"]
)
def test_an_export_with_a_filter_that_names_nothing_exports_without_it(
    client, evaluator, open_course, name, value
):
    client.force_login(evaluator)

    response = client.get(reverse(name), {"municipality": value, "language": value})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
