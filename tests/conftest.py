import datetime as dt
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from equalcity.models import Role
from tests.factories import CourseFactory, CourseLanguageFactory, OrganisationFactory, UserFactory
from tests.two_step import TwoStepClient


@pytest.fixture(autouse=True, scope="session")
def _in_memory_broker():
    """Tasks published by on_commit callbacks go to memory, not to a developer's broker.
    The broker test (tests/participants/test_broker_down.py) uses a real Redis of its own."""
    from equalcity.celery import app

    app.conf.broker_url = "memory://"
    app.conf.broker_transport_options = {}
    yield


@pytest.fixture(autouse=True)
def _isolation(settings, tmp_path):
    """Every test starts in Swedish with an empty cache and its own media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        # Never a developer's bucket, even with AWS_STORAGE_BUCKET_NAME in their .env.
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    cache.clear()
    translation.activate("sv")
    yield
    translation.deactivate()


#: What settings.py gives the object store besides where it is (tests/equalcity/test_s3_storage.py
#: checks that it still does): no ACL, signed URLs only, a new key per file.
S3_PRIVATE_OPTIONS = {"default_acl": None, "querystring_auth": True, "file_overwrite": False}


@pytest.fixture(scope="session")
def s3_server():
    """A local S3-compatible server for the session: moto in server mode, in a process of its
    own, spoken to over HTTP like any object store (nothing in this process is patched)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                raise RuntimeError("moto_server did not start") from None
            time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def s3(settings, s3_server):
    """The default storage is an empty private bucket on the local S3 server. Gives a boto3
    client (`s3.client`), the bucket's name (`s3.bucket`) and `s3.stored()`, the keys it holds."""
    import boto3

    bucket = f"equalcity-{uuid.uuid4().hex[:12]}"
    keys = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1", **keys)
    client.create_bucket(Bucket=bucket)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": s3_server,
                "region_name": "us-east-1",
                "access_key": "testing",
                "secret_key": "testing",
                **S3_PRIVATE_OPTIONS,
            },
        },
    }

    def stored_keys():
        listing = client.list_objects_v2(Bucket=bucket)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    return SimpleNamespace(client=client, bucket=bucket, stored=stored_keys)


@pytest.fixture
def client():
    """Django's test client whose `force_login` has also entered the authenticator code."""
    return TwoStepClient()


@pytest.fixture
def region(db):
    return OrganisationFactory(slug="gr", name="Göteborgsregionen", kind="region", takes_part=False)


@pytest.fixture
def goteborg(db, region):
    org = OrganisationFactory(slug="goteborg", name="Göteborg")
    org.parent = region
    org.save()
    return org


@pytest.fixture
def molndal(db, region):
    org = OrganisationFactory(slug="molndal", name="Mölndal")
    org.parent = region
    org.save()
    return org


@pytest.fixture
def integrationscentrum(db, goteborg):
    return OrganisationFactory(
        slug="integrationscentrum", name="Integrationscentrum", kind="unit", parent=goteborg
    )


@pytest.fixture
def regional_coordinator(region):
    return UserFactory(role=(Role.Kind.REGIONAL_COORDINATOR, region))


@pytest.fixture
def goteborg_coordinator(goteborg, integrationscentrum):
    return UserFactory(role=(Role.Kind.MUNICIPAL_COORDINATOR, goteborg))


@pytest.fixture
def molndal_coordinator(molndal):
    return UserFactory(role=(Role.Kind.MUNICIPAL_COORDINATOR, molndal))


@pytest.fixture
def evaluator(region):
    return UserFactory(role=(Role.Kind.EVALUATOR, region))


@pytest.fixture
def tigrinya(db):
    return CourseLanguageFactory(
        code="ti",
        name="tigrinja",
        name_ti="ትግርኛ",
        native_name="ትግርኛ",
        direction="ltr",
        script="Ethi",
        interface_language="ti",
    )


@pytest.fixture
def open_course(goteborg, integrationscentrum):
    """A Göteborg course open to the whole region, registration open today, five weeks ahead."""
    today = timezone.localdate()
    return CourseFactory(
        municipality=goteborg,
        organiser=integrationscentrum,
        capacity=10,
        registration_opens=today - dt.timedelta(days=7),
        registration_closes=today + dt.timedelta(days=28),
        first_date=today + dt.timedelta(days=35),
    )


def pytest_configure(config):
    """Passwords in tests are hashed with MD5: PBKDF2's 1,000,000 rounds cost a third of a second
    per user, and the suite creates hundreds of users. Production keeps Django's defaults."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _redis_database_per_worker(settings)
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        Path(database["TEST"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)


_MUTATION_SLOT = []


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """`make mutation` runs a pytest session per mutant, two at a time: each takes a SQLite test
    database of its own (one session's setup would break the other's tests: a false kill), one
    of a few slots locked for the session and kept between sessions (--reuse-db)."""
    import fcntl

    from django.conf import settings

    database = settings.DATABASES["default"]
    if not (os.environ.get("MUTANT_UNDER_TEST") and database["ENGINE"].endswith("sqlite3")):
        return
    for slot in range(16):
        lock = open(f"{database['TEST']['NAME']}.{slot}.lock", "w")  # noqa: SIM115 - held
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            continue
        _MUTATION_SLOT.append(lock)
        database["TEST"]["NAME"] = f"{database['TEST']['NAME']}.{slot}"
        return


def _redis_database_per_worker(settings):
    """Each xdist worker gets a Redis database of its own (1, 2, …): `cache.clear()` empties a
    whole database, and one worker's clear must not reset another's rate-limit counters. The
    developer's database 0 is never touched."""
    cache = settings.CACHES["default"]
    if "redis" not in cache["BACKEND"].lower():
        return
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    number = int(worker.removeprefix("gw") or 0) + 1
    location = urlsplit(cache["LOCATION"])._replace(path=f"/{number}").geturl()
    settings.CACHES = {"default": {**cache, "LOCATION": location}}


def pytest_report_header(config):
    from django.db import connection

    return f"database: {connection.vendor} ({connection.settings_dict['NAME']})"
