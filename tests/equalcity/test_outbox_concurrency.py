"""Several workers and sweepers at once never fight over a message (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from equalcity.models import Message
from equalcity.outbox import Draft, messages_queue, outbox_sweep
from equalcity.refs import Ref

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite has no row locks (SKIP LOCKED)"
    ),
]


def test_two_sweepers_at_once_hand_each_message_over_once(monkeypatch):
    messages_queue(
        Draft(
            kind="test",
            recipient=Ref("tests.person", n),
            channel="sms",
            language="sv",
            to_address=f"+4670{n:07d}",
            body="Hej",
        )
        for n in range(300)
    )
    Message.objects.update(enqueued_at=None)  # the broker was down: all 300 wait for a sweeper
    handed, lock = [], threading.Lock()

    def publish(args, retry):
        with lock:
            handed.append(args[0])

    from equalcity.tasks import send_message

    monkeypatch.setattr(send_message, "apply_async", publish)
    start = threading.Barrier(2)

    def sweep():
        try:
            start.wait()
            outbox_sweep()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(handed) == sorted(Message.objects.values_list("pk", flat=True))
    assert len(handed) == len(set(handed)) == 300
