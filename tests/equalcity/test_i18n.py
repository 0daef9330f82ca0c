import re

import pytest
from django.urls import reverse
from django.utils import translation

ETHIOPIC = re.compile(r"[\u1200-\u137F]")
ARABIC = re.compile(r"[\u0600-\u06FF]")


def html_tag(response):
    return re.search(r"<html [^>]*>", response.content.decode()).group(0)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "direction", "script"),
    [("ar", "rtl", ARABIC), ("fa-af", "rtl", ARABIC), ("ti", "ltr", ETHIOPIC)],
)
def test_pages_carry_the_language_and_its_direction(client, language, direction, script):
    with translation.override(language):
        url = reverse("home")

    response = client.get(url)

    assert url.startswith(f"/{language}/")
    assert html_tag(response) == f'<html lang="{language}" dir="{direction}">'
    main = re.search(r"<main.*</main>", response.content.decode(), re.S).group(0)
    assert script.search(main), "the page body is written in the language's own script"


@pytest.mark.django_db
def test_swedish_is_the_default_and_reads_left_to_right(client):
    response = client.get("/sv/")

    assert html_tag(response) == '<html lang="sv" dir="ltr">'
    assert "Förälder i nytt land" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "prefix"),
    [
        ("fa-AF,fa;q=0.9", "/fa-af/"),
        ("fa", "/fa-af/"),
        ("ti-ER", "/ti/"),
        ("so", "/so/"),
        ("ar-SY,ar;q=0.8", "/ar/"),
        ("de-DE", "/sv/"),
    ],
)
def test_the_browser_language_chooses_the_page_language(client, accept, prefix):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)

    assert response.status_code == 302
    assert response["Location"] == prefix


@pytest.mark.django_db
def test_every_page_offers_every_language_in_its_own_name_and_script(client):
    html = client.get("/ti/").content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)

    for code, name in [
        ("sv", "Svenska"),
        ("en", "English"),
        ("ar", "العربية"),
        ("fa-af", "دری"),
        ("so", "Soomaali"),
        ("ti", "ትግርኛ"),
    ]:
        assert re.search(rf'<a href="/{code}/" lang="{code}"[^>]*>{name}</a>', switcher), code
    assert 'aria-current="true">ትግርኛ' in switcher


@pytest.mark.django_db
def test_a_shared_link_opens_in_its_language_whatever_the_browser_says(client):
    response = client.get("/so/", HTTP_ACCEPT_LANGUAGE="sv")

    assert html_tag(response) == '<html lang="so" dir="ltr">'


def test_dates_are_written_in_the_language_of_the_page():
    import datetime as dt

    from equalcity.i18n import local_date

    day = dt.date(2027, 2, 3)
    written = {}
    for language in ("sv", "en", "ar", "fa-af", "so", "ti"):
        with translation.override(language):
            written[language] = local_date(day)

    assert written["sv"] == "3 februari 2027"
    assert written["en"] == "3 February 2027"
    assert written["ar"] == "٣ فبراير ٢٠٢٧" and written["fa-af"] == "۳ فبروری ۲۰۲۷"
    assert ETHIOPIC.search(written["ti"])
    assert ARABIC.search(written["ar"]) and ARABIC.search(written["fa-af"])
    assert "Febraayo" in written["so"]
