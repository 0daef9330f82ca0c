"""demo_code: a newcomer without a phone reads a demo account's two-step code from the shell,
and nobody reads a real account's code, nor any code on a server running with DEBUG off."""

from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from demo.seed.people import DEMO_PASSWORD, DEMO_TOTP_SECRET, users_seed
from demo.seed.places import organisations_seed
from tests.factories import UserFactory

LEADER = "leader@demo.equalcity.se"

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_users():
    return users_seed(orgs=organisations_seed())


def demo_code(email, **options):
    out = StringIO()
    call_command("demo_code", email, stdout=out, **options)
    return out.getvalue().strip()


def test_a_newcomer_logs_in_as_the_demo_leader_with_the_printed_code(demo_users, settings):
    settings.DEBUG = True
    client = Client()
    login = client.post("/sv/accounts/login/", {"login": LEADER, "password": DEMO_PASSWORD})
    assert login["Location"] == reverse("mfa_authenticate")

    code = demo_code(LEADER)
    response = client.post(reverse("mfa_authenticate"), {"code": code})

    assert len(code) == 6 and code.isdigit()
    assert response.status_code == 302
    assert client.get(reverse("participants:my_courses")).status_code == 200


def test_every_demo_login_has_the_documented_authenticator_once(demo_users):
    users_seed(orgs=organisations_seed())
    logins = [user for email, user in demo_users.items() if user.has_usable_password()]

    secrets = [
        decrypt(a.data["secret"])
        for a in Authenticator.objects.filter(user__in=logins, type=Authenticator.Type.TOTP)
    ]
    assert len(logins) == 7 and secrets == [DEMO_TOTP_SECRET] * 7


def test_no_code_while_debug_is_off(demo_users, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="only with DEBUG on"):
        demo_code(LEADER)


def test_no_code_for_an_account_that_is_not_a_demo_login(demo_users, settings):
    settings.DEBUG = True
    real = UserFactory(email="amina@goteborg.se")  # with an authenticator app of her own

    for email in (real.email, "dari.leader@demo.equalcity.se"):
        with pytest.raises(CommandError, match="is not a demo account"):
            demo_code(email)
