"""A municipal coordinator registers a parent by phone at a desk (1280 px), then checks in their
own outbox that the parent got the confirmation SMS, in the parent's language."""

import datetime as dt

import pytest
from django.utils import timezone

from equalcity.models import Message, Role, User
from participants.models import Registration
from tests.browser.conftest import axe_violations
from tests.factories import CourseFactory, UserFactory
from tests.two_step import totp_code_for

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "correct-horse-battery"
DESK = {"width": 1280, "height": 900}


@pytest.fixture
def desk(browser):
    context = browser.new_context(viewport=DESK, bypass_csp=True)  # bypass: axe is injected
    context.set_default_timeout(60_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def open_course(goteborg, integrationscentrum):
    today = timezone.localdate()
    UserFactory(email="coord@example.se", role=(Role.Kind.MUNICIPAL_COORDINATOR, goteborg))
    return CourseFactory(
        municipality=goteborg,
        organiser=goteborg,
        capacity=10,
        registration_opens=today - dt.timedelta(days=5),
        registration_closes=today + dt.timedelta(days=20),
        first_date=today + dt.timedelta(days=30),
    )


def log_in(page, base):
    page.goto(f"{base}/sv/accounts/login/")
    page.fill("input[name=login]", "coord@example.se")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{base}/sv/accounts/2fa/authenticate/")
    page.fill("input[name=code]", totp_code_for(User.objects.get(email="coord@example.se")))
    page.locator("input[name=code]").press("Enter")
    page.wait_for_url(f"{base}/sv/staff/")


def test_a_municipal_coordinator_sees_the_sms_of_a_parent_they_registered_by_phone(
    live_server, desk, open_course, goteborg
):
    page = desk
    log_in(page, live_server.url)

    page.goto(f"{live_server.url}/sv/staff/courses/{open_course.pk}/participants/new/")
    assert page.locator("h1").inner_text()
    # The form speaks to the staff member about the parent.
    assert page.get_by_label("I vilken kommun bor föräldern?").is_visible()
    page.get_by_label("Förälderns förnamn").fill("أحمد")
    page.get_by_label("Förälderns efternamn").fill("الحسن")
    page.get_by_label("Förälderns mobilnummer").fill("070-123 45 67")
    page.get_by_label("I vilken kommun bor föräldern?").select_option(str(goteborg.pk))
    page.locator("select[name=language]").select_option("ar")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(f"{live_server.url}/sv/staff/courses/{open_course.pk}/participants/")
    registration = Registration.objects.get(first_name="أحمد")
    assert registration.status == Registration.Status.CONFIRMED

    page.goto(f"{live_server.url}/sv/staff/messages/")
    row = page.locator("tbody tr", has_text="+46701234567")
    assert row.count() == 1
    assert "Bekräftad plats" in row.inner_text()  # the kind in words, not registration_confirmed
    text = row.locator("td[lang=ar]")
    assert text.count() == 1
    message = Message.objects.get(to_address="+46701234567")
    assert message.language == "ar" and message.channel == "sms"
    assert message.body.split()[0] in text.inner_text()
    assert axe_violations(page) == []
