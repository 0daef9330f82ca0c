"""Public pages come from the cache, per language, and a change they show renews them at once."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from participants.services import registration_create
from tests.participants.conftest import parent

pytestmark = pytest.mark.django_db


def test_the_second_visitor_gets_the_page_without_a_query(open_course, django_assert_num_queries):
    url = reverse("participants:course", args=[open_course.pk]).replace("/sv/", "/ar/")
    first = Client().get(url)

    with django_assert_num_queries(0):
        second = Client().get(url)

    assert second.status_code == 200 and second.content == first.content
    assert second["Content-Security-Policy"], "middleware still adds its headers"
    swedish = Client().get(url.replace("/ar/", "/sv/")).content
    assert swedish != first.content, "one cached page per language"


def test_a_parent_never_sees_a_free_seat_that_was_just_taken(
    open_course, goteborg, django_capture_on_commit_callbacks
):
    open_course.capacity = 1
    open_course.save()
    url = reverse("participants:course", args=[open_course.pk])
    catalogue = reverse("participants:catalogue")
    assert "1 plats kvar" in Client().get(url).content.decode()
    Client().get(catalogue)

    with django_capture_on_commit_callbacks(execute=True):  # the registration commits
        registration_create(course_id=open_course.pk, municipality=goteborg, **parent())

    page = Client().get(url).content.decode()
    assert "1 plats kvar" not in page and "Fullbokad" in page
    assert "Fullbokad" in Client().get(catalogue).content.decode()


def test_staff_get_their_own_page_with_their_menu(client, open_course, goteborg_coordinator):
    url = reverse("participants:course", args=[open_course.pk])
    Client().get(url)  # cached for anonymous visitors
    client.force_login(goteborg_coordinator)
    assert "staff-nav" in client.get(url).content.decode()
    assert "staff-nav" not in Client().get(url).content.decode()


def test_the_empty_registration_form_is_rendered_once_per_language(open_course, goteborg):
    """The form's fields (the municipality list among them) come from a fragment rendered once
    per language; a form sent back with an error is rendered afresh, with what the parent wrote."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("participants:register", args=[open_course.pk])

    def fields(html):
        form = html[html.index("<form") : html.index("</form>")]
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", form)

    with CaptureQueriesContext(connection) as first_queries:
        first = Client().get(url).content.decode()
    with CaptureQueriesContext(connection) as second_queries:
        second = Client().get(url).content.decode()
    assert len(second_queries) < len(first_queries)
    assert fields(second) == fields(first)
    assert f'<option value="{goteborg.pk}">Göteborg</option>' in second

    arabic = Client().get(url.replace("/sv/", "/ar/")).content.decode()
    assert "Förnamn" in second and "Förnamn" not in arabic

    sent = Client().post(url, {"first_name": "Amina", "municipality": goteborg.pk}).content.decode()
    assert 'value="Amina"' in sent
    assert f'<option value="{goteborg.pk}" selected>Göteborg</option>' in sent
