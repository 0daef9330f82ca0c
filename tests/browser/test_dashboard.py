"""The statistics dashboard in a phone-sized browser: a contents list, charts and tables that
axe-core finds nothing wrong with, in Swedish and in Arabic."""

import pytest

from equalcity.models import Role, User
from tests.browser.conftest import axe_violations
from tests.evaluation.conftest import build_programme
from tests.evaluation.test_outcomes import answered  # noqa: F401 (a fixture)
from tests.factories import UserFactory
from tests.two_step import totp_code_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
PASSWORD = "correct-horse-battery"


def log_in(page, base, language):
    page.goto(f"{base}/{language}/accounts/login/")
    page.fill("input[name=login]", "evaluator@example.se")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{base}/{language}/accounts/2fa/authenticate/")
    page.fill("input[name=code]", totp_code_for(User.objects.get(email="evaluator@example.se")))
    page.locator("input[name=code]").press("Enter")
    page.wait_for_url(f"{base}/{language}/staff/")


@pytest.mark.parametrize("language", ["sv", "ar"])
def test_the_dashboard_has_contents_readable_charts_and_no_axe_violations(
    live_server,
    axe_phone,
    goteborg,
    molndal,
    integrationscentrum,
    region,
    language,
    answered,  # noqa: F811 (questionnaire answers: the outcome charts are drawn too)
):
    UserFactory(email="evaluator@example.se", role=(Role.Kind.EVALUATOR, region))
    build_programme(goteborg=goteborg, molndal=molndal, integrationscentrum=integrationscentrum)
    page = axe_phone
    log_in(page, live_server.url, language)
    page.goto(f"{live_server.url}/{language}/staff/statistics/")

    links = page.locator("nav.toc a")
    assert links.count() == page.locator("section.stat h2").count() > 10
    for href in links.evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert page.locator(href).count() == 1
    # The per-course chart numbers its bars; the table gives each number its full label.
    course_chart = page.locator("#t-attendance_course ~ .stat-body svg text")
    labels = course_chart.all_text_contents()
    assert "1" in labels and not any(", " in label for label in labels)
    assert page.locator("#t-attendance_course ~ .stat-body svg g title").count() >= 2
    # The questionnaire's outcome: before and after drawn as two bars a question, each with its
    # number in words beside it.
    assert page.locator("#t-outcome ~ .stat-body svg").count() == 1
    assert page.locator("#t-outcome ~ .stat-body svg rect").count() >= 4
    # The target chart marks each target with a line.
    assert page.locator("#t-targets ~ .stat-body svg line").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert axe_violations(page) == []
