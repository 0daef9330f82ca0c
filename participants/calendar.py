"""A course's meetings as an iCalendar file the parent adds to their phone's calendar."""

import datetime as dt

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from courses.models import Meeting
from courses.selectors import with_themes
from equalcity.i18n import translated


def _summary(course_title: str, meeting) -> str:
    if meeting.theme_title:
        return _("%(course)s – meeting %(number)s: %(theme)s") % {
            "course": course_title,
            "number": meeting.number,
            "theme": meeting.theme_title,
        }
    return _("%(course)s – meeting %(number)s") % {"course": course_title, "number": meeting.number}


def registration_calendar(*, registration, site_url: str) -> bytes:
    """Every meeting of the registration's course, in the parent's language.

    Times are Swedish local time with their TZID, and the file carries the VTIMEZONE of
    Europe/Stockholm, so a phone set to another zone (or one that ignores TZIDs it is not told
    about) still shows a 17:30 meeting at 17:30 on both sides of the change to and from summer
    time. Each event keeps one UID for good, so a moved or cancelled meeting updates the
    parent's calendar when the file is downloaded again instead of adding a second entry.
    """
    course = registration.course
    calendar = Calendar()
    calendar.add("prodid", "-//Equalcity//Parent in a new country//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    host = site_url.split("//")[-1].split("/")[0]
    with translation.override(registration.language):
        title = translated(course, "title")
        calendar.add("x-wr-calname", title)
        location = f"{translated(course.venue, 'name')}, {course.venue.address}"
        directions = translated(course.venue, "directions")
        meetings = with_themes(course.meetings.order_by("number"), course.programme)
        for meeting in meetings:
            calendar.add_component(_event(meeting, title, location, directions, host))
    if meetings:
        # Only the rules around the course: the zone's whole history would weigh 20 kB.
        first = min(m.starts_at for m in meetings).date() - dt.timedelta(days=366)
        last = max(m.ends_at for m in meetings).date() + dt.timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


def _event(meeting, title, location, directions, host) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{host}")
    event.add("dtstamp", timezone.now())
    # Calendars apply an update only when the sequence grows: a change bumps it.
    event.add("sequence", int(meeting.changed_at.timestamp()) if meeting.changed_at else 0)
    event.add("dtstart", timezone.localtime(meeting.starts_at))
    event.add("dtend", timezone.localtime(meeting.ends_at))
    event.add("summary", _summary(title, meeting))
    event.add("location", location)
    description = "\n\n".join(text for text in (meeting.theme_note, directions) if text)
    if description:
        event.add("description", description)
    if meeting.status == Meeting.Status.CANCELLED:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    return event
