"""Plan reminders for 10,000 meetings with 200,000 registrations; print time and queries.

    make bench            # SQLite file in var/, or PostgreSQL when DATABASE_URL points to it

The database named by BENCH_DATABASE_URL (default: a throw-away SQLite file) is created,
migrated and filled with bulk inserts; then the planner runs twice (the second run must find
nothing new) and its queries are counted.
"""

import datetime as dt
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "equalcity.settings")
(ROOT / "var").mkdir(exist_ok=True)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.utils import timezone  # noqa: E402

from courses.models import Course, Meeting, Programme  # noqa: E402
from equalcity.models import CourseLanguage, Message, Organisation, Venue  # noqa: E402
from participants.models import Registration  # noqa: E402
from participants.planning import plan_meeting_reminders  # noqa: E402

MEETINGS = int(os.environ.get("BENCH_MEETINGS", 10_000))
PER_MEETING = int(os.environ.get("BENCH_REGISTRATIONS_PER_MEETING", 20))
LANGUAGES = ["sv", "en", "ar", "fa-af", "so", "ti"]


def fill():
    if connection.vendor == "sqlite":
        Path(connection.settings_dict["NAME"]).unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    Message.objects.all().delete()
    Registration.objects.all().delete()
    Meeting.objects.all().delete()
    Course.objects.all().delete()
    Programme.objects.filter(slug="bench").delete()
    Venue.objects.filter(name="Lokal").delete()
    region, _ = Organisation.objects.get_or_create(
        slug="gr", defaults={"name": "GR", "kind": "region"}
    )
    town, _ = Organisation.objects.get_or_create(
        slug="goteborg", defaults={"name": "Göteborg", "kind": "municipality", "parent": region}
    )
    venue = Venue.objects.create(
        name="Lokal",
        street_address="Angereds Torg 5",
        sms_address="Angereds Torg 5",
        city="Angered",
        municipality=town,
    )
    language, _ = CourseLanguage.objects.get_or_create(
        code="ar",
        defaults={
            "name": "arabiska",
            "native_name": "العربية",
            "direction": "rtl",
            "script": "Arab",
        },
    )
    programme = Programme.objects.create(
        name="Förälder i nytt land",
        slug="bench",
        owner=town,
        central_municipality=town,
        starts_on=dt.date(2026, 8, 1),
        ends_on=dt.date(2027, 7, 31),
    )
    today = timezone.localdate()
    courses = Course.objects.bulk_create(
        Course(
            programme=programme,
            language=language,
            municipality=town,
            organiser=town,
            venue=venue,
            title="Förälder i nytt land",
            capacity=PER_MEETING,
            registration_opens=today,
            registration_closes=today,
            first_date=today,
            start_time=dt.time(9, 30),
            status=Course.Status.RUNNING,
        )
        for _ in range(MEETINGS)
    )
    soon = timezone.now() + dt.timedelta(hours=12)
    Meeting.objects.bulk_create(
        (
            Meeting(
                course=course,
                number=1,
                starts_at=soon + dt.timedelta(minutes=i % 600),
                ends_at=soon + dt.timedelta(minutes=i % 600 + 150),
            )
            for i, course in enumerate(courses)
        ),
        batch_size=5000,
    )
    Registration.objects.bulk_create(
        (
            Registration(
                course=course,
                first_name="Förnamn",
                last_name="Efternamn",
                phone=f"+4670{c:05d}{p:03d}",
                status="confirmed",
                language=LANGUAGES[(c + p) % 6],
                channel="sms",
            )
            for c, course in enumerate(courses)
            for p in range(PER_MEETING)
        ),
        batch_size=5000,
    )


def measure(label):
    connection.force_debug_cursor = True
    reset_queries()
    started = time.perf_counter()
    created = plan_meeting_reminders()
    seconds = time.perf_counter() - started
    queries = len(connection.queries)
    connection.force_debug_cursor = False
    print(f"{label:12} {created:>8} messages  {seconds:7.2f} s  {queries:3} queries")


def main():
    started = time.perf_counter()
    fill()
    print(
        f"database: {connection.vendor}; {MEETINGS} meetings, "
        f"{Registration.objects.count()} registrations (filled in "
        f"{time.perf_counter() - started:.1f} s)"
    )
    measure("first run")
    measure("second run")
    print(f"messages in the outbox: {Message.objects.count()}")


if __name__ == "__main__":
    main()
