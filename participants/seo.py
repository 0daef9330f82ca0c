"""What search engines read about a course: a description, and schema.org data.

A parent who searches in Arabic, Dari, Somali or Tigrinya for a parenting course in their town
is shown the page's title and meta description; the schema.org `Course` tells the search engine
where and when the course is held, in which language, and that it is free. Both are written in
the page's language (call them inside it).
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Course
from courses.selectors import with_themes
from equalcity.i18n import local_date, local_number
from equalcity.phones import phone_e164

SCHEMA = "https://schema.org"


def _facts(course: Course) -> dict:
    return {
        "title": course.title,
        "language": course.language.name,
        "place": course.venue.name,
        "city": course.venue.city,
        "date": local_date(course.first_meeting),
    }


def course_description(course: Course) -> str:
    """The meta description of a course page, built from the course."""
    return _(
        "%(title)s, in %(language)s. %(place)s, %(city)s. "
        "First meeting on %(date)s. Free of charge."
    ) % _facts(course)


def registration_form_description(course: Course) -> str:
    """The meta description of a course's registration form."""
    return _(
        "Register for %(title)s, in %(language)s. %(place)s, %(city)s. "
        "First meeting on %(date)s. Free of charge, no account needed."
    ) % _facts(course)


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _local_iso(value) -> str:
    return timezone.localtime(value).isoformat()


def _organisation(organisation) -> dict:
    data = {"@type": "Organization", "name": organisation.name}
    if telephone := phone_e164(organisation.phone):
        data["telephone"] = telephone
    if organisation.email:
        data["email"] = organisation.email
    return data


def _place(venue) -> dict:
    return {
        "@type": "Place",
        "name": venue.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": venue.street_address,
            "postalCode": venue.postal_code,
            "addressLocality": venue.city,
            "addressCountry": "SE",
        },
    }


def _meeting(meeting, place) -> dict:
    name = _("Meeting %(number)s") % {"number": local_number(meeting.number)}
    if getattr(meeting, "theme_title", ""):
        name = f"{name}: {meeting.theme_title}"
    if meeting.is_cancelled:
        status = "EventCancelled"
    elif meeting.moved_from:
        status = "EventRescheduled"
    else:
        status = "EventScheduled"
    return {
        "@type": "Event",
        "name": name,
        "startDate": _local_iso(meeting.starts_at),
        "endDate": _local_iso(meeting.ends_at),
        "eventStatus": f"{SCHEMA}/{status}",
        "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
        "location": place,
    }


def course_structured_data(course: Course) -> dict:
    """The course as a schema.org `Course` with one `CourseInstance`, its meetings as events.

    `course` comes from `public_course_get` (meetings prefetched in order, seats counted).
    """
    meetings = with_themes(course.meetings.all(), course.programme)
    held = [meeting for meeting in meetings if not meeting.is_cancelled] or meetings
    page_url = _absolute(reverse("participants:course", args=[course.pk]))
    place = _place(course.venue)
    organiser = _organisation(course.organiser)
    offer = {
        "@type": "Offer",
        "category": "Free",
        "price": 0,
        "priceCurrency": "SEK",
        "url": _absolute(reverse("participants:register", args=[course.pk])),
        "validFrom": course.registration_opens.isoformat(),
        "availability": f"{SCHEMA}/{'InStock' if course.seats_left else 'SoldOut'}",
    }
    instance = {
        "@type": "CourseInstance",
        "name": course.title,
        "courseMode": "onsite",
        "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
        "inLanguage": course.language.code,
        "location": place,
        "organizer": organiser,
        "isAccessibleForFree": True,
        "offers": offer,
        "maximumAttendeeCapacity": course.capacity,
        "courseSchedule": {
            "@type": "Schedule",
            "repeatFrequency": "P1W",
            "repeatCount": len(held),
            "duration": f"PT{course.programme.meeting_minutes}M",
            "scheduleTimezone": settings.TIME_ZONE,
        },
        "subEvent": [_meeting(meeting, place) for meeting in meetings],
    }
    if held:
        instance["startDate"] = _local_iso(min(m.starts_at for m in held))
        instance["endDate"] = _local_iso(max(m.ends_at for m in held))
        instance["courseSchedule"]["startDate"] = instance["startDate"][:10]
        instance["courseSchedule"]["endDate"] = instance["endDate"][:10]
    return {
        "@context": SCHEMA,
        "@type": "Course",
        "@id": f"{page_url}#course",
        "url": page_url,
        "name": course.title,
        "description": course.description or course_description(course),
        "inLanguage": course.language.code,
        "provider": organiser,
        "isAccessibleForFree": True,
        "offers": offer,
        "hasCourseInstance": [instance],
    }
