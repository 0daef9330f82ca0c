"""The demo's thirty courses (seed 001: twenty in Göteborg, ten local), dated around today.

Into an empty programme the courses go planned around the day seed_demo runs: finished ones
with attendance, one per language running this week (the demo leader's meets today), some open
for registration and some drafts. Loaded again on a later day, the courses stay as they are and
only what keeps the demo alive is added: courses open for registration when none is, and a
meeting today for the demo leader.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from courses.models import Course, Meeting, Programme
from courses.scheduling import closed_days
from courses.services import course_dates_refresh, course_save
from demo import content
from demo.seed.people import DEMO_LEADER, LEADERS
from demo.seed.places import IC
from equalcity.models import CourseLanguage, Organisation, User, Venue
from participants.selectors.registrations import public_courses, registration_closed_reason

FINISHED, RUNNING, OPEN, DRAFT = "finished", "running", "open", "draft"

# Role, weekday, start time and weeks from this week's Monday for the four Göteborg courses of
# each language. The running course asks for today's weekday three weeks ago (a day later for
# each further language), so that the demo leader's meets today whenever today is open.
GOTEBORG_PLAN = [
    (FINISHED, 0, dt.time(9, 30), -16),
    (RUNNING, None, dt.time(13, 0), -3),
    (OPEN, 2, dt.time(17, 30), 2),
    (DRAFT, 3, dt.time(9, 30), 14),
]
GOTEBORG_VENUES = ["angered", "hjallbo", "centrum", "angered"]
# Two local courses per language, in the order of LEADERS.
LOCAL_PLAN = [
    ("molndal", FINISHED, 1, dt.time(17, 30), -12),
    ("partille", OPEN, 3, dt.time(13, 0), 4),
    ("lerum", FINISHED, 0, dt.time(17, 30), -10),
    ("kungalv", OPEN, 2, dt.time(9, 30), 5),
    ("harryda", FINISHED, 1, dt.time(13, 0), -14),
    ("stenungsund", OPEN, 3, dt.time(17, 30), 6),
    ("lilla-edet", FINISHED, 0, dt.time(13, 0), -11),
    ("ockero", OPEN, 2, dt.time(17, 30), 3),
    ("molndal", FINISHED, 3, dt.time(9, 30), -13),
    ("partille", OPEN, 1, dt.time(17, 30), 7),
]
# Shown to parents and staff beside the meeting the demo brings to today.
MOVED_TO_TODAY = "Flyttad till i dag i demon, så att kursledaren kan ta närvaro direkt."


@dataclass(frozen=True)
class Slot:
    role: str
    language: str
    municipality: str
    venue: str
    organiser: str
    eligibility: str
    start: dt.time
    wished: dt.date  # the first date asked for; the scheduler passes over closed days


def plan(today: dt.date) -> list[Slot]:
    monday = today - dt.timedelta(days=today.weekday())
    slots = []
    for index, code in enumerate(LEADERS):
        for number, (role, weekday, start, weeks) in enumerate(GOTEBORG_PLAN):
            if role == RUNNING:
                wished = today - dt.timedelta(weeks=3) + dt.timedelta(days=index)
            else:
                spread = {FINISHED: -index, OPEN: index, DRAFT: index}[role]
                wished = monday + dt.timedelta(weeks=weeks + spread, days=weekday)
            slots.append(
                Slot(role, code, "goteborg", GOTEBORG_VENUES[number], IC, "region", start, wished)
            )
        for municipality, role, weekday, start, weeks in LOCAL_PLAN[index * 2 : index * 2 + 2]:
            wished = monday + dt.timedelta(weeks=weeks, days=weekday)
            slots.append(
                Slot(
                    role,
                    code,
                    municipality,
                    municipality,
                    municipality,
                    "municipality",
                    start,
                    wished,
                )
            )
    return slots


def courses_seed(
    *,
    programme: Programme,
    orgs: dict[str, Organisation],
    languages: dict[str, CourseLanguage],
    venues: dict[str, Venue],
    users: dict[str, User],
    today: dt.date,
) -> int:
    """Create the courses the demo lacks today; returns how many."""
    slots = plan(today)
    if programme.courses.exists():
        _statuses_refresh(programme, today)
        slots = _missing_for_a_live_demo(slots, today)
    created, running = 0, None
    for slot in slots:
        course, new = _course_get_or_create(
            slot=slot,
            programme=programme,
            orgs=orgs,
            language=languages[slot.language],
            venue=venues[slot.venue],
            leader=users[LEADERS[slot.language]],
            today=today,
        )
        created += new
        if slot.role == RUNNING and LEADERS[slot.language] == DEMO_LEADER:
            running = course
    leader_meeting_today(today=today, running=running)
    return created


def _missing_for_a_live_demo(slots: list[Slot], today: dt.date) -> list[Slot]:
    """On a later day: the courses to add so that parents can register in every language and
    the demo leader has a course that meets."""
    open_in = {
        course.language.code
        for course in public_courses()
        if registration_closed_reason(course=course) is None
    }
    missing = [slot for slot in slots if slot.role == OPEN and slot.language not in open_in]
    if _leader_meeting_to_bring(today) is None:
        missing += [
            slot for slot in slots if slot.role == RUNNING and LEADERS[slot.language] == DEMO_LEADER
        ]
    return missing


def _course_get_or_create(
    *, slot, programme, orgs, language, venue, leader, today
) -> tuple[Course, bool]:
    municipality = orgs[slot.municipality]
    first_date = _first_open_day(municipality=municipality, wished=slot.wished)
    key = {
        "programme": programme,
        "language": language,
        "municipality": municipality,
        "first_date": first_date,
    }
    existing = Course.objects.filter(**key).first()
    if existing:
        return existing, False
    opens = first_date - dt.timedelta(weeks=12)
    if slot.role == OPEN:
        # Open now, also for a course that the summer break pushes past twelve weeks ahead.
        opens = min(opens, today)
    course = Course(
        **key,
        organiser=orgs[slot.organiser],
        venue=venue,
        start_time=slot.start,
        eligibility=slot.eligibility,
        capacity=15 if slot.municipality == "goteborg" else 12,
        registration_opens=opens,
        registration_closes=first_date - dt.timedelta(days=3),
        **{f"title_{lang}": text for lang, text in content.PROGRAMME_NAME.items()},
    )
    course_save(course=course, leaders=[leader])
    _status_refresh(course, today)
    return course, True


def _first_open_day(*, municipality: Organisation, wished: dt.date) -> dt.date:
    """The first date the course can meet, as the scheduler lays meetings out: the wished
    weekday, a week later for as long as it is closed (a summer break is ten weeks)."""
    closed = closed_days(
        municipality_id=municipality.pk, first=wished, last=wished + dt.timedelta(weeks=12)
    )
    day = wished
    while day in closed:
        day += dt.timedelta(weeks=1)
    return day


def _status_refresh(course: Course, today: dt.date) -> None:
    course.status = status_for(course, today)
    course.save(update_fields=["status"])


def _statuses_refresh(programme: Programme, today: dt.date) -> None:
    """A demo loaded on an earlier day: its courses have begun or finished since."""
    courses = programme.courses.exclude(status__in=[Course.Status.CANCELLED, Course.Status.FULL])
    for course in courses:
        if course.status != status_for(course, today):
            _status_refresh(course, today)


def status_for(course: Course, today: dt.date) -> str:
    meetings = list(
        course.meetings.filter(status=Meeting.Status.SCHEDULED).values_list("starts_at", flat=True)
    )
    if timezone.localtime(max(meetings)).date() < today:
        return Course.Status.FINISHED
    if timezone.localtime(min(meetings)).date() <= today:
        return Course.Status.RUNNING
    if course.registration_opens <= today:
        return Course.Status.OPEN
    return Course.Status.DRAFT


def _leader_meetings():
    leader = User.objects.get(email=DEMO_LEADER)
    return Meeting.objects.filter(course__leaders=leader, status=Meeting.Status.SCHEDULED)


def _leader_meeting_to_bring(today: dt.date) -> Meeting | None:
    """The demo leader's meeting today, or the next one of a course that has begun."""
    meetings = _leader_meetings().select_related("course")
    found = meetings.filter(starts_at__date=today).first()
    if found:
        return found
    start_of_today = timezone.make_aware(dt.datetime.combine(today, dt.time()))
    return (
        meetings.filter(starts_at__gte=start_of_today, course__first_meeting_at__lt=start_of_today)
        .order_by("starts_at")
        .first()
    )


def leader_meeting_today(*, today: dt.date, running: Course | None = None) -> Meeting:
    """A meeting today for the demo leader, so that attendance can be taken at once.

    The running course meets today whenever today is open. On a public holiday, in a school
    break, or on a later day for a demo loaded earlier, its next meeting is brought to today.
    That is written directly: the move service rightly refuses a holiday or an hour already
    past, and no message goes to the demo's parents about it.
    """
    meeting = _leader_meeting_to_bring(today)
    if meeting is None:
        # No course has begun (a summer day): the running course begins today, or else the
        # leader's next course.
        ahead = _leader_meetings().filter(starts_at__date__gt=today).order_by("starts_at")
        meeting = (running and ahead.filter(course=running).first()) or ahead.first()
    if timezone.localtime(meeting.starts_at).date() == today:
        return meeting
    length = meeting.ends_at - meeting.starts_at
    starts_at = timezone.make_aware(
        dt.datetime.combine(today, timezone.localtime(meeting.starts_at).time())
    )
    meeting.moved_from = meeting.moved_from or meeting.starts_at
    meeting.starts_at, meeting.ends_at = starts_at, starts_at + length
    meeting.change_reason = MOVED_TO_TODAY
    meeting.full_clean()
    meeting.save()
    course_dates_refresh(course=meeting.course)
    _status_refresh(meeting.course, today)
    return meeting
