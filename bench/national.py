"""Every page with all of Sweden's data, against a bare Django view in the same gunicorn.

    make bench-national                      # scale 1.0: 290 municipalities, 5,000 courses,
                                             # 35,000 meetings, 100,000 registrations,
                                             # ~414,000 attendance marks
    .venv/bin/python bench/national.py --scale 0.05 --rounds 3

The data set goes into its own PostgreSQL database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/equalcity_national), built once per scale with the project's
models and bulk inserts (bench/national_data.py); a run that finds it built skips straight to
the measurement. The app is served by gunicorn in its production shape (DEBUG=0, 2 sync workers,
CONN_MAX_AGE=60 as docker-compose sets it, cache and broker in Redis, WhiteNoise) with two bare
views in the same process (bench/national_site.py). The pages are requested in rounds, each page
in turn for --seconds with --clients connections, so that a noisy machine slows them all alike;
the table gives requests/s, the ratio to the bare view, p50 and p99 latency, the median CPU
time the worker spent on a request (X-CPU-ms: what other processes on a shared machine hardly
change) and the queries each request ran (X-Queries), both from the bench's middleware.

Redis databases 14 (cache) and 15 (broker) are the benchmark's own and emptied before and after.
"""

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/equalcity_national"
)
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379")
ENV = {
    **os.environ,
    "DEBUG": "0",
    "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only"),
    "DATABASE_URL": DATABASE_URL,
    "CONN_MAX_AGE": "60",
    "REDIS_URL": f"{REDIS}/14",
    "CELERY_BROKER_URL": f"{REDIS}/15",
    "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
    "ALLOWED_HOSTS": "127.0.0.1",
    "REGISTRATION_RATE_LIMIT": "1000000/m",
    "LOG_LEVEL": "WARNING",
    "DJANGO_SETTINGS_MODULE": "bench.national_settings",
}
os.environ.update(ENV)

import django  # noqa: E402

django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import national_data  # noqa: E402
from courses.models import Course, Meeting  # noqa: E402
from courses.services import courses_stored_counts_refresh  # noqa: E402
from equalcity.models import Message  # noqa: E402
from participants.models import Attendance, Registration  # noqa: E402

POST_PHONE = "+4679"  # the benchmark's own registrations, removed after the run


# --- The database ------------------------------------------------------------------------


def _admin_connection():
    import psycopg2

    parts = urllib.parse.urlsplit(DATABASE_URL)
    admin = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=urllib.parse.unquote(parts.username or "postgres"),
        password=urllib.parse.unquote(parts.password or "") or None,
        dbname="postgres",
    )
    admin.autocommit = True
    return admin, parts.path.lstrip("/")


def ensure_database(scale: float) -> None:
    """The data set of this scale, built once: the database's comment names what it holds."""
    label = f"equalcity bench-national scale={scale}"
    admin, name = _admin_connection()
    with admin.cursor() as cursor:
        cursor.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        )
        row = cursor.fetchone()
        if row is not None and row[0] == label:
            print(f"database {name}: the data set of scale {scale} is there")
            admin.close()
            call_command("migrate", verbosity=0)  # new indexes apply to the built data set
            return
        if row is not None:
            cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    started = time.perf_counter()
    print(f"database {name}: building the data set of scale {scale}")
    national_data.build(scale)
    connection.close()
    with admin.cursor() as cursor:
        cursor.execute(f"COMMENT ON DATABASE \"{name}\" IS '{label}'")
    admin.close()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"built in {time.perf_counter() - started:.0f} s")


def _redis_flush():
    import redis

    for number in (14, 15):
        redis.Redis.from_url(f"{REDIS}/{number}").flushdb()


# --- What to request ---------------------------------------------------------------------


def staff_cookie() -> str:
    """A regional coordinator's session after password and authenticator code."""
    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
    from allauth.account.internal.flows.login import _AUTHENTICATION_METHODS_USER_SESSION_KEY
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from equalcity.models import User

    user = User.objects.get(email="regional@demo.equalcity.se")
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is None:
        totp = TOTP.activate(user, generate_totp_secret()).instance
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "email": user.email},
        {"method": "mfa", "at": time.time(), "id": totp.pk, "type": "totp"},
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.create()
    return f"sessionid={session.session_key}"


def targets() -> dict:
    """The rows the pages show: a typical open course, the course POSTs go to, a personal link
    and the sheet of the last meeting held of a running course."""
    today = timezone.localdate()
    open_courses = Course.objects.filter(
        status=Course.Status.OPEN, registration_opens__lte=today, registration_closes__gte=today
    ).order_by("first_date", "pk")
    shown = open_courses.exclude(capacity=national_data.POST_CAPACITY).first()
    post = open_courses.filter(capacity=national_data.POST_CAPACITY).first() or shown
    meeting = (
        Meeting.objects.filter(course__status=Course.Status.RUNNING, ends_at__lt=timezone.now())
        .order_by("-starts_at", "pk")
        .first()
    )
    registration = meeting.course.registrations.filter(status="confirmed").order_by("pk").first()
    return {
        "course": shown.pk,
        "post_course": post.pk,
        "municipality": post.municipality_id,
        "token": registration.link_token,
        "meeting": meeting.pk,
    }


def pages(t: dict) -> list[tuple[str, str, str, bool]]:
    """(label, method, path, logged in)."""
    return [
        ("bare view", "GET", "/bench/bare/", False),
        ("bare SELECT 1", "GET", "/bench/select-1/", False),
        ("start page", "GET", "/sv/", False),
        ("catalogue sv", "GET", "/sv/courses/", False),
        ("catalogue ar", "GET", "/ar/courses/", False),
        ("course page", "GET", f"/sv/courses/{t['course']}/", False),
        ("registration GET", "GET", f"/sv/courses/{t['post_course']}/register/", False),
        ("registration POST", "POST", f"/sv/courses/{t['post_course']}/register/", False),
        ("personal link", "GET", f"/sv/r/{t['token']}/", False),
        ("course list (staff)", "GET", "/sv/staff/courses/", True),
        ("programme overview", "GET", "/sv/staff/programme/", True),
        ("attendance sheet", "GET", f"/sv/staff/meetings/{t['meeting']}/attendance/", True),
        ("dashboard", "GET", "/sv/staff/statistics/", True),
        ("export CSV", "GET", "/sv/staff/statistics/export.csv", True),
        ("export XLSX", "GET", "/sv/staff/statistics/export.xlsx", True),
    ]


# --- Serving and requesting --------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "equalcity.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=ENV,
    )
    for _ in range(120):
        try:
            request(port, "GET", "/bench/bare/")
            return server
        except OSError:
            time.sleep(0.25)
    server.terminate()
    sys.exit("gunicorn did not start")


def request(port, method, path, headers=None, body=None):
    """One request on a new connection (sync workers close it after each response)."""
    http = HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        http.request(method, path, body=body, headers=headers or {})
        response = http.getresponse()
        content = response.read()
        return response.status, response.headers, content
    finally:
        http.close()


class Registrar:
    """Registration POSTs with a valid CSRF pair and a new phone number each."""

    def __init__(self, port, path, municipality):
        status, headers, content = request(port, "GET", path)
        assert status == 200, status
        cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", "")).group(1)
        self.token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)[1]
        self.headers = {
            "Cookie": f"csrftoken={cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        self.municipality = municipality
        self.number = 0
        self.lock = threading.Lock()

    def body(self) -> str:
        with self.lock:
            self.number += 1
            number = self.number
        return urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": self.token.decode(),
                "first_name": "Amina",
                "last_name": "Nur",
                "phone": f"{POST_PHONE}{number:07d}",
                "municipality": self.municipality,
                "channel": "sms",
                "language": "so",
                "children_0_5": "1",
            }
        )


class Page:
    def __init__(self, label, method, path, headers, expected, registrar=None):
        self.label, self.method, self.path = label, method, path
        self.headers, self.expected, self.registrar = headers, expected, registrar
        self.latencies: list[float] = []
        self.queries: list[int] = []
        self.cpu: list[float] = []
        self.busy = 0.0
        self.errors: dict[int, int] = {}
        self.lock = threading.Lock()

    def once(self, port):
        body = self.registrar.body() if self.registrar else None
        started = time.perf_counter()
        status, headers, _content = request(port, self.method, self.path, self.headers, body)
        elapsed = time.perf_counter() - started
        with self.lock:
            if status != self.expected:
                self.errors[status] = self.errors.get(status, 0) + 1
            self.latencies.append(elapsed)
            self.queries.append(int(headers.get("X-Queries", -1)))
            self.cpu.append(float(headers.get("X-CPU-ms", "nan")))

    def round(self, port, clients, seconds):
        """`clients` connections at once for `seconds` (each makes at least one request)."""
        deadline = time.perf_counter() + seconds

        def client():
            self.once(port)
            while time.perf_counter() < deadline:
                self.once(port)

        threads = [threading.Thread(target=client) for _ in range(clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.busy += time.perf_counter() - started

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.busy if self.busy else 0.0


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def print_table(measured: list[Page]):
    bare = measured[0].rate
    print(
        f"\n{'page':22} {'req/s':>8} {'× bare':>7} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'cpu ms':>7} {'queries':>8} {'n':>5}"
    )
    for page in measured:
        low, high = min(page.queries), max(page.queries)
        queries = str(low) if low == high else f"{low}–{high}"
        errors = (
            "  errors: " + ", ".join(f"{n}× HTTP {s}" for s, n in page.errors.items())
            if page.errors
            else ""
        )
        print(
            f"{page.label:22} {page.rate:8.1f} {page.rate / bare:7.3f} "
            f"{1000 * statistics.median(page.latencies):8.1f} "
            f"{1000 * percentile(page.latencies, 0.99):8.1f} "
            f"{statistics.median(page.cpu):7.1f} {queries:>8} "
            f"{len(page.latencies):5}{errors}"
        )


def cleanup():
    """Remove the benchmark's registrations and their messages; recount that course."""
    made = Registration.objects.filter(phone__startswith=POST_PHONE)
    ids = list(made.values_list("pk", flat=True))
    courses = set(made.values_list("course_id", flat=True))
    Message.objects.filter(
        recipient_type="participants.registration", recipient_id__in=ids
    ).delete()
    made.delete()
    courses_stored_counts_refresh(Course.objects.filter(pk__in=courses))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=2.0, help="per page and round")
    parser.add_argument("--clients", type=int, default=2, help="connections at once")
    args = parser.parse_args()

    ensure_database(args.scale)
    # WhiteNoise's manifest names every static file a page links: collected as production does.
    call_command("collectstatic", interactive=False, verbosity=0)
    counts = {
        "courses": Course.objects.count(),
        "meetings": Meeting.objects.count(),
        "registrations": Registration.objects.count(),
        "attendance marks": Attendance.objects.count(),
    }
    print(", ".join(f"{n:,} {what}" for what, n in counts.items()))
    cleanup()
    _redis_flush()
    t = targets()
    cookie = staff_cookie()
    connection.close()
    port = free_port()
    server = serve(port)
    try:
        registrar = Registrar(port, f"/sv/courses/{t['post_course']}/register/", t["municipality"])
        measured = []
        for label, method, path, staff in pages(t):
            headers = {"Cookie": cookie} if staff else {}
            if method == "POST":
                measured.append(Page(label, method, path, registrar.headers, 302, registrar))
            else:
                measured.append(Page(label, method, path, headers, 200))
        for page in measured:  # warm up both workers: templates, translations, connections
            for _ in range(4):
                page.once(port)
            page.latencies.clear()
            page.queries.clear()
            page.cpu.clear()
        print(
            f"{args.rounds} rounds × {len(measured)} pages × {args.seconds} s, "
            f"{args.clients} clients, gunicorn 2 sync workers; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        for number in range(args.rounds):
            shift = number % len(measured)
            for page in measured[shift:] + measured[:shift]:
                page.round(port, args.clients, args.seconds)
            print(f"  round {number + 1} done", flush=True)
        print_table(measured)
        print(f"load average {os.getloadavg()[0]:.1f} at the end")
    finally:
        server.terminate()
        server.wait()
        cleanup()
        _redis_flush()


if __name__ == "__main__":
    main()
