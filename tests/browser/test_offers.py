"""A parent on a phone takes the seat offered to them, from their personal link, in Tigrinya."""

import re

import pytest

from participants.models import Registration
from participants.services import registration_cancel, registration_create
from tests.browser.conftest import axe_violations
from tests.participants.conftest import parent

pytestmark = pytest.mark.django_db(transaction=True)
ETHIOPIC = re.compile(r"[\u1200-\u137F]")


def test_a_parent_accepts_an_offered_seat_from_the_personal_link_in_tigrinya(
    live_server, axe_phone, open_course, goteborg
):
    open_course.capacity = 1
    open_course.save()
    seated = registration_create(course_id=open_course.pk, municipality=goteborg, **parent())
    waiting = registration_create(
        course_id=open_course.pk,
        municipality=goteborg,
        **parent(
            first_name="ኣብርሃም ገብረመስቀል",
            last_name="ወልደሚካኤል ተስፋጽዮን ሃብተማርያም",
            phone="+46709876543",
        ),
    )
    registration_cancel(registration_id=seated.pk)
    page = axe_phone

    page.goto(f"{live_server.url}/ti/r/{waiting.link_token}/")

    offer = page.locator("section.offer")
    assert ETHIOPIC.search(offer.locator("h2").inner_text())
    assert page.locator("html").get_attribute("dir") == "ltr"
    # The page fits a 375 px screen, and has no accessibility violations.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert axe_violations(page) == []

    offer.locator("button[value=accept]").click()
    page.wait_for_selector(".messages")

    waiting.refresh_from_db()
    assert (waiting.status, waiting.offer_answered_via) == ("confirmed", "link")
    assert ETHIOPIC.search(page.locator(".messages").inner_text())
    assert page.locator("section.offer").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert Registration.objects.filter(status__in=["confirmed", "offered"]).count() == 1
