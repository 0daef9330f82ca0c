"""A new course leader sets up two-step login on a phone, in Tigrinya, then logs in with a code."""

import re

import pytest

from equalcity.models import Role
from tests.browser.conftest import axe_violations
from tests.factories import UserFactory
from tests.two_step import totp_code

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "correct-horse-battery"
ETHIOPIC = re.compile(r"[\u1200-\u137F]")


def test_a_new_leader_sets_up_the_app_keeps_the_codes_and_then_logs_in_with_a_code(
    live_server, phone, integrationscentrum
):
    UserFactory(
        email="yonas@example.se", role=(Role.Kind.COURSE_LEADER, integrationscentrum), totp=False
    )
    page, base = phone, f"{live_server.url}/ti"

    page.goto(f"{base}/accounts/login/?next=/ti/staff/my-courses/")
    page.fill("input[name=login]", "yonas@example.se")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{base}/accounts/2fa/totp/activate/")

    assert ETHIOPIC.search(page.locator("h1").inner_text())
    qr = page.locator("img.qr-code")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0"), "drawn under the CSP"
    secret = page.locator("code.secret-key").inner_text().replace(" ", "")
    page.fill("input[name=code]", totp_code(secret))
    page.locator("input[name=code]").press("Enter")

    page.wait_for_url(f"{base}/accounts/2fa/recovery-codes/")
    assert page.locator(".recovery-codes li").count() == 10
    page.locator("a.button[href$='/staff/two-step/continue/']").click()
    page.wait_for_url(f"{base}/staff/my-courses/")

    page.locator(".staff-nav button[type=submit]").click()  # log out
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", "yonas@example.se")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{base}/accounts/2fa/authenticate/")
    page.fill("input[name=code]", "000000")
    page.locator("input[name=code]").press("Enter")
    error = page.locator(".error-summary")
    assert ETHIOPIC.search(error.inner_text()), "the wrong code is explained in Tigrinya"
    page.fill("input[name=code]", totp_code(secret))
    page.locator("input[name=code]").press("Enter")
    page.wait_for_url(f"{base}/staff/")


@pytest.mark.parametrize("language", ["sv", "ar", "ti"])
def test_the_two_step_pages_pass_axe(live_server, axe_phone, integrationscentrum, language):
    leader = UserFactory(
        email="leader@example.se", role=(Role.Kind.COURSE_LEADER, integrationscentrum), totp=False
    )
    page, base = axe_phone, f"{live_server.url}/{language}"
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", leader.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.goto(f"{base}/accounts/2fa/totp/activate/")
    found = {"set-up page": axe_violations(page)}
    page.fill("input[name=code]", "123456")
    page.locator("input[name=code]").press("Enter")
    page.wait_for_selector(".error-summary")
    found["set-up page with an error"] = axe_violations(page)
    secret = page.locator("code.secret-key").inner_text().replace(" ", "")
    page.fill("input[name=code]", totp_code(secret))
    page.locator("input[name=code]").press("Enter")
    page.wait_for_url(f"{base}/accounts/2fa/recovery-codes/")
    found["recovery codes"] = axe_violations(page)
    page.goto(f"{base}/accounts/2fa/")
    found["overview"] = axe_violations(page)

    assert found == {name: [] for name in found}
