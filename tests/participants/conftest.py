import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import CourseFactory, CourseLanguageFactory


@pytest.fixture
def tigrinya(db):
    return CourseLanguageFactory(
        code="ti",
        name="tigrinja",
        name_ti="ትግርኛ",
        native_name="ትግርኛ",
        direction="ltr",
        script="Ethi",
        interface_language="ti",
    )


@pytest.fixture
def open_course(goteborg, integrationscentrum):
    """A Göteborg course open to the whole region, registration open today, five weeks ahead."""
    today = timezone.localdate()
    return CourseFactory(
        municipality=goteborg,
        organiser=integrationscentrum,
        capacity=10,
        registration_opens=today - dt.timedelta(days=7),
        registration_closes=today + dt.timedelta(days=28),
        first_date=today + dt.timedelta(days=35),
    )


def parent(**overrides):
    """Service arguments for a parent's registration."""
    data = {
        "first_name": "Yonas",
        "last_name": "Tesfay",
        "phone": "+46701234567",
        "email": "",
        "children_0_5": 1,
        "children_6_12": 2,
        "children_13_17": 0,
        "needs_childcare": True,
        "needs_accessibility": False,
        "needs_note": "",
        "needs_note_consent": False,
        "referral": "friends",
        "channel": "sms",
        "language": "ti",
    }
    data.update(overrides)
    return data
