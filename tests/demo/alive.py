"""What a newcomer finds in the demo on any day, read the way the pages read it."""

from django.utils import timezone

from demo.seed.people import DEMO_LEADER
from equalcity.models import CourseLanguage, User
from participants.models import Attendance
from participants.selectors.attendance import todays_meetings
from participants.selectors.registrations import public_courses, registration_closed_reason
from trainings.models import TrainingDay


def languages_open_for_registration() -> set[str]:
    """The course languages in which a parent can register today."""
    return {
        course.language.code
        for course in public_courses()
        if registration_closed_reason(course=course) is None
        and course.meetings.filter(starts_at__gt=timezone.now()).count() == 7
    }


def every_course_language() -> set[str]:
    return set(CourseLanguage.objects.values_list("code", flat=True))


def leaders_meetings_today():
    return list(todays_meetings(user=User.objects.get(email=DEMO_LEADER)))


def unmarked_parents(meeting) -> int:
    """Parents registered for the meeting's course whom nobody has marked for it yet."""
    registrations = meeting.course.registrations.filter(status="confirmed")
    marked = Attendance.objects.filter(meeting=meeting).values("registration")
    return registrations.exclude(pk__in=marked).count()


def training_days_open_ahead(*, weeks: int = 6) -> list[TrainingDay]:
    today = timezone.localdate()
    return [
        day
        for day in TrainingDay.objects.filter(kind=TrainingDay.Kind.REGIONAL)
        if day.open_for_registration and today < day.date <= today + timezone.timedelta(weeks=weeks)
    ]
