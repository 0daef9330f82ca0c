"""The address a request comes from, as far as we can trust it.

Behind a proxy every request comes from the proxy: the proxy names the client in a header of its
own (settings.CLIENT_IP_HEADER, e.g. X-Real-IP), which it sets itself so that a client cannot
forge it. Whatever that header or REMOTE_ADDR holds (nothing, an empty string, a word, a
list from a chain of proxies), the answer is an address or "unknown", never an exception: a rate
limit that fails must not turn a parent's registration into an error page.
"""

import ipaddress

from django.conf import settings

UNKNOWN = "unknown"


def client_address(request) -> str:
    """The client's IP address, normalised ("2001:db8::1"); the first of a list; else the
    connection's own address (REMOTE_ADDR); else "unknown"."""
    header = getattr(settings, "CLIENT_IP_META_KEY", None) or "REMOTE_ADDR"
    for key in dict.fromkeys([header, "REMOTE_ADDR"]):
        address = _parse(request.META.get(key))
        if address is not None:
            return str(address)
    return UNKNOWN


def rate_limit_key(group, request) -> str:
    """django-ratelimit's key: the client address, an IPv6 client by its /64 network (one
    subscriber gets a whole /64, as django-ratelimit's own key="ip" assumes)."""
    address = client_address(request)
    if ":" in address:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return address


def _parse(value):
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    if not isinstance(value, str):
        return None
    first = value.split(",", 1)[0].strip()
    try:
        return ipaddress.ip_address(first)
    except ValueError:
        return None
