"""Settings of the gunicorn that bench/national.py starts: production's, plus two bare views and
a query count per response. Never used outside the benchmark."""

from equalcity.settings import *  # noqa: F403
from equalcity.settings import MIDDLEWARE

ROOT_URLCONF = "bench.national_site"
# First, so that it counts every query of the request, the session's and the user's included.
MIDDLEWARE = ["bench.national_site.count_queries", *MIDDLEWARE]
