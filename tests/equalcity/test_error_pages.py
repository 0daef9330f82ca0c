"""Error pages speak the language of the page asked for, read in its direction, and lead back."""

import re

import pytest
from django.test import Client, RequestFactory
from django.utils import translation
from django.utils.translation import trans_real
from django_ratelimit.exceptions import Ratelimited

from equalcity.errors import permission_denied, server_error
from equalcity.models import Role
from tests.factories import UserFactory
from tests.two_step import TwoStepClient

ETHIOPIC = re.compile(r"[\u1200-\u137F]")
ARABIC = re.compile(r"[\u0600-\u06FF]")
LANGUAGES = [("sv", "ltr"), ("ar", "rtl"), ("ti", "ltr")]
# The heading of each page in Swedish, the base language; Arabic and Tigrinya are checked by
# their script.
SWEDISH = {
    400: "Det som skickades kunde inte läsas",
    403: "Ingen behörighet",
    404: "Sidan hittades inte",
    429: "För många försök",
    500: "Något gick fel",
}


def page(response):
    html = response.content.decode()
    return {
        "html": re.search(r"<html [^>]*>", html).group(0),
        "h1": re.search(r"<h1>(.*?)</h1>", html, re.S).group(1),
        "p": re.search(r"<h1>.*?</h1>\s*<p>(.*?)</p>", html, re.S).group(1),
        "links": re.findall(r'<a href="([^"]+)"', html),
    }


def assert_in_language(response, language, direction, status):
    assert response.status_code == status
    shown = page(response)
    assert shown["html"] == f'<html lang="{language}" dir="{direction}">'
    if language == "sv":
        assert shown["h1"] == SWEDISH[status]
    else:
        script = ARABIC if language == "ar" else ETHIOPIC
        assert script.search(shown["h1"]), "the heading is in the page's language"
        assert script.search(shown["p"]), "so is the sentence under it"
    assert f"/{language}/" in shown["links"], "a way back to the start page in that language"
    return shown


def bogus_charset_post(client, path, charset="latin-1"):
    """A form POST whose body claims an encoding Django does not accept for forms."""
    return client.generic(
        "POST",
        path,
        b"first_name=%E5&last_name=\xe5\xff",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "direction"), LANGUAGES)
def test_an_unknown_page_answers_404_in_the_language_of_its_prefix(language, direction):
    response = Client().get(f"/{language}/no-such-page/")

    assert_in_language(response, language, direction, 404)


ALL_SIX = [
    ("sv", "ltr"),
    ("en", "ltr"),
    ("ar", "rtl"),
    ("fa-af", "rtl"),
    ("so", "ltr"),
    ("ti", "ltr"),
]
ENGLISH = {404: "Page not found", 500: "Something went wrong"}


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "direction"), ALL_SIX)
def test_404_and_500_exist_in_all_six_languages(monkeypatch, language, direction):
    not_found = Client().get(f"/{language}/no-such-page/")
    monkeypatch.setattr("participants.views.CourseSearchForm", boom)
    fault = Client(raise_request_exception=False).get(f"/{language}/")

    for response, status in ((not_found, 404), (fault, 500)):
        assert response.status_code == status
        shown = page(response)
        assert shown["html"] == f'<html lang="{language}" dir="{direction}">'
        assert (shown["h1"] == ENGLISH[status]) == (language == "en"), "translated"
        assert f"/{language}/" in shown["links"]


@pytest.mark.django_db
def test_an_unknown_page_under_the_dari_prefix_is_in_dari_right_to_left():
    response = Client().get("/fa-af/courses/no-such-page/")

    assert response.status_code == 404
    shown = page(response)
    assert shown["html"] == '<html lang="fa-af" dir="rtl">'
    assert ARABIC.search(shown["h1"])
    assert "/fa-af/" in shown["links"]
    # The language switcher leads to the same address in another language, not to this one.
    assert "/sv/courses/no-such-page/" in shown["links"]


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "direction"), LANGUAGES)
@pytest.mark.parametrize("charset", ["latin-1", "utf-16", "x-bogus-charset", "rot13"])
def test_a_registration_posted_in_an_encoding_we_do_not_read_answers_400(
    open_course, language, direction, charset
):
    client = Client(raise_request_exception=False)

    response = bogus_charset_post(
        client, f"/{language}/courses/{open_course.pk}/register/", charset
    )

    if charset == "x-bogus-charset":
        # Django ignores a charset it does not know and reads the form as UTF-8: the form
        # answers with its own errors.
        assert response.status_code == 200
    else:
        assert_in_language(response, language, direction, 400)


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "direction"), LANGUAGES)
def test_the_400_page_holds_when_the_csrf_check_reads_the_undecodable_form(
    open_course, language, direction
):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.get(f"/{language}/courses/{open_course.pk}/register/")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value

    response = client.generic(
        "POST",
        f"/{language}/courses/{open_course.pk}/register/",
        b"csrfmiddlewaretoken=" + token.encode() + b"&first_name=\xe5",
        content_type="application/x-www-form-urlencoded; charset=utf-16",
    )

    assert_in_language(response, language, direction, 400)


@pytest.mark.django_db
def test_an_undecodable_form_posted_to_an_unknown_address_answers_404():
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies["csrftoken"] = "a" * 32  # a CSRF check that gets as far as reading the form

    response = bogus_charset_post(client, "/ti/no-such-form/")

    assert_in_language(response, "ti", "ltr", 404)


@pytest.mark.django_db
def test_a_staff_form_posted_in_an_encoding_we_do_not_read_answers_400_with_a_way_back(
    regional_coordinator,
):
    client = TwoStepClient(raise_request_exception=False)
    client.force_login(regional_coordinator)

    response = bogus_charset_post(client, "/ar/staff/invite/")

    shown = assert_in_language(response, "ar", "rtl", 400)
    assert "/ar/staff/" in shown["links"], "staff are led back to their own start page"


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "direction"), LANGUAGES)
def test_a_page_someone_may_not_see_answers_403_in_its_language(molndal, language, direction):
    staff = UserFactory(role=(Role.Kind.MUNICIPAL_STAFF, molndal))
    client = TwoStepClient()
    client.force_login(staff)

    response = client.get(f"/{language}/staff/invite/")

    shown = assert_in_language(response, language, direction, 403)
    assert f"/{language}/staff/" in shown["links"]


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "direction"), [*LANGUAGES, ("fa-af", "rtl")])
def test_a_form_sent_without_its_security_token_is_explained_in_the_page_language(
    language, direction
):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        f"/{language}/accounts/login/", {"login": "a@example.se", "password": "x"}
    )

    assert response.status_code == 403
    shown = page(response)
    assert shown["html"] == f'<html lang="{language}" dir="{direction}">'
    assert "CSRF" not in response.content.decode(), "not Django's technical English page"
    if language == "sv":
        assert shown["h1"] == "Formuläret kunde inte skickas"
    elif language == "ti":
        assert ETHIOPIC.search(shown["h1"]) and ETHIOPIC.search(shown["p"])
    else:
        assert ARABIC.search(shown["h1"]) and ARABIC.search(shown["p"])
    assert f"/{language}/" in shown["links"]


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "direction"), LANGUAGES)
def test_too_many_login_attempts_answer_429_in_the_page_language(settings, language, direction):
    settings.ACCOUNT_RATE_LIMITS = {"login": "1/m/ip"}
    client = Client()
    client.post(f"/{language}/accounts/login/", {"login": "a@example.se", "password": "x"})

    response = client.post(
        f"/{language}/accounts/login/", {"login": "a@example.se", "password": "x"}
    )

    assert_in_language(response, language, direction, 429)


@pytest.mark.django_db
def test_a_rate_limit_that_escapes_a_view_answers_429_not_403():
    with translation.override("ar"):
        response = permission_denied(RequestFactory().get("/ar/courses/"), Ratelimited())

    assert response.status_code == 429
    assert ARABIC.search(page(response)["h1"])


def boom(*args, **kwargs):
    raise RuntimeError("a fault in the start page")


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "direction"), LANGUAGES)
def test_a_fault_answers_500_in_the_language_of_the_address(monkeypatch, language, direction):
    monkeypatch.setattr("participants.views.CourseSearchForm", boom)

    response = Client(raise_request_exception=False).get(f"/{language}/")

    shown = assert_in_language(response, language, direction, 500)
    assert f"/{language}/staff/" not in shown["links"], "a parent is not shown the staff pages"


def test_the_500_page_needs_no_database():
    """Not marked django_db: any query would fail the test."""
    response = server_error(RequestFactory().get("/ti/staff/courses/"))

    shown = assert_in_language(response, "ti", "ltr", 500)
    assert "/ti/staff/" in shown["links"], "staff are led back to their start page"


def test_the_500_page_falls_back_to_swedish_outside_a_language_prefix():
    response = server_error(RequestFactory().get("/webhooks/46elks/x/"))

    assert_in_language(response, "sv", "ltr", 500)


def exploding_context_processor(request):
    raise RuntimeError("a context processor that fails")


def test_the_500_page_does_not_depend_on_context_processors(settings):
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {
                "context_processors": [f"{__name__}.exploding_context_processor"],
            },
        }
    ]

    response = server_error(RequestFactory().get("/ar/"))

    assert_in_language(response, "ar", "rtl", 500)


@pytest.fixture
def broken_arabic_catalogue(settings, tmp_path):
    """An Arabic catalogue that gettext cannot read, found before ours."""
    folder = tmp_path / "locale" / "ar" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.mo").write_bytes(b"not a catalogue at all")
    settings.LOCALE_PATHS = [tmp_path / "locale", *settings.LOCALE_PATHS]
    trans_real._translations = {}
    yield
    trans_real._translations = {}


def test_the_500_page_holds_when_the_catalogue_is_broken(broken_arabic_catalogue):
    response = server_error(RequestFactory().get("/ar/courses/"))

    assert response.status_code == 500
    shown = page(response)
    assert shown["html"] == '<html lang="ar" dir="rtl">'
    assert shown["h1"] == "حدث خطأ ما", "the fixed page, the page's own language first"
    assert "/ar/" in shown["links"]


@pytest.mark.django_db
def test_the_registration_forms_own_429_keeps_what_the_parent_typed(settings, open_course):
    """A shared phone at an intercultural centre may register many parents: when the limit is
    reached the form says so in the page's language and keeps the answers, rather than
    replacing them with the bare 429 page."""
    settings.REGISTRATION_RATE_LIMIT = "1/m"
    client = Client()
    path = f"/ar/courses/{open_course.pk}/register/"
    client.post(path, {"first_name": "Amal"})

    response = client.post(path, {"first_name": "Layla"})

    assert response.status_code == 429
    html = response.content.decode()
    assert re.search(r"<html [^>]*>", html).group(0) == '<html lang="ar" dir="rtl">'
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert ARABIC.search(summary)
    assert 'value="Layla"' in html
