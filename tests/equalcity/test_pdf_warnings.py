"""No document makes WeasyPrint warn (an unsupported CSS property, a missing font, an image it
could not load): rendered in every language, the 'weasyprint' logger stays silent."""

import datetime as dt
import logging
from contextlib import contextmanager

import pytest
from django.utils import timezone

from equalcity.documents import document_render
from equalcity.languages import INTERFACE_LANGUAGES
from equalcity.refs import Ref
from participants.certificates import ATTENDANCE_LIST, CERTIFICATE
from participants.flyers import FLYER_A4, FLYER_A5
from participants.models import Attendance
from participants.privacy import PERSONAL_DATA
from participants.services import registration_create
from tests.factories import CourseFactory, CourseLanguageFactory, UserFactory, VenueFactory
from tests.participants.conftest import parent
from trainings.documents import INVITATION, MINUTES, SUMMARY
from trainings.models import ClusterMeeting, ProgrammeItem, TrainingDay

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name, _local, _bidi in INTERFACE_LANGUAGES]


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


@contextmanager
def weasyprint_warnings():
    """What the 'weasyprint' logger says at WARNING or above, whatever the logging settings
    pass on to the root logger."""
    logger, handler = logging.getLogger("weasyprint"), Collect()
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


@pytest.fixture
def course(goteborg, integrationscentrum):
    today = timezone.localdate()
    course = CourseFactory(
        municipality=goteborg,
        organiser=integrationscentrum,
        language=CourseLanguageFactory(
            code="ti", name="tigrinja", native_name="ትግርኛ", direction="ltr", script="Ethi"
        ),
        registration_opens=today - dt.timedelta(days=1),
        first_date=today + dt.timedelta(days=7),
    )
    course.leaders.add(UserFactory(first_name="Hodan", last_name="Abdi", totp=False))
    return course


@pytest.fixture
def registration(course, goteborg):
    registration = registration_create(
        course_id=course.pk,
        municipality=goteborg,
        **parent(language="ti", first_name="ዮናስ", last_name="ተስፋይ"),
    )
    for meeting in course.meetings.all()[:2]:
        Attendance.objects.create(registration=registration, meeting=meeting, status="present")
    return registration


@pytest.fixture
def day(region, goteborg):
    day = TrainingDay.objects.create(
        organiser=region,
        title="Att arbeta med tolk",
        date=dt.date(2031, 10, 22),
        starts_at=dt.time(9),
        ends_at=dt.time(16),
        venue=VenueFactory(municipality=goteborg, name="Göteborgsregionen"),
        capacity=4,
        registration_deadline=dt.date(2031, 10, 8),
        status=TrainingDay.Status.OPEN,
        summary="Vi talade om tolkens roll.\nTolken översätter, inget mer.",
        key_points="Boka tolk i tid.",
    )
    ProgrammeItem.objects.create(
        training_day=day, starts_at=dt.time(9), title="Välkommen", speaker="GR"
    )
    return day


@pytest.fixture
def cluster_meeting(day, goteborg):
    meeting = ClusterMeeting.objects.create(
        date=dt.date(2031, 4, 2),
        starts_at=dt.time(13),
        ends_at=dt.time(16),
        venue=day.venue,
        status=ClusterMeeting.Status.HELD,
        minutes="Vi delade erfarenheter.",
    )
    meeting.municipalities.set([goteborg])
    return meeting


SOURCES = {
    CERTIFICATE: "registration",
    PERSONAL_DATA: "registration",
    ATTENDANCE_LIST: "course",
    FLYER_A4: "course",
    FLYER_A5: "course",
    INVITATION: "day",
    SUMMARY: "day",
    MINUTES: "cluster_meeting",
}


@pytest.mark.parametrize("kind", SOURCES)
def test_no_document_makes_weasyprint_warn_in_any_language(request, kind):
    source = Ref.to(request.getfixturevalue(SOURCES[kind]))

    with weasyprint_warnings() as warnings:
        for language in LANGUAGES:
            pdf, _filename = document_render(kind=kind, source=source, language=language)
            assert pdf.startswith(b"%PDF")

    assert warnings == []


def test_the_check_hears_a_warning():
    from equalcity.documents import html_to_pdf

    with weasyprint_warnings() as warnings:
        html_to_pdf('<p style="unicode-bidi: embed">Hej</p>')

    assert warnings and "unicode-bidi" in warnings[0]
