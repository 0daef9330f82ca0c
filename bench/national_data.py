"""The national data set of bench/national.py: all of Sweden on one installation.

At scale 1.0: 290 municipalities (all under one region, so that a regional coordinator sees
everything: the worst case), 5,000 courses of 7 meetings (35,000), 20 registrations per course
(100,000) and about 414,000 attendance marks on the meetings already held. Courses start between
about ten months ago and four months ahead, so that about two thirds of the meetings have been
held, a fifth of the courses are open for registration and the rest are running or finished.

Built on top of the demo programme (users, languages, themes, training days) with the project's
models and bulk inserts, then `courses_stored_counts_refresh()` sets the counters the pages read.
"""

import datetime as dt
import io

from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from courses.models import Course, Meeting, Programme
from courses.services import courses_stored_counts_refresh
from demo import content
from demo.seed.people import LEADERS
from equalcity.models import CourseLanguage, Organisation, User, Venue
from participants.models import Attendance, Registration

MUNICIPALITIES = 290
COURSES = 5_000
REGISTRATIONS_PER_COURSE = 20
CAPACITY = 18
# First meetings spread over this window around today (days): with weekly meetings about 66 %
# of the meetings lie in the past, which gives ~414,000 marks for 18 confirmed per course.
DAYS_BEFORE, DAYS_AFTER = 297, 123
# The course parents register for in the benchmark: room for every POST.
POST_CAPACITY = 30_000
MARKS = ["present", "present", "late", "present", "excused", "present", "absent"]
BATCH = 5_000


def sizes(scale: float) -> dict:
    return {
        "municipalities": max(13, round(MUNICIPALITIES * scale)),
        "courses": max(40, round(COURSES * scale)),
    }


def build(scale: float, log=print) -> None:
    """Migrate, load the demo programme, and add the national courses, people and marks."""
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0, stdout=io.StringIO())
    wanted = sizes(scale)
    with transaction.atomic():
        municipalities = _municipalities(wanted["municipalities"])
        log(f"  {len(municipalities)} municipalities")
        courses = _courses(municipalities, wanted["courses"] - Course.objects.count())
        log(f"  {Course.objects.count()} courses")
        meetings = _meetings(courses)
        log(f"  {Meeting.objects.count()} meetings")
        registrations = _registrations(courses, municipalities)
        log(f"  {Registration.objects.count()} registrations")
        _attendance(registrations, meetings)
        log(f"  {Attendance.objects.count()} attendance marks")
        courses_stored_counts_refresh()
    call_command("collectstatic", interactive=False, verbosity=0)


def _municipalities(total: int) -> list[Organisation]:
    region = Organisation.objects.get(slug="gr")
    existing = Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).count()
    Organisation.objects.bulk_create(
        Organisation(
            name=f"Kommun {number:03d}",
            slug=f"kommun-{number:03d}",
            kind=Organisation.Kind.MUNICIPALITY,
            parent=region,
            takes_part=True,
        )
        for number in range(existing + 1, total + 1)
    )
    municipalities = list(
        Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).order_by("pk")
    )
    have_venue = set(Venue.objects.values_list("municipality_id", flat=True))
    Venue.objects.bulk_create(
        Venue(
            name_sv=f"Familjecentralen {town.name}",
            street_address="Storgatan 1",
            sms_address="Storgatan 1",
            postal_code="123 45",
            city=town.name,
            municipality=town,
        )
        for town in municipalities
        if town.pk not in have_venue
    )
    return municipalities


def _status(first: dt.date, last: dt.date, opens: dt.date, today: dt.date) -> str:
    if last < today:
        return Course.Status.FINISHED
    if first <= today:
        return Course.Status.RUNNING
    return Course.Status.OPEN if opens <= today else Course.Status.DRAFT


def _courses(municipalities, count: int) -> list[Course]:
    programme = Programme.objects.get(slug="foralder-i-nytt-land")
    languages = list(CourseLanguage.objects.order_by("position"))
    venues = {venue.municipality_id: venue for venue in Venue.objects.order_by("-pk")}
    central = programme.central_municipality_id
    today = timezone.localdate()
    span = DAYS_BEFORE + DAYS_AFTER
    courses = []
    for index in range(count):
        town = municipalities[index % len(municipalities)]
        first = today - dt.timedelta(days=DAYS_BEFORE) + dt.timedelta(days=index * span // count)
        opens = first - dt.timedelta(weeks=12)
        courses.append(
            Course(
                programme=programme,
                language=languages[index % len(languages)],
                municipality=town,
                organiser=town,
                venue=venues[town.pk],
                eligibility="region" if town.pk == central else "municipality",
                capacity=CAPACITY,
                registration_opens=opens,
                registration_closes=first - dt.timedelta(days=3),
                first_date=first,
                start_time=dt.time(9 + index % 3 * 4, 30),
                status=_status(first, first + dt.timedelta(weeks=6), opens, today),
                **{f"title_{lang}": text for lang, text in content.PROGRAMME_NAME.items()},
            )
        )
    courses = Course.objects.bulk_create(courses, batch_size=BATCH)
    leaders = {user.email: user for user in User.objects.filter(email__in=list(LEADERS.values()))}
    codes = {language.pk: language.code for language in languages}
    Course.leaders.through.objects.bulk_create(
        (
            Course.leaders.through(course=course, user=leaders[LEADERS[codes[course.language_id]]])
            for course in courses
            if codes[course.language_id] in LEADERS
        ),
        batch_size=BATCH,
    )
    return courses


def _meetings(courses) -> dict[int, list[Meeting]]:
    meetings = Meeting.objects.bulk_create(
        (
            Meeting(
                course=course,
                number=number,
                starts_at=starts,
                ends_at=starts + dt.timedelta(minutes=150),
            )
            for course in courses
            for number in range(1, 8)
            for starts in [
                timezone.make_aware(
                    dt.datetime.combine(
                        course.first_date + dt.timedelta(weeks=number - 1), course.start_time
                    )
                )
            ]
        ),
        batch_size=BATCH,
    )
    by_course: dict[int, list[Meeting]] = {}
    for meeting in meetings:
        by_course.setdefault(meeting.course_id, []).append(meeting)
    return by_course


def _registrations(courses, municipalities) -> list[Registration]:
    interface = dict(CourseLanguage.objects.values_list("pk", "interface_language"))
    today = timezone.localdate()
    open_courses = [course for course in courses if course.status == Course.Status.OPEN]
    rows = []
    for index, course in enumerate(courses):
        started = course.first_date <= today
        for place in range(REGISTRATIONS_PER_COURSE):
            number = index * REGISTRATIONS_PER_COURSE + place
            if place < CAPACITY:
                status = Registration.Status.CONFIRMED
            elif started and place == CAPACITY:
                status = Registration.Status.CANCELLED
            else:
                status = Registration.Status.WAITLISTED
            rows.append(
                Registration(
                    course=course,
                    first_name="Förnamn",
                    last_name=f"Efternamn {number}",
                    phone=f"+4670{number:07d}",
                    municipality=course.municipality
                    if course.eligibility == "municipality"
                    else municipalities[number % len(municipalities)],
                    children_6_12=1 + number % 3,
                    children_0_5=number % 2,
                    channel="sms",
                    language=interface[course.language_id] or "sv",
                    referral=Registration.Referral.values[number % 8],
                    status=status,
                )
            )
    registrations = Registration.objects.bulk_create(rows, batch_size=BATCH)
    # The course parents register for in the benchmark keeps seats for every POST.
    if len(open_courses) > 1:
        Course.objects.filter(pk=open_courses[1].pk).update(capacity=POST_CAPACITY)
    return registrations


def _attendance(registrations, meetings) -> None:
    now = timezone.now()
    confirmed: dict[int, list[int]] = {}
    for registration in registrations:
        if registration.status == Registration.Status.CONFIRMED:
            confirmed.setdefault(registration.course_id, []).append(registration.pk)

    def marks():
        for course_id, course_meetings in meetings.items():
            for meeting in course_meetings:
                if meeting.ends_at >= now:
                    continue
                for index, registration_id in enumerate(confirmed.get(course_id, [])):
                    status = MARKS[(index + meeting.number) % len(MARKS)]
                    if index % 3 == 2 and meeting.number > 4:
                        status = "absent"
                    yield Attendance(
                        registration_id=registration_id, meeting_id=meeting.pk, status=status
                    )

    Attendance.objects.bulk_create(marks(), batch_size=BATCH)
