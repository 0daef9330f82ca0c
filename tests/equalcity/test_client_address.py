"""The client address behind the registration rate limit: whatever the proxy header or the
connection says, the parent gets an answer, never a server error."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from equalcity.client import client_address, rate_limit_key
from participants.models import Registration
from tests.participants.test_views import post_data

pytestmark = pytest.mark.django_db


def request_with(**meta):
    request = RequestFactory().get("/")
    request.META.pop("REMOTE_ADDR")
    request.META.update(meta)
    return request


@pytest.mark.parametrize(
    ("meta", "address"),
    [
        ({"REMOTE_ADDR": "192.0.2.7"}, "192.0.2.7"),
        ({"REMOTE_ADDR": " 192.0.2.7 "}, "192.0.2.7"),
        ({"REMOTE_ADDR": "2001:DB8:0::1"}, "2001:db8::1"),
        ({"REMOTE_ADDR": "1.2.3.4, 5.6.7.8"}, "1.2.3.4"),
        ({"REMOTE_ADDR": ["1.2.3.4", "5.6.7.8"]}, "1.2.3.4"),
        ({"REMOTE_ADDR": ""}, "unknown"),
        ({"REMOTE_ADDR": "not-an-ip"}, "unknown"),
        ({"REMOTE_ADDR": "999.1.1.1"}, "unknown"),
        ({}, "unknown"),
    ],
)
def test_the_connections_address_is_read_safely(settings, meta, address):
    settings.CLIENT_IP_META_KEY = "REMOTE_ADDR"

    assert client_address(request_with(**meta)) == address


@pytest.mark.parametrize(
    ("meta", "address"),
    [
        ({"HTTP_X_REAL_IP": "198.51.100.4", "REMOTE_ADDR": "10.0.0.2"}, "198.51.100.4"),
        ({"HTTP_X_REAL_IP": "198.51.100.4, 10.0.0.9", "REMOTE_ADDR": "10.0.0.2"}, "198.51.100.4"),
        ({"HTTP_X_REAL_IP": "", "REMOTE_ADDR": "10.0.0.2"}, "10.0.0.2"),
        ({"HTTP_X_REAL_IP": "not-an-ip", "REMOTE_ADDR": "10.0.0.2"}, "10.0.0.2"),
        ({"REMOTE_ADDR": "10.0.0.2"}, "10.0.0.2"),
        ({"HTTP_X_REAL_IP": "not-an-ip"}, "unknown"),
    ],
)
def test_behind_the_proxy_its_header_names_the_client(settings, meta, address):
    settings.CLIENT_IP_META_KEY = "HTTP_X_REAL_IP"

    assert client_address(request_with(**meta)) == address


def test_an_ipv6_client_is_limited_by_its_network():
    one = request_with(REMOTE_ADDR="2001:db8:1:2::10")
    other = request_with(REMOTE_ADDR="2001:db8:1:2:ffff::1")

    assert rate_limit_key("g", one) == rate_limit_key("g", other) == "2001:db8:1:2::"


class NoAddressClient(Client):
    """A connection that names no address at all (a Unix socket behind a proxy)."""

    def _base_environ(self, **request):
        environ = super()._base_environ(**request)
        environ.pop("REMOTE_ADDR", None)
        return environ


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("REMOTE_ADDR", None),
        ("REMOTE_ADDR", ""),
        ("REMOTE_ADDR", "not-an-ip"),
        ("REMOTE_ADDR", "1.2.3.4, 5.6.7.8"),
        ("HTTP_X_REAL_IP", None),
        ("HTTP_X_REAL_IP", ""),
        ("HTTP_X_REAL_IP", "not-an-ip"),
        ("HTTP_X_REAL_IP", "1.2.3.4, 5.6.7.8"),
    ],
)
def test_a_registration_works_whatever_the_client_address_header_says(
    settings, open_course, goteborg, header, value
):
    settings.CLIENT_IP_META_KEY = header
    client = NoAddressClient() if header == "REMOTE_ADDR" and value is None else Client()
    meta = {} if value is None else {header: value}

    response = client.post(
        reverse("participants:register", kwargs={"pk": open_course.pk}),
        post_data(goteborg),
        **meta,
    )

    assert response.status_code == 302
    assert Registration.objects.count() == 1


def test_clients_without_a_readable_address_share_one_limit(settings, open_course, goteborg):
    """Refused cleanly: the form again with the reason, not an error page."""
    settings.CLIENT_IP_META_KEY = "HTTP_X_REAL_IP"
    settings.REGISTRATION_RATE_LIMIT = "1/m"
    url = reverse("participants:register", kwargs={"pk": open_course.pk})
    first = Client().post(url, post_data(goteborg), HTTP_X_REAL_IP="garbage", REMOTE_ADDR="")
    second = Client().post(
        url, post_data(goteborg, phone="+46701110009"), HTTP_X_REAL_IP="", REMOTE_ADDR="x"
    )

    assert first.status_code == 302
    assert second.status_code == 429
    assert "Vänta tio minuter" in second.content.decode()
