"""Lists that grow ask the database the same number of questions at any size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from equalcity.audit import Action, audit
from equalcity.outbox import Draft, messages_queue
from equalcity.refs import Ref

pytestmark = pytest.mark.django_db


def get(client, url):
    assert client.get(url).status_code == 200


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
    client, regional_coordinator, django_capture_on_commit_callbacks, django_assert_num_queries
):
    client.force_login(regional_coordinator)
    with django_capture_on_commit_callbacks(execute=False):
        add_messages(0, 10)
    url = reverse("outbox") + "?status=queued"
    get(client, url)  # warm up: the session, the scope
    with CaptureQueriesContext(connection) as few:
        get(client, url)
    with django_capture_on_commit_callbacks(execute=False):
        add_messages(10, 290)
    with django_assert_num_queries(len(few)):
        get(client, url)


def test_the_audit_trail_costs_the_same_for_10_or_300_events(
    client, regional_coordinator, django_assert_num_queries
):
    client.force_login(regional_coordinator)
    for n in range(10):
        audit(actor=regional_coordinator, action=Action.VIEWED_PERSON, target=f"r:{n}")
    url = reverse("audit") + "?action=viewed_person"
    get(client, url)  # warm up: the session, the scope
    with CaptureQueriesContext(connection) as few:
        get(client, url)
    for n in range(290):
        audit(actor=regional_coordinator, action=Action.VIEWED_PERSON, target=f"r:{n}")
    with django_assert_num_queries(len(few)):
        get(client, url)
