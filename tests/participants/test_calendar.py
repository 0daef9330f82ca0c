import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from courses.models import Meeting, MeetingTheme
from demo.content import MEETING_THEMES
from participants.selectors.registrations import registration_token
from participants.services import registration_create
from tests.participants.conftest import parent

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def course(open_course):
    """Wednesdays at 17:30 from 1 October 2031; summer time ends on Sunday 26 October."""
    open_course.title_ti = "ወላዲ ኣብ ሓድሽ ሃገር"
    open_course.save()
    for number, theme in enumerate(MEETING_THEMES, start=1):
        MeetingTheme.objects.update_or_create(
            programme=open_course.programme,
            number=number,
            defaults={
                "title_sv": theme["sv"],
                "title_ti": theme["ti"],
                "parent_text_sv": "Ta gärna med en vän.",
                "parent_text_ti": "ምሳኹም ዓርኪ ከተምጽኡ ትኽእሉ ኢኹም።",
            },
        )
    for meeting in open_course.meetings.all():
        start = dt.datetime(2031, 10, 1, 17, 30, tzinfo=STOCKHOLM) + dt.timedelta(
            weeks=meeting.number - 1
        )
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=start, ends_at=start + dt.timedelta(minutes=150)
        )
    return open_course


def calendar_for(client, registration, language="sv"):
    with translation.override(language):
        url = reverse("participants:calendar", kwargs={"token": registration_token(registration)})
    response = client.get(url)
    assert response["Content-Type"].startswith("text/calendar")
    return response.content, Calendar.from_ical(response.content)


def test_the_calendar_carries_stockholms_time_zone_across_the_change_to_winter_time(
    client, course, goteborg
):
    registration = registration_create(course_id=course.pk, municipality=goteborg, **parent())

    raw, calendar = calendar_for(client, registration)

    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Stockholm"
    assert {part.name for part in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}
    assert b"DTSTART;TZID=Europe/Stockholm:20311022T173000" in raw
    assert b"DTSTART;TZID=Europe/Stockholm:20311029T173000" in raw
    # The file's own VTIMEZONE (not this machine's zone data) gives the right instants:
    own_rules = zone.to_tz()
    events = calendar.walk("VEVENT")
    starts = [event.decoded("dtstart") for event in events]
    local = [start.replace(tzinfo=own_rules) for start in starts]
    assert [start.astimezone(STOCKHOLM).strftime("%a %d %b %H:%M") for start in local] == [
        "Wed 01 Oct 17:30",
        "Wed 08 Oct 17:30",
        "Wed 15 Oct 17:30",
        "Wed 22 Oct 17:30",
        "Wed 29 Oct 17:30",
        "Wed 05 Nov 17:30",
        "Wed 12 Nov 17:30",
    ]
    assert [start.astimezone(dt.UTC).strftime("%H:%M") for start in local][3:5] == [
        "15:30",
        "16:30",
    ]
    assert [event.decoded("dtend") - event.decoded("dtstart") for event in events] == [
        dt.timedelta(minutes=150)
    ] * 7


def test_the_events_speak_the_parents_language_with_each_meetings_theme(client, course, goteborg):
    registration = registration_create(
        course_id=course.pk, municipality=goteborg, **parent(language="ti")
    )

    _raw, calendar = calendar_for(client, registration, language="sv")  # the link's language

    events = calendar.walk("VEVENT")
    third = events[2]
    assert str(calendar["X-WR-CALNAME"]) == "ወላዲ ኣብ ሓድሽ ሃገር"
    assert "ወላዲ ኣብ ሓድሽ ሃገር" in str(third["SUMMARY"])
    assert MEETING_THEMES[2]["ti"] in str(third["SUMMARY"])
    assert "3" in str(third["SUMMARY"])
    assert str(third["DESCRIPTION"]).startswith("ምሳኹም ዓርኪ ከተምጽኡ ትኽእሉ ኢኹም።")
    assert "Storgatan 1, 411 01 Göteborg" in str(third["LOCATION"])


def test_a_cancelled_meeting_stays_in_the_file_as_cancelled(client, course, goteborg):
    registration = registration_create(course_id=course.pk, municipality=goteborg, **parent())
    Meeting.objects.filter(course=course, number=4).update(
        status=Meeting.Status.CANCELLED, changed_at=timezone.now()
    )

    _raw, calendar = calendar_for(client, registration)

    statuses = [str(event["STATUS"]) for event in calendar.walk("VEVENT")]
    assert statuses == ["CONFIRMED"] * 3 + ["CANCELLED"] + ["CONFIRMED"] * 3
