"""Pages that show personal data tell browsers and proxies to keep no copy of them."""

import pytest
from django.urls import reverse

from tests.security.test_role_page_matrix import PAGES, client_for, world  # noqa: F401

pytestmark = pytest.mark.django_db

PERSONAL = {
    "participants:registration": "anonymous",
    "participants:cancel": "anonymous",
    "participants:calendar": "anonymous",
    "participants:staff_list": "coord_x",
    "participants:staff_register": "coord_x",
    "participants:my_courses": "leader_a",
    "participants:attendance_sheet": "leader_a",
    "participants:attendance_matrix": "leader_a",
    "participants:attendance_list": "leader_a",
    "participants:certificates": "leader_a",
    "participants:certificate": "leader_a",
    "participants:person": "coord_x",
    "participants:person_export": "coord_x",
    "participants:person_export_pdf": "coord_x",
    "outbox": "regional",
    "audit": "regional",
    "evaluation:export_csv": "evaluator",
    "evaluation:answers_csv": "evaluator",
}


def test_pages_with_personal_data_are_not_stored(world):  # noqa: F811
    stored = {}
    for name, persona in sorted(PERSONAL.items()):
        arguments, _may, method = PAGES[name]
        response = getattr(client_for(persona, world), method)(
            reverse(name, kwargs=arguments(world))
        )
        assert response.status_code == 200, name
        if "no-store" not in response.get("Cache-Control", ""):
            stored[name] = response.get("Cache-Control")
    assert stored == {}


def test_public_pages_may_still_be_cached(world, client):  # noqa: F811
    response = client.get(reverse("participants:catalogue"))
    assert "no-store" not in response.get("Cache-Control", "")
