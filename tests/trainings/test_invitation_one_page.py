"""An invitation whose content fits on a page is one page, in every language."""

import datetime as dt
from io import BytesIO

import pytest
from pypdf import PdfReader

from demo.content import DISCUSSION_QUESTIONS, TRAINING_DAYS, VENUE_DIRECTIONS, programme_for
from equalcity.documents import document_render
from equalcity.languages import INTERFACE_LANGUAGES
from tests.pdf_utils import pdf_text
from trainings.documents import INVITATION, day_key
from trainings.models import ProgrammeItem

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name, _local, _bidi in INTERFACE_LANGUAGES]


@pytest.fixture
def demo_day(training_day, region):
    """The demo's longest day: its title, a description, five programme items, directions,
    a target group, phone and e-mail (the content that made it two pages)."""
    region.phone, region.email = "031-335 51 82", "utbildning@goteborgsregionen.se"
    region.save()
    title = max((swedish for swedish, _english in TRAINING_DAYS), key=len)
    training_day.title = title
    training_day.description = DISCUSSION_QUESTIONS.replace("\n", " ")
    training_day.target_group = "Socialsekreterare och andra medarbetare som möter nyanlända"
    training_day.date = dt.date(2031, 10, 22)
    training_day.registration_deadline = dt.date(2031, 10, 8)
    training_day.save()
    training_day.venue.directions = VENUE_DIRECTIONS["sv"]
    training_day.venue.save()
    for (hour, minute), item, speaker in programme_for(title):
        ProgrammeItem.objects.create(
            training_day=training_day,
            starts_at=dt.time(hour, minute),
            title=item,
            speaker=speaker,
        )
    return training_day


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_invitation_that_fits_is_one_page(demo_day, language):
    pdf, _filename = document_render(kind=INVITATION, source=day_key(demo_day), language=language)
    text = pdf_text(pdf)

    assert len(PdfReader(BytesIO(pdf)).pages) == 1
    assert "Samtal i arbetslag" in text, "the programme"
    assert "utbildning@goteborgsregionen.se" in text, "the contact, last on the page"
