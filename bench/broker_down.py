"""Registration latency with the broker up and with it down: a parent must never wait for it.

    make bench-broker          # needs redis-server on the machine (it starts its own)

Runs the registration form's POST through Django's full request path (middleware, view,
service, commit, the publish after commit) N times with Celery's broker on a live Redis, then
N times with the broker's port closed, and prints the median, the 95th percentile and the
slowest request of each, and the difference of the medians (goal: under 100 ms).
"""

import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-broker.sqlite3'}"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "equalcity.settings")
os.environ["REDIS_URL"] = ""
# A Redis broker URL, so that the production transport options apply; each run sets the port.
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:1/0")
(ROOT / "var").mkdir(exist_ok=True)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from courses.models import Course  # noqa: E402
from equalcity.models import Message  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_REQUESTS", 40))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def course():
    """The demo programme in a fresh database, and one open course with room for everyone."""
    if connection.vendor == "sqlite":
        Path(connection.settings_dict["NAME"]).unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    from participants.selectors.registrations import public_courses

    chosen = public_courses().first()
    chosen.capacity = 10_000
    chosen.save(update_fields=["capacity"])
    return chosen


def register(client, course, number):
    started = time.perf_counter()
    response = client.post(
        f"/sv/courses/{course.pk}/register/",
        {
            "first_name": "Amina",
            "last_name": "Nur",
            "phone": f"+4670{number:07d}",
            "municipality": course.municipality_id,
            "channel": "sms",
            "language": "so",
            "children_0_5": "1",
        },
        REMOTE_ADDR=f"10.0.{number // 250}.{number % 250}",
    )
    elapsed = time.perf_counter() - started
    assert response.status_code == 302, response.status_code
    return elapsed


def measure(offset):
    """One scenario, in this process: the broker URL came from the environment."""
    from equalcity.outbox import _BrokerState

    settings.REGISTRATION_RATE_LIMIT = "100000/m"
    chosen = Course.objects.get(pk=int(os.environ["BENCH_COURSE"]))
    client = Client()
    register(client, chosen, offset + REQUESTS)  # warm up: templates, the first connection
    _BrokerState.reset()
    Message.objects.filter(status="queued").update(status="sent")
    times = sorted(register(client, chosen, offset + n) for n in range(REQUESTS))
    queued = Message.objects.filter(status="queued", enqueued_at=None).count()
    print(" ".join(f"{t:.6f}" for t in times), queued)


def scenario(label, broker_url, course_pk, offset):
    result = subprocess.run(
        [sys.executable, __file__, "--measure", str(offset)],
        env={**os.environ, "CELERY_BROKER_URL": broker_url, "BENCH_COURSE": str(course_pk)},
        capture_output=True,
        text=True,
        check=True,
    )
    *times, queued = result.stdout.strip().splitlines()[-1].split()
    return label, [float(t) for t in times], int(queued)


def main():
    if shutil.which("redis-server") is None:
        sys.exit("redis-server is needed")
    chosen = course()
    port = free_port()
    redis = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(50):
            ping = subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True)
            if ping.returncode == 0:
                break
            time.sleep(0.1)
        rows = [scenario("broker up", f"redis://127.0.0.1:{port}/0", chosen.pk, 0)]
    finally:
        redis.terminate()
        redis.wait()
    rows.append(scenario("broker down", f"redis://127.0.0.1:{free_port()}/0", chosen.pk, 10_000))
    print(f"{REQUESTS} registrations each ({connection.vendor})")
    print(f"{'':12} {'median':>9} {'p95':>9} {'slowest':>9}  not handed to the broker")
    medians = []
    for label, times, queued in rows:
        median = statistics.median(times)
        medians.append(median)
        p95 = times[int(len(times) * 0.95) - 1]
        print(
            f"{label:12} {median * 1000:7.1f}ms {p95 * 1000:7.1f}ms {times[-1] * 1000:7.1f}ms"
            f"  {queued} (the sweeper's)"
        )
    print(f"difference of the medians: {abs(medians[1] - medians[0]) * 1000:.1f} ms (goal < 100)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        measure(int(sys.argv[2]))
    else:
        main()
