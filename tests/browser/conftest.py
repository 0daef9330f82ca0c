"""Playwright driving Debian's Chromium against pytest-django's live server."""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PHONE = {"width": 375, "height": 812}

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between page actions are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` (it installs it).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


def _phone(browser, **options):
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, **options
    )
    # Tests wait for conditions (a selector, a URL), never for a fixed time; on a loaded
    # two-core machine a condition may take longer than Playwright's 30 s default.
    context.set_default_timeout(60_000)
    return context, context.new_page()


@pytest.fixture
def phone(browser):
    """A page in a phone-sized window, under the site's Content Security Policy."""
    context, page = _phone(browser)
    yield page
    context.close()


@pytest.fixture
def axe_phone(browser):
    """The same, with the policy bypassed so that the test can inject axe-core."""
    context, page = _phone(browser, bypass_csp=True)
    yield page
    context.close()


def axe_violations(page):
    """WCAG 2.1 A and AA violations that axe-core finds on the page as it is now."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make test` (it runs npm ci).")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        {"id": v["id"], "help": v["help"], "targets": [node["target"] for node in v["nodes"]][:5]}
        for v in result["violations"]
    ]
