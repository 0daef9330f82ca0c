"""A course leader records attendance on a phone, in Swedish and in Arabic (right to left)."""

import datetime as dt

import pytest
from django.utils import timezone

from courses.models import Meeting
from equalcity.models import Role, User
from participants.models import Attendance
from participants.services import registration_create
from tests.factories import CourseFactory, UserFactory
from tests.participants.conftest import parent
from tests.two_step import totp_code_for

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "correct-horse-battery"


@pytest.fixture
def todays_meeting(goteborg, integrationscentrum):
    today = timezone.localdate()
    leader = UserFactory(
        email="leader@example.se", role=(Role.Kind.COURSE_LEADER, integrationscentrum)
    )
    course = CourseFactory(
        municipality=goteborg,
        organiser=integrationscentrum,
        capacity=10,
        registration_opens=today - dt.timedelta(days=5),
        registration_closes=today + dt.timedelta(days=20),
        first_date=today + dt.timedelta(days=30),
        leaders=[leader],
    )
    names = [
        ("Amina", "Nur"),
        ("أحمد", "الحسن"),
        ("ዮናስ", "ተስፋይ"),
        ("Hodan", "Cali"),
        ("فرید", "احمدی"),
        ("Grace", "Okafor"),
    ]
    people = [
        registration_create(
            course_id=course.pk,
            municipality=goteborg,
            **parent(phone=f"+4670888{n:04d}", first_name=first, last_name=last),
        )
        for n, (first, last) in enumerate(names)
    ]
    meeting = course.meetings.get(number=1)
    start = timezone.localtime().replace(hour=23, minute=0, second=0, microsecond=0) - dt.timedelta(
        hours=1
    )
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=start, ends_at=start + dt.timedelta(minutes=59)
    )
    return meeting, people


def log_in(page, base, language, email="leader@example.se"):
    page.goto(f"{base}/{language}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{base}/{language}/accounts/2fa/authenticate/")
    page.fill("input[name=code]", totp_code_for(User.objects.get(email=email)))
    page.locator("input[name=code]").press("Enter")
    page.wait_for_url(f"{base}/{language}/staff/")


def tap(page, registration, status):
    """A leader's tap, once the sheet's script is running (a deferred script runs before the
    load event): a tap before it would be a plain radio button, saved only by the save button."""
    page.wait_for_load_state("load")
    page.locator(f'input[data-registration="{registration.pk}"][value="{status}"]').check()


def saved(page, registration):
    page.locator(f'[data-state-for="{registration.pk}"][data-state="saved"]').wait_for()


@pytest.mark.parametrize(("language", "direction"), [("sv", "ltr"), ("ar", "rtl")])
def test_a_leader_marks_five_present_and_one_excused_and_the_marks_survive_a_reload(
    live_server, phone, todays_meeting, language, direction
):
    meeting, people = todays_meeting
    page = phone
    log_in(page, live_server.url, language)
    page.goto(f"{live_server.url}/{language}/staff/my-courses/")
    page.locator(f"ul.today a[href$='/staff/meetings/{meeting.pk}/attendance/']").click()
    assert page.locator("html").get_attribute("dir") == direction

    for registration in people[:5]:
        tap(page, registration, "present")
    tap(page, people[5], "excused")
    for registration in people:
        saved(page, registration)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    page.reload()

    for registration in people[:5]:
        assert page.locator(
            f'input[data-registration="{registration.pk}"][value="present"]'
        ).is_checked()
    assert page.locator(f'input[data-registration="{people[5].pk}"][value="excused"]').is_checked()
    assert dict(
        Attendance.objects.filter(meeting=meeting).values_list("registration", "status")
    ) == {**{r.pk: "present" for r in people[:5]}, people[5].pk: "excused"}


def test_a_tap_made_without_network_is_kept_and_sent_when_the_network_returns(
    live_server, phone, todays_meeting
):
    meeting, people = todays_meeting
    page = phone
    log_in(page, live_server.url, "sv")
    page.goto(f"{live_server.url}/sv/staff/meetings/{meeting.pk}/attendance/")

    page.context.set_offline(True)
    tap(page, people[0], "late")
    page.locator(f'[data-state-for="{people[0].pk}"][data-state="failed"]').wait_for()
    assert page.locator(f'[data-retry-for="{people[0].pk}"]').is_visible()
    assert not Attendance.objects.exists()

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    saved(page, people[0])

    assert Attendance.objects.get().status == "late"
