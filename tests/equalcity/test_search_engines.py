"""Search engines find the public pages in every language, and nothing else.

Each public page names its canonical address and its address in every language (absolute, on
SITE_URL, with an x-default: the Swedish page); staff pages and personal links ask not to be
indexed; robots.txt and the sitemap say the same.
"""

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from equalcity.models import Role
from participants.selectors.registrations import registration_token
from participants.services import registration_create
from tests.factories import CourseFactory, UserFactory
from tests.participants.conftest import parent

pytestmark = pytest.mark.django_db
SITE = "https://equalcity.example.se"
LANGUAGES = ["sv", "en", "ar", "fa-af", "so", "ti"]
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def head(response):
    html = response.content.decode()
    return html[: html.index("</head>")]


def alternates(response):
    return dict(
        re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', head(response))
    )


def meta_description(response):
    return re.search(r'<meta name="description" content="([^"]*)">', head(response)).group(1)


def public_urls(course):
    return {
        "start": "/ar/",
        "catalogue": "/ar/courses/",
        "course": f"/ar/courses/{course.pk}/",
        "form": f"/ar/courses/{course.pk}/register/",
        "privacy": "/ar/privacy/",
        "accessibility": "/ar/accessibility/",
    }


def test_public_pages_name_their_address_in_every_language_absolutely(client, open_course):
    for name, url in public_urls(open_course).items():
        response = client.get(url)

        path = url.removeprefix("/ar")
        assert alternates(response) == {
            **{code: f"{SITE}/{code}{path}" for code in LANGUAGES},
            "x-default": f"{SITE}/sv{path}",
        }, name
        assert f'<link rel="canonical" href="{SITE}{url}">' in head(response), name
        assert "noindex" not in head(response), name


def test_the_canonical_address_leaves_out_the_search_words(client, open_course, goteborg):
    response = client.get(f"/so/courses/?municipality={goteborg.pk}")

    assert f'<link rel="canonical" href="{SITE}/so/courses/">' in head(response)
    assert alternates(response)["ti"] == f"{SITE}/ti/courses/"


def test_each_public_page_describes_what_it_offers_in_its_own_words(client, open_course):
    descriptions = {
        name: meta_description(client.get(url)) for name, url in public_urls(open_course).items()
    }

    assert all(descriptions.values()), descriptions
    assert len(set(descriptions.values())) == len(descriptions), "each page has its own"


def test_the_swedish_start_page_is_described_in_swedish(client):
    """Passes once the lead has merged this branch's translations into the catalogues."""
    description = meta_description(client.get("/sv/"))

    assert "föräldrar" in description and "arabiska" in description, description


def test_personal_links_and_staff_pages_ask_not_to_be_indexed(client, open_course, goteborg):
    registration = registration_create(course_id=open_course.pk, municipality=goteborg, **parent())
    token = registration_token(registration)
    coordinator = UserFactory(role=(Role.Kind.MUNICIPAL_COORDINATOR, goteborg))
    for url in [f"/ti/r/{token}/?new=1", f"/ti/r/{token}/cancel/", "/sv/accounts/login/"]:
        response = client.get(url)
        assert '<meta name="robots" content="noindex">' in head(response), url
        assert "canonical" not in head(response) and not alternates(response), url
        assert meta_description(response), url

    client.force_login(coordinator)
    for url in ["/sv/staff/", f"/sv/staff/courses/{open_course.pk}/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<meta name="robots" content="noindex">' in head(response), url


def test_robots_txt_keeps_crawlers_to_the_public_pages_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ["/*/staff/", "/r/", "/*/r/", "/admin/", "/accounts/", "/*/accounts/"]:
        assert f"Disallow: {path}" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert "Disallow: /" not in lines


def test_the_sitemap_lists_every_public_page_and_open_course_in_every_language(
    client, open_course, goteborg
):
    today = timezone.localdate()
    draft = CourseFactory(municipality=goteborg, status="draft")
    started = CourseFactory(
        municipality=goteborg,
        registration_opens=today - dt.timedelta(days=60),
        first_date=today - dt.timedelta(days=14),
    )
    opens_later = CourseFactory(
        municipality=goteborg,
        registration_opens=today + dt.timedelta(days=7),
        registration_closes=today + dt.timedelta(days=30),
    )

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    urls = ET.fromstring(response.content).findall("s:url", SITEMAP)
    locations = {url.find("s:loc", SITEMAP).text for url in urls}
    for path in ["/", "/courses/", "/privacy/", "/accessibility/"]:
        assert {f"{SITE}/{code}{path}" for code in LANGUAGES} <= locations, path
    for course in (open_course, opens_later):
        assert {f"{SITE}/{code}/courses/{course.pk}/" for code in LANGUAGES} <= locations
    assert not any(
        f"/courses/{c.pk}/" in location for c in (draft, started) for location in locations
    )
    assert len(locations) == 6 * 6
    for url in urls:
        links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP)}
        swedish = links["sv"]
        assert set(links) == {*LANGUAGES, "x-default"}
        assert links["x-default"] == swedish and swedish.startswith(f"{SITE}/sv/")
    assert b"example.com" not in response.content
