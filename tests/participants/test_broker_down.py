"""Redis is down while a parent registers: the registration succeeds, and the confirmation is
sent once Redis is back. Real processes: a Redis server, a Celery worker, manage.py shells."""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from equalcity.models import Message
from participants.models import Registration

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the worker process needs the test database: PostgreSQL (CI)",
    ),
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server"),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(broker_url, sms_folder):
    db = connection.settings_dict
    user = db["USER"] or "postgres"
    host = db["HOST"] or "127.0.0.1"
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://{user}@{host}:{db['PORT'] or 5432}/{db['NAME']}",
        "CELERY_BROKER_URL": broker_url,
        "REDIS_URL": "",
        "SMS_BACKEND": "file",
        "SMS_FILE_PATH": str(sms_folder),
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "tests-only-secret-key"),
    }


def manage_shell(code, env):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def wait_for(predicate, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_a_registration_made_while_redis_is_down_is_confirmed_once_redis_is_back(
    open_course, goteborg, tmp_path
):
    port = free_port()
    env = environment(f"redis://127.0.0.1:{port}/0", tmp_path / "sms")

    # 1. Redis is down: nothing listens on the port. The parent registers all the same.
    manage_shell(
        "from equalcity.models import Organisation\n"
        "from participants.services import registration_create\n"
        f"registration_create(course_id={open_course.pk}, "
        f"municipality=Organisation.objects.get(pk={goteborg.pk}), "
        "first_name='Amina', last_name='Nur', phone='+46701230000', language='so')",
        env,
    )
    registration = Registration.objects.get()
    message = Message.objects.get(kind="registration_confirmed")
    assert registration.status == "confirmed"
    assert (message.status, message.enqueued_at) == ("queued", None)

    # 2. Redis comes back, a worker starts, the sweeper hands the message over.
    redis = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    worker = None
    worker_log = (tmp_path / "worker.log").open("w")
    try:
        assert wait_for(
            lambda: (
                subprocess.run(
                    ["redis-cli", "-p", str(port), "ping"], capture_output=True
                ).returncode
                == 0
            ),
            20,
        )
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "equalcity",
                "worker",
                "--pool=solo",
                "--queues=messages,documents,default",
                "--loglevel=WARNING",
                "--without-heartbeat",
                "--without-mingle",
                "--without-gossip",
            ],
            cwd=ROOT,
            env=env,
            stdout=worker_log,
            stderr=subprocess.STDOUT,
        )
        swept = manage_shell(
            "from equalcity.outbox import outbox_sweep; print(outbox_sweep())", env
        )

        assert wait_for(lambda: Message.objects.get(pk=message.pk).status == "sent", 60), (
            swept + (tmp_path / "worker.log").read_text()[-3000:]
        )
    finally:
        if worker:
            worker.terminate()
            worker.wait(timeout=30)
        redis.terminate()
        redis.wait(timeout=10)
        worker_log.close()

    sent = list((tmp_path / "sms").glob("*.json"))
    assert len(sent) == 1, "sent exactly once"
    assert "+46701230000" in sent[0].read_text()
