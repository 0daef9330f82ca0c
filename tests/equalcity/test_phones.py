"""Links that call a number are valid `tel:` links in E.164 (RFC 3966 allows no spaces, and the
Nu HTML Checker rejects them); the number is shown as Swedes write it, left to right in Arabic."""

import re

import pytest

from equalcity.phones import phone_display, phone_e164, phone_link


@pytest.mark.django_db
def test_the_help_number_is_called_in_e164_and_read_as_swedes_write_it(client, settings):
    for configured in ["031-367 91 64", "+46313679164", "031 3679164"]:
        settings.HELP_PHONE = configured
        html = client.get("/ar/").content.decode()

        assert '<a href="tel:+46313679164" dir="ltr">031-367 91 64</a>' in html, configured
        assert not re.search(r'href="tel:[^"+]', html)


def test_phone_numbers_are_linked_only_when_they_are_numbers():
    assert phone_e164("08-123 456 78") == "+46812345678"
    assert phone_display("+252612345678") == "+252 61 234 5678"
    assert phone_link("+252612345678") == (
        '<a href="tel:+252612345678" dir="ltr">+252 61 234 5678</a>'
    )
    assert phone_link("ring växeln") == '<span dir="ltr">ring växeln</span>'
