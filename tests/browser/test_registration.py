"""A parent on a phone registers in their language, sees the confirmation, and cancels."""

import re

import pytest

from participants.models import Registration
from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)
ETHIOPIC = re.compile(r"[\u1200-\u137F]")
ARABIC = re.compile(r"[\u0600-\u06FF]")
LANGUAGES = ["sv", "en", "ar", "fa-af", "so", "ti"]


def fill_registration(page, goteborg, *, first, last, phone):
    page.fill("#id_first_name", first)
    page.fill("#id_last_name", last)
    page.fill("#id_phone", phone)
    page.select_option("#id_municipality", str(goteborg.pk))
    page.fill("#id_children_6_12", "2")
    page.check("#id_needs_childcare")


@pytest.mark.parametrize(
    ("language", "direction", "script", "first", "last"),
    [("ti", "ltr", ETHIOPIC, "ዮናስ", "ተስፋይ"), ("ar", "rtl", ARABIC, "أحمد", "الحسن")],
)
def test_a_parent_registers_on_a_phone_and_cancels_with_the_personal_link(
    live_server, phone, open_course, goteborg, language, direction, script, first, last
):
    page = phone
    page.goto(f"{live_server.url}/{language}/")
    assert page.locator("html").get_attribute("dir") == direction
    page.locator("form[action$='/courses/'] button[type=submit]").click()
    page.locator(f"a[href$='/courses/{open_course.pk}/']").first.click()
    page.locator(f"a[href$='/courses/{open_course.pk}/register/']").click()
    assert page.locator("#id_language").input_value() == language

    fill_registration(page, goteborg, first=first, last=last, phone="070-123 45 67")
    page.locator("form.registration-form button[type=submit]").click()

    heading = page.locator("h1").inner_text()
    assert script.search(heading), heading
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("ol.meetings li").count() == 7
    registration = Registration.objects.get()
    assert (registration.first_name, registration.phone, registration.language) == (
        first,
        "+46701234567",
        language,
    )
    # The page fits a 375 px screen: nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    personal_link = page.url.split("?")[0]
    page.goto(personal_link)
    page.locator(f"a[href$='{personal_link.split(live_server.url)[1]}cancel/']").click()
    page.locator("form button[type=submit].danger").click()

    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert script.search(page.locator(".messages").inner_text())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_parents_pages_have_no_accessibility_violations(
    live_server, axe_phone, open_course, goteborg, language
):
    page = axe_phone
    found = {}
    page.goto(f"{live_server.url}/{language}/")
    found["start page"] = axe_violations(page)
    page.goto(f"{live_server.url}/{language}/courses/{open_course.pk}/")
    found["course page"] = axe_violations(page)
    page.goto(f"{live_server.url}/{language}/courses/{open_course.pk}/register/")
    found["empty form"] = axe_violations(page)
    page.fill("#id_phone", "12")
    page.locator("form.registration-form button[type=submit]").click()
    page.locator(".error-summary").wait_for()  # the form comes back (a click does not wait)
    assert page.locator(".error-summary").count() == 1
    found["form with errors"] = axe_violations(page)
    fill_registration(page, goteborg, first="Amina", last="Nur", phone="0701234567")
    page.locator("form.registration-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"\?new=1"))
    assert "?new=1" in page.url
    found["confirmation"] = axe_violations(page)

    assert found == {name: [] for name in found}


def test_the_accessibility_check_does_report_a_broken_page(axe_phone):
    """The axe check above can fail: an image without text and an unlabelled field are found."""
    axe_phone.set_content(
        '<html lang="en"><head><title>x</title></head><body><main>'
        '<img src="data:,"><input type="text"></main></body></html>'
    )

    assert {"image-alt", "label"} <= {violation["id"] for violation in axe_violations(axe_phone)}
