"""Where to go after a form: a `next` the page sent along, if it is a path of ours."""

import unicodedata

from django.utils.http import url_has_allowed_host_and_scheme


def next_path(request, value) -> str | None:
    """`value` when it is a path on this site ("/sv/staff/…"), else None.

    Not another site ("//evil.example", "https://evil.example/", "/\\evil.example"), not a
    scheme ("javascript:alert(1)"), not a bare word ("x", which `redirect` would take for the
    name of a URL pattern), and nothing invisible that a browser might strip or a header refuse.
    """
    if not isinstance(value, str) or not value.startswith("/") or value[1:2] in ("/", "\\"):
        return None
    if any(unicodedata.category(char)[0] in "CZ" for char in value):
        return None
    if not url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    return value
