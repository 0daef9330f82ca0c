"""The statistics dashboard and its exports at national scale; prints p50, queries, first byte.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/equalcity_stats \
        .venv/bin/python bench/dashboard.py

Fills the database (created beforehand: createdb -h 127.0.0.1 -U postgres equalcity_stats) with
290 municipalities, 5,000 courses, 35,000 meetings, 100,000 registrations and about 400,000
attendance marks by bulk inserts, renews the tallies as after any bulk load
(`courses_stored_counts_refresh`), then requests the dashboard and the exports through Django's
full request stack, as an evaluator, and checks the dashboard's numbers against counting every row.

The data is built once: a database that already holds the 5,000 bench courses is used as it is
(a migration that changes the tallies counts them anew itself; BENCH_RECOUNT=1 renews them
without rebuilding). Besides wall-clock times it prints this process's CPU time and the time
spent waiting for PostgreSQL per request, which a busy shared machine changes less.
"""

import datetime as dt
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-dashboard.sqlite3'}"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "equalcity.settings")
os.environ.setdefault("DEBUG", "0")
(ROOT / "var").mkdir(exist_ok=True)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from courses.models import Course, Meeting, Programme  # noqa: E402
from courses.services import courses_stored_counts_refresh  # noqa: E402
from equalcity.models import CourseLanguage, Organisation, Role, User, Venue  # noqa: E402
from evaluation.tallies import all_tallies_renew  # noqa: E402
from participants.models import Attendance, Registration  # noqa: E402

COURSES = int(os.environ.get("BENCH_COURSES", 5_000))
PER_COURSE = int(os.environ.get("BENCH_REGISTRATIONS_PER_COURSE", 20))
MUNICIPALITIES = 290
STATUSES = ["present", "present", "late", "absent", "present", "excused", "present"]
REFERRALS = ["friends", "school", "", "social_services", "health", "civic_orientation"]


def fill():
    call_command("migrate", verbosity=0)
    if Course.objects.filter(title="bench-dashboard").count() == COURSES:
        return False
    Attendance.objects.all().delete()
    Registration.objects.all().delete()
    Meeting.objects.all().delete()
    Course.objects.all().delete()
    region, _ = Organisation.objects.get_or_create(
        slug="bench-region", defaults={"name": "Region", "kind": "region"}
    )
    towns = [
        Organisation.objects.get_or_create(
            slug=f"bench-{n}",
            defaults={"name": f"Kommun {n:03d}", "kind": "municipality", "parent": region},
        )[0]
        for n in range(MUNICIPALITIES)
    ]
    venue, _ = Venue.objects.get_or_create(
        name="Lokal",
        defaults={
            "street_address": "Torget 1",
            "sms_address": "Torget 1",
            "city": "Staden",
            "municipality": towns[0],
        },
    )
    languages = [
        CourseLanguage.objects.get_or_create(
            code=f"b{n}", defaults={"name": f"språk {n:02d}", "native_name": f"språk {n}"}
        )[0]
        for n in range(15)
    ]
    programme, _ = Programme.objects.get_or_create(
        slug="bench-dashboard",
        defaults={
            "name": "Förälder i nytt land",
            "owner": towns[0],
            "central_municipality": towns[0],
            "starts_on": dt.date(2026, 1, 1),
            "ends_on": dt.date(2027, 12, 31),
        },
    )
    today = timezone.localdate()
    now = timezone.now()
    courses = Course.objects.bulk_create(
        (
            Course(
                programme=programme,
                language=languages[n % 15],
                municipality=towns[n % MUNICIPALITIES],
                organiser=towns[n % MUNICIPALITIES],
                venue=venue,
                title="bench-dashboard",
                capacity=PER_COURSE,
                registration_opens=today,
                registration_closes=today,
                first_date=today - dt.timedelta(days=n % 300),
                start_time=dt.time(9, 30),
                status=Course.Status.RUNNING,
            )
            for n in range(COURSES)
        ),
        batch_size=5000,
    )
    meetings = Meeting.objects.bulk_create(
        (
            Meeting(
                course=course,
                number=number,
                # Most courses are over; some have meetings ahead.
                starts_at=now + dt.timedelta(days=7 * number - (n % 300)),
                ends_at=now + dt.timedelta(days=7 * number - (n % 300), hours=2),
            )
            for n, course in enumerate(courses)
            for number in range(1, 8)
        ),
        batch_size=5000,
    )
    registrations = Registration.objects.bulk_create(
        (
            Registration(
                course=course,
                first_name="Förnamn",
                last_name="Efternamn",
                phone=f"+467{c:05d}{p:03d}",
                status="confirmed" if p < PER_COURSE - 2 else ("waitlisted", "cancelled")[p % 2],
                waitlisted_at=now if p >= PER_COURSE - 3 else None,
                municipality=towns[(c + p % 3) % MUNICIPALITIES],
                children_0_5=p % 2,
                children_6_12=p % 3,
                referral=REFERRALS[p % len(REFERRALS)],
                language="sv",
            )
            for c, course in enumerate(courses)
            for p in range(PER_COURSE)
        ),
        batch_size=5000,
    )
    Attendance.objects.bulk_create(
        (
            Attendance(
                registration=registration,
                meeting=meetings[7 * (r // PER_COURSE) + number],
                status=STATUSES[(r + number) % 7],
            )
            for r, registration in enumerate(registrations)
            if registration.status == "confirmed"
            for number in range(1 + r % 7 if r % 5 else 7)
        ),
        batch_size=5000,
    )
    return True


def timed(client, url, rounds):
    times, queries, first_bytes, cpu, sql = [], [], [], [], []
    for _ in range(rounds):
        reset_queries()
        started = time.perf_counter()
        cpu_started = time.process_time()
        response = client.get(url)
        if response.streaming:
            iterator = iter(response.streaming_content)
            next(iterator)
            first_bytes.append(time.perf_counter() - started)
            size = sum(len(chunk) for chunk in iterator)
        else:
            first_bytes.append(time.perf_counter() - started)
            size = len(response.getvalue() if hasattr(response, "getvalue") else response.content)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        sql.append(sum(float(query["time"]) for query in connection.queries))
        queries.append(len(connection.queries))
        assert response.status_code == 200, response.status_code
    return Timing(
        p50=statistics.median(times),
        first_byte=statistics.median(first_bytes),
        cpu=statistics.median(cpu),
        sql=statistics.median(sql),
        queries=queries[-1],
        size=size,
    )


@dataclass
class Timing:
    p50: float
    first_byte: float
    cpu: float  # this process's CPU time: Python, templates, the workbook
    sql: float  # waiting for the database
    queries: int
    size: int


def main():
    started = time.perf_counter()
    if os.environ.get("BENCH_RECOUNT"):
        with transaction.atomic():
            all_tallies_renew()
        print(f"tallies renewed: {time.perf_counter() - started:.1f} s")
    elif fill():
        print(f"fill: {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        with transaction.atomic():
            courses_stored_counts_refresh()  # renews the tallies once committed
        print(f"counts and tallies renewed: {time.perf_counter() - started:.1f} s")
    print(
        f"rows: {Course.objects.count()} courses, {Meeting.objects.count()} meetings, "
        f"{Registration.objects.count()} registrations, {Attendance.objects.count()} marks"
    )
    from evaluation.selectors.attendance import attendance_tables
    from evaluation.selectors.programme import funnel_table
    from evaluation.selectors.reach import reach_tables
    from evaluation.selectors.tables import Filters
    from tests.evaluation.counted_directly import counted_directly
    from tests.two_step import TwoStepClient, totp_activate

    direct = counted_directly(filters=Filters())
    tallied = [funnel_table(Filters()), *attendance_tables(Filters()), *reach_tables(Filters())]
    same = [(t.key, t.rows, t.total) for t in direct] == [(t.key, t.rows, t.total) for t in tallied]
    print(f"tallies equal counting every row: {same}")

    user, created = User.objects.get_or_create(email="bench-evaluator@example.se")
    if created:
        region = Organisation.objects.get(slug="bench-region")
        Role.objects.create(user=user, kind=Role.Kind.EVALUATOR, organisation=region)
        totp_activate(user)
    client = TwoStepClient()
    client.force_login(user)
    print(
        f"load average: {' '.join(f'{n:.1f}' for n in os.getloadavg())} on {os.cpu_count()} cores"
    )
    print(
        f"{'page':28} {'p50 ms':>7} {'first byte':>10} {'CPU ms':>7} {'SQL ms':>7} "
        f"{'queries':>7} {'bytes':>8}"
    )
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(DEBUG=False, STORAGES={**settings.STORAGES, "staticfiles": static}):
        connection.force_debug_cursor = True
        for name, url in [
            ("dashboard", "/sv/staff/statistics/"),
            (
                "dashboard, one municipality",
                f"/sv/staff/statistics/?municipality={Organisation.objects.get(slug='bench-7').pk}",
            ),
            ("export XLSX", "/sv/staff/statistics/export.xlsx"),
            ("export CSV for Excel", "/sv/staff/statistics/export.csv"),
        ]:
            rounds = 9 if name.startswith("dashboard") else 3
            t = timed(client, url, rounds)
            print(
                f"{name:28} {t.p50 * 1000:7.0f} {t.first_byte * 1000:10.0f} {t.cpu * 1000:7.0f} "
                f"{t.sql * 1000:7.0f} {t.queries:7} {t.size:8}"
            )


if __name__ == "__main__":
    main()
