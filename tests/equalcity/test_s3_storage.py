"""Stored documents in an S3-compatible object store (django-storages), tested against a real one
on this machine: moto's server mode (the `s3` fixture in tests/conftest.py)."""

import datetime as dt
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from equalcity.models import Document, Role
from participants.certificates import certificate_batch_run, certificate_batch_start
from participants.models import Attendance
from participants.privacy import registration_erase
from participants.selectors.registrations import registration_token
from participants.services import registration_create
from tests.conftest import S3_PRIVATE_OPTIONS
from tests.factories import UserFactory, VenueFactory
from tests.participants.conftest import parent
from tests.pdf_utils import pdf_text
from trainings.models import TrainingDay

pytestmark = pytest.mark.django_db


def storage_from_environment(**variables):
    """settings.STORAGES["default"] as a fresh process reads it from these variables."""
    script = "import json; from equalcity import settings; print(json.dumps(settings.STORAGES))"
    environment = {**os.environ, "DEBUG": "0", "SECRET_KEY": "x", **variables}
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=environment,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)["default"]


def test_a_bucket_in_the_environment_sends_documents_to_a_private_object_store():
    storage = storage_from_environment(
        AWS_STORAGE_BUCKET_NAME="equalcity-documents",
        AWS_S3_ENDPOINT_URL="https://s3.example.se",
        AWS_S3_REGION_NAME="eu-north-1",
        AWS_ACCESS_KEY_ID="key",
        AWS_SECRET_ACCESS_KEY="secret",
    )

    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert (options["bucket_name"], options["endpoint_url"], options["region_name"]) == (
        "equalcity-documents",
        "https://s3.example.se",
        "eu-north-1",
    )
    assert (options["access_key"], options["secret_key"]) == ("key", "secret")
    assert S3_PRIVATE_OPTIONS.items() <= options.items(), "as the tests' bucket (conftest)"
    assert not options.get("custom_domain")  # no public address for the files

    laptop = storage_from_environment(AWS_STORAGE_BUCKET_NAME="")
    assert laptop == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


@pytest.fixture
def day(region, goteborg):
    return TrainingDay.objects.create(
        organiser=region,
        title="Att arbeta med tolk",
        date=dt.date(2031, 10, 22),
        starts_at=dt.time(9),
        ends_at=dt.time(16),
        venue=VenueFactory(municipality=goteborg, name="Göteborgsregionen"),
        capacity=4,
        registration_deadline=dt.date(2031, 10, 8),
        status=TrainingDay.Status.OPEN,
    )


def downloaded(response):
    return b"".join(response.streaming_content)


def test_the_invitation_is_kept_in_the_bucket_and_served_only_through_the_app(
    s3, client, day, molndal
):
    url = reverse("trainings:document", args=[day.pk, "invitation", "sv"])
    client.force_login(UserFactory(role=(Role.Kind.MUNICIPAL_STAFF, molndal)))

    response = client.get(url)

    assert response.status_code == 200
    (key,) = s3.stored()
    assert key.startswith("documents/") and key.endswith(".pdf")
    stored = s3.client.get_object(Bucket=s3.bucket, Key=key)["Body"].read()
    assert downloaded(response) == stored and stored.startswith(b"%PDF")
    assert "Att arbeta med tolk" in pdf_text(stored)
    assert response["Content-Type"] == "application/pdf"
    assert (
        'filename="inbjudan-att-arbeta-med-tolk-2031-10-22.pdf"'
        in (response["Content-Disposition"])
    )
    assert "Location" not in response  # streamed, not sent on to the store
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304

    client.force_login(UserFactory())  # an account without a role
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    assert s3.stored() == [key]


def test_a_changed_day_replaces_the_invitations_object(s3, client, day, molndal):
    url = reverse("trainings:document", args=[day.pk, "invitation", "sv"])
    client.force_login(UserFactory(role=(Role.Kind.MUNICIPAL_STAFF, molndal)))
    first = client.get(url)
    (old_key,) = s3.stored()

    day.title = "Att arbeta med tolk i skolan"
    day.save()
    second = client.get(url)

    (new_key,) = s3.stored()
    assert new_key != old_key, "the old object is deleted, not left behind"
    assert Document.objects.get().file.name == new_key
    assert second["ETag"] != first["ETag"]
    assert "Att arbeta med tolk i skolan" in pdf_text(downloaded(second))
    assert (
        'filename="inbjudan-att-arbeta-med-tolk-i-skolan-2031-10-22.pdf"'
        in (second["Content-Disposition"])
    )


def test_an_object_gone_from_the_bucket_is_rendered_again(s3, client, day, molndal):
    """As after an erasure whose transaction was rolled back: the row is back, its object not."""
    url = reverse("trainings:document", args=[day.pk, "invitation", "sv"])
    client.force_login(UserFactory(role=(Role.Kind.MUNICIPAL_STAFF, molndal)))
    client.get(url)
    (key,) = s3.stored()
    s3.client.delete_object(Bucket=s3.bucket, Key=key)

    response = client.get(url)

    assert response.status_code == 200
    assert downloaded(response).startswith(b"%PDF")
    assert s3.stored() == [Document.objects.get().file.name]


def test_erasure_deletes_the_parents_certificates_from_the_bucket(
    s3, client, open_course, goteborg, goteborg_coordinator, molndal_coordinator
):
    yonas = registration_create(course_id=open_course.pk, municipality=goteborg, **parent())
    for meeting in open_course.meetings.all():
        Attendance.objects.create(registration=yonas, meeting=meeting, status="present")
    personal_link = reverse("participants:parent_certificate", args=[registration_token(yonas)])
    staff_link = reverse("participants:certificate", args=[yonas.pk])

    from_link = downloaded(client.get(personal_link))
    client.force_login(molndal_coordinator)
    assert client.get(staff_link).status_code == 404  # not a course of theirs
    client.force_login(goteborg_coordinator)
    assert downloaded(client.get(staff_link)) == from_link
    assert "Yonas Tesfay" in pdf_text(from_link)
    certificate_batch_run(certificate_batch_start(course=open_course, by=goteborg_coordinator).pk)
    batch = client.get(reverse("participants:certificates", args=[open_course.pk]), {"download": 1})
    assert "Yonas Tesfay" in pdf_text(downloaded(batch))
    assert [key.split("/")[0] for key in s3.stored()] == ["certificates", "documents"]

    registration_erase(registration=yonas, actor=goteborg_coordinator, reason="Begäran")

    assert s3.stored() == []
