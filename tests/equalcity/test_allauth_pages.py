"""allauth's pages that a person can reach speak the page's language through our catalogues
(allauth ships no Somali or Tigrinya)."""

import re

import pytest
from django.test import Client

from equalcity.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ETHIOPIC = re.compile(r"[\u1200-\u137F]")


def main(response):
    return re.search(r"<main.*</main>", response.content.decode(), re.S).group(0)


@pytest.mark.parametrize(
    ("path", "english"),
    [
        ("/ti/accounts/signup/", "Sign Up Closed"),
        ("/ti/accounts/inactive/", "Account Inactive"),
    ],
)
def test_pages_for_anyone_are_in_tigrinya(path, english):
    response = Client().get(path)

    assert response.status_code == 200
    heading = re.search(r"<h1>(.*?)</h1>", main(response)).group(1)
    assert ETHIOPIC.search(heading)
    assert english not in response.content.decode()


def test_the_password_change_page_is_in_tigrinya_with_its_labels_and_errors(client, region):
    client.force_login(UserFactory(role=(Role.Kind.EVALUATOR, region)))

    response = client.post(
        "/ti/accounts/password/change/",
        {"oldpassword": "wrong", "password1": "x", "password2": "y"},
    )

    assert response.status_code == 200
    html = main(response)
    assert ETHIOPIC.search(re.search(r"<h1>(.*?)</h1>", html).group(1))
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert "Password" not in summary, "allauth's English labels are translated"
    assert ETHIOPIC.search(summary)
