"""Every public page passes the Nu HTML Checker (vnu, the W3C validator) in every language.

The pages are rendered with Django's test client, written to a temporary folder and checked by
one run of vnu.jar (npm package `vnu-jar`, Java 17 or later), so a link that calls a number
(`tel:`), a duplicate id or a stray attribute is found before a parent's browser meets it.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from participants.selectors.registrations import registration_token
from participants.services import registration_create
from tests.participants.conftest import parent

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LANGUAGES = ["sv", "en", "ar", "fa-af", "so", "ti"]


def run_vnu(files):
    """The checker's errors for these files, as (file name, line, message)."""
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "Java is missing: the Nu HTML Checker needs a Java runtime "
            "(`make system-deps` installs default-jre-headless)."
        )
    if not VNU.exists():
        pytest.fail("vnu.jar is missing: run `make test` (it runs npm ci).")
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--stdout", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout)
    return [
        (Path(m.get("url", "")).name, m.get("lastLine"), m["message"])
        for m in report["messages"]
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]


def public_pages(client, course, registration):
    """Each public page as a parent reaches it: name → HTML."""
    token = registration_token(registration)
    pages = {}
    for language in LANGUAGES:
        with translation.override(language):
            urls = {
                "start": reverse("home"),
                "catalogue": reverse("participants:catalogue"),
                "course": reverse("participants:course", args=[course.pk]),
                "form": reverse("participants:register", args=[course.pk]),
                "personal-link": reverse("participants:registration", args=[token]) + "?new=1",
                "cancel": reverse("participants:cancel", args=[token]),
                "privacy": reverse("privacy"),
                "accessibility": reverse("accessibility"),
            }
            form_with_errors = client.post(urls["form"], {"phone": "12", "first_name": ""})
        for name, url in urls.items():
            response = client.get(url)
            assert response.status_code == 200, (language, name)
            pages[f"{language}-{name}"] = response.content.decode()
        assert form_with_errors.status_code == 200
        assert b"error-summary" in form_with_errors.content
        pages[f"{language}-form-with-errors"] = form_with_errors.content.decode()
    return pages


def test_every_public_page_passes_the_nu_html_checker_in_every_language(
    client, open_course, goteborg, tmp_path
):
    registration = registration_create(
        course_id=open_course.pk, municipality=goteborg, **parent(language="ar")
    )
    pages = public_pages(client, open_course, registration)
    files = []
    for name, html in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(path)

    errors = run_vnu(files)

    assert len(files) == 6 * 9
    assert errors == [], "\n".join(f"{name}:{line}: {message}" for name, line, message in errors)


def test_the_checker_does_report_an_invalid_page(tmp_path):
    """The check above can fail: the `tel:` link with spaces that every page carried before,
    and an id used twice, are both reported."""
    page = tmp_path / "broken.html"
    page.write_text(
        '<!DOCTYPE html><html lang="sv"><head><title>x</title></head><body>'
        '<p id="a"><a href="tel:031-367 91 64">031-367 91 64</a></p><p id="a"></p></body></html>',
        encoding="utf-8",
    )

    messages = [message for _name, _line, message in run_vnu([page])]

    assert any("tel:" in message or "href" in message for message in messages), messages
    assert any("Duplicate ID" in message for message in messages), messages


def test_without_java_the_check_fails_and_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(shutil, "which", lambda name: None)

    with pytest.raises(pytest.fail.Exception, match="default-jre-headless"):
        run_vnu([tmp_path / "page.html"])
