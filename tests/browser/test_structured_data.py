"""The schema.org data on a course page is a data block, not a script: the browser reads it and
the Content Security Policy (script-src 'self') reports nothing."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

WATCH_POLICY = """
window.policyViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.policyViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""
READ_DATA = """() => JSON.parse(
  document.querySelector('script[type="application/ld+json"]').textContent
)"""


def test_the_course_data_for_search_engines_breaks_no_content_security_policy(
    live_server, phone, open_course
):
    page = phone
    console_errors = []
    page.on(
        "console", lambda message: message.type == "error" and console_errors.append(message.text)
    )
    page.add_init_script(WATCH_POLICY)

    response = page.goto(f"{live_server.url}/ar/courses/{open_course.pk}/")

    assert "script-src 'self'" in response.headers["content-security-policy"]
    data = page.evaluate(READ_DATA)
    assert (data["@type"], data["hasCourseInstance"][0]["courseMode"]) == ("Course", "onsite")
    assert page.evaluate("window.policyViolations") == []
    assert console_errors == []

    # The watch does see a violation: an inline script added now is refused and reported.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = true'; document.head.append(s); }"
    )
    page.wait_for_function("window.policyViolations.length > 0")
    assert page.evaluate("window.ran") is None
