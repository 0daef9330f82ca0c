"""Lists that grow ask the database the same number of questions at any size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from equalcity.audit import Action, audit
from equalcity.outbox import Draft, messages_queue
from equalcity.refs import Ref

pytestmark = pytest.mark.django_db


def count(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_messages(start, number):
    messages_queue(
        Draft(
            kind="registration_confirmed",
            recipient=Ref("participants.registration", start + n),
            channel="sms",
            language="ar",
            to_address=f"+4670{start + n:07d}",
            body="رسالة",
        )
        for n in range(number)
    )


def test_the_outbox_page_costs_the_same_for_10_or_300_messages(
    client, regional_coordinator, django_capture_on_commit_callbacks
):
    client.force_login(regional_coordinator)
    with django_capture_on_commit_callbacks(execute=False):
        add_messages(0, 10)
    url = reverse("outbox") + "?status=queued"
    count(client, url)
    few = count(client, url)
    with django_capture_on_commit_callbacks(execute=False):
        add_messages(10, 290)
    assert count(client, url) == few


def test_the_audit_trail_costs_the_same_for_10_or_300_events(client, regional_coordinator):
    client.force_login(regional_coordinator)
    for n in range(10):
        audit(actor=regional_coordinator, action=Action.VIEWED_PERSON, target=f"r:{n}")
    url = reverse("audit") + "?action=viewed_person"
    count(client, url)
    few = count(client, url)
    for n in range(290):
        audit(actor=regional_coordinator, action=Action.VIEWED_PERSON, target=f"r:{n}")
    assert count(client, url) == few
