"""System checks for settings that the messages to parents depend on."""

from django.conf import settings
from django.core.checks import Error, register

#: Every SMS carries the personal link (SITE_URL + "/r/" + 16 characters + "/"). The two-segment
#: budget of an Arabic, Dari or Tigrinya SMS (134 characters) holds with a SITE_URL up to this
#: long (tests/participants/test_sms_worst_case.py).
SITE_URL_MAX_LENGTH = 32


@register()
def check_site_url(app_configs, **kwargs):
    site_url = settings.SITE_URL.rstrip("/")
    if len(site_url) <= SITE_URL_MAX_LENGTH:
        return []
    return [
        Error(
            f"SITE_URL is {len(site_url)} characters long; at most {SITE_URL_MAX_LENGTH} fit in "
            "the links of two-segment text messages to parents.",
            hint="Use a shorter host name for SITE_URL (for example a short subdomain).",
            id="equalcity.E001",
        )
    ]
