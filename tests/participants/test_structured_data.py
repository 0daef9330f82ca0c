"""A course page tells search engines, in the page's language, what the course is: schema.org
`Course` data (where, when, in which language, free of charge) and a meta description."""

import json
import re

import pytest
from django.utils import timezone, translation

from courses.services import meeting_cancel
from equalcity.i18n import local_date
from tests.factories import CourseFactory, CourseLanguageFactory

pytestmark = pytest.mark.django_db
SITE = "https://equalcity.example.se"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def structured_data(response):
    return structured_data_from(response.content.decode())


def test_a_course_page_carries_the_course_its_meetings_place_and_language(
    client, open_course, integrationscentrum, tigrinya
):
    integrationscentrum.phone = "031-367 91 64"
    integrationscentrum.save()
    open_course.language = tigrinya
    open_course.title_ti = "ወላዲ ኣብ ሓዳሽ ሃገር"
    open_course.save()
    meetings = list(open_course.meetings.order_by("number"))

    data = structured_data(client.get(f"/ti/courses/{open_course.pk}/"))

    assert data["@context"] == "https://schema.org"
    assert (data["@type"], data["name"], data["inLanguage"]) == ("Course", "ወላዲ ኣብ ሓዳሽ ሃገር", "ti")
    assert data["url"] == f"{SITE}/ti/courses/{open_course.pk}/"
    assert data["provider"] == {
        "@type": "Organization",
        "name": "Integrationscentrum",
        "telephone": "+46313679164",
    }
    assert data["isAccessibleForFree"] is True
    assert data["offers"]["price"] == 0 and data["offers"]["category"] == "Free"
    assert data["offers"]["url"] == f"{SITE}/ti/courses/{open_course.pk}/register/"
    (instance,) = data["hasCourseInstance"]
    assert instance["@type"] == "CourseInstance"
    assert (instance["courseMode"], instance["inLanguage"]) == ("onsite", "ti")
    assert instance["location"]["@type"] == "Place"
    assert instance["location"]["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Storgatan 1",
        "postalCode": "411 01",
        "addressLocality": "Göteborg",
        "addressCountry": "SE",
    }
    assert instance["startDate"] == timezone.localtime(meetings[0].starts_at).isoformat()
    assert instance["endDate"] == timezone.localtime(meetings[-1].ends_at).isoformat()
    assert instance["courseSchedule"]["repeatCount"] == 7
    assert [event["startDate"] for event in instance["subEvent"]] == [
        timezone.localtime(meeting.starts_at).isoformat() for meeting in meetings
    ]
    assert [event["name"] for event in instance["subEvent"][:2]] == ["ርክብ 1", "ርክብ 2"]


def test_a_cancelled_meeting_is_marked_and_does_not_count_as_a_date(client, open_course):
    last = open_course.meetings.get(number=7)
    meeting_cancel(meeting=last, reason="Sjukdom")
    sixth = open_course.meetings.get(number=6)

    data = structured_data(client.get(f"/sv/courses/{open_course.pk}/"))

    (instance,) = data["hasCourseInstance"]
    assert instance["subEvent"][6]["eventStatus"] == "https://schema.org/EventCancelled"
    assert instance["subEvent"][5]["eventStatus"] == "https://schema.org/EventScheduled"
    assert instance["endDate"] == timezone.localtime(sixth.ends_at).isoformat()
    assert instance["courseSchedule"]["repeatCount"] == 6


def test_a_title_cannot_end_the_script_or_add_one(client, goteborg, integrationscentrum):
    title = '</script><script>alert("x")</script><!-- & '
    course = CourseFactory(municipality=goteborg, organiser=integrationscentrum, title_sv=title)

    html = client.get(f"/sv/courses/{course.pk}/").content.decode()

    assert html.count("<script") == 1 and html.count("</script>") == 1
    assert "<!--" not in html
    assert (
        '<meta name="description" content="&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)'
        in html
    )
    assert structured_data_from(html)["name"] == title


def structured_data_from(html):
    (data,) = JSON_LD.findall(html)
    return json.loads(data)


def test_the_meta_description_is_built_from_the_course(client, open_course):
    arabic = CourseLanguageFactory(code="ar")
    open_course.language = arabic
    open_course.save()
    response = client.get(f"/en/courses/{open_course.pk}/")

    description = re.search(
        r'<meta name="description" content="([^"]*)">', response.content.decode()
    )
    with translation.override("en"):
        date = local_date(open_course.meetings.get(number=1).starts_at)
    assert description.group(1) == (
        f"Parent in a new country, in Arabic. {open_course.venue.name}, Göteborg. "
        f"First meeting on {date}. Free of charge."
    )
