"""The app's URLs with two bare views beside them, and a middleware that counts queries.

Only bench/national_settings.py names this module: production URLs never hold these views.
"""

import time

from django.db import connection
from django.http import HttpResponse
from django.urls import path

from equalcity.urls import (  # noqa: F401 - the app's error pages
    handler400,
    handler403,
    handler404,
    handler429,
    handler500,
)
from equalcity.urls import urlpatterns as app_urlpatterns


def bare(request):
    """What Django and the middleware cost with no page: the yardstick of the table."""
    return HttpResponse("ok", content_type="text/plain")


def select_one(request):
    """The yardstick plus one round trip to the database (a connection, when none is kept)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")


def count_queries(get_response):
    """Answer with the number of SQL statements the request ran (X-Queries) and the worker's CPU
    time for it (X-CPU-ms): a figure that other processes on the machine hardly change, unlike
    the latency, which also waits for the CPU and for PostgreSQL."""

    def middleware(request):
        statements = 0
        started = time.thread_time()

        def counter(execute, sql, params, many, context):
            nonlocal statements
            statements += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = get_response(request)
        response["X-Queries"] = str(statements)
        response["X-CPU-ms"] = f"{1000 * (time.thread_time() - started):.2f}"
        return response

    return middleware


urlpatterns = [
    path("bench/bare/", bare),
    path("bench/select-1/", select_one),
    *app_urlpatterns,
]
