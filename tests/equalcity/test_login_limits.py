"""Failed logins behind the TLS proxy: counted per account and client address, which the proxy
names in its own header; a colleague elsewhere is never locked out by someone else's tries."""

import pytest
from django.core.cache import cache

from equalcity.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/sv/accounts/login/"


@pytest.fixture
def behind_the_proxy(settings):
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    settings.CLIENT_IP_META_KEY = "HTTP_X_REAL_IP"
    cache.clear()


@pytest.fixture
def colleague(region):
    return UserFactory(email="amina@example.se", role=(Role.Kind.EVALUATOR, region))


def attempt(client, address, password):
    return client.post(
        LOGIN,
        {"login": "amina@example.se", "password": password},
        REMOTE_ADDR="10.0.0.2",  # every request comes from the proxy
        HTTP_X_REAL_IP=address,
    )


def test_eleven_wrong_passwords_from_eleven_addresses_lock_out_nobody(
    client, behind_the_proxy, colleague
):
    for n in range(11):
        response = attempt(client, f"203.0.113.{n}", "wrong-password")
        assert response.status_code == 200  # the form again, with "wrong password"

    # The colleague, at her own desk, logs in at once.
    response = attempt(client, "198.51.100.7", "correct-horse-battery")
    assert response.status_code == 302


def test_five_wrong_passwords_from_one_address_lock_out_that_pair_only(
    client, behind_the_proxy, colleague
):
    for _ in range(5):
        attempt(client, "203.0.113.9", "wrong-password")

    from_there = attempt(client, "203.0.113.9", "correct-horse-battery")
    assert from_there.status_code != 302, "the guesser's address is locked out for this account"
    assert attempt(client, "198.51.100.7", "correct-horse-battery").status_code == 302


def test_one_address_trying_many_accounts_meets_the_looser_limit(client, behind_the_proxy, region):
    for n in range(31):
        UserFactory(email=f"person{n}@example.se", role=(Role.Kind.EVALUATOR, region))
    statuses = [
        client.post(
            LOGIN,
            {"login": f"person{n}@example.se", "password": "wrong-password"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_REAL_IP="203.0.113.50",
        ).status_code
        for n in range(31)
    ]
    assert statuses[:30] == [200] * 30  # each a wrong password, answered as such
    # The 31st try from that address, even with a right password, is refused.
    blocked = client.post(
        LOGIN,
        {"login": "person0@example.se", "password": "correct-horse-battery"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_REAL_IP="203.0.113.50",
    )
    assert blocked.status_code != 302


def test_a_missing_or_forged_looking_header_falls_back_to_the_connection(
    client, behind_the_proxy, colleague
):
    for value in ("", "not-an-address", "1.2.3.4, 5.6.7.8"):
        response = client.post(
            LOGIN,
            {"login": "amina@example.se", "password": "correct-horse-battery"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_REAL_IP=value,
        )
        assert response.status_code == 302, value
        client.logout()
