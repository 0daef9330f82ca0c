"""The demo as loaded on a chosen day: Django's clock set to that day (every date the project
reads comes from django.utils.timezone.now, localdate included)."""

import datetime as dt
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone


@contextmanager
def clock_at(day: dt.date, *, hour: int = 8):
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield moment
