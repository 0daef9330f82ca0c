"""A course's meetings as an iCalendar file the parent adds to their phone's calendar."""

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from courses.models import Meeting


def registration_calendar(*, registration, site_url: str) -> bytes:
    """Every meeting of the registration's course, in the parent's language.

    Each event keeps one UID for good, so a moved or cancelled meeting updates the parent's
    calendar when the file is downloaded again instead of adding a second entry.
    """
    course = registration.course
    calendar = Calendar()
    calendar.add("prodid", "-//Equalcity//Parent in a new country//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", course.title)
    host = site_url.split("//")[-1].split("/")[0]
    for meeting in course.meetings.order_by("number"):
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("dtstamp", timezone.now())
        # Calendars apply an update only when the sequence grows: a change bumps it.
        event.add("sequence", int(meeting.changed_at.timestamp()) if meeting.changed_at else 0)
        event.add("dtstart", timezone.localtime(meeting.starts_at))
        event.add("dtend", timezone.localtime(meeting.ends_at))
        event.add(
            "summary",
            _("%(course)s – meeting %(number)s")
            % {"course": course.title, "number": meeting.number},
        )
        event.add("location", f"{course.venue.name}, {course.venue.address}")
        if course.venue.directions:
            event.add("description", course.venue.directions)
        if meeting.status == Meeting.Status.CANCELLED:
            event.add("status", "CANCELLED")
        else:
            event.add("status", "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()
