import base64
import json
import socket
import threading
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from equalcity.message_kinds import kind_label
from equalcity.models import Message
from equalcity.outbox import Draft, message_send, messages_queue, outbox_sweep
from equalcity.refs import Ref
from equalcity.sms import SmsError, sms_length
from equalcity.tasks import send_message

pytestmark = pytest.mark.django_db


def sms(key="k1", body="Hej! Träff 3 är på tisdag kl 17:30.", to="+46701234567"):
    return Draft(
        kind="test",
        recipient=Ref("tests.person", 1),
        stamp=key,
        channel="sms",
        language="sv",
        to_address=to,
        body=body,
    )


@pytest.fixture
def file_sms(settings, tmp_path):
    settings.SMS_BACKEND = "file"
    settings.SMS_FILE_PATH = tmp_path / "sms"
    return tmp_path / "sms"


def sent_files(folder):
    return (
        [json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))]
        if folder.exists()
        else []
    )


def test_a_queued_message_is_sent_once_however_often_the_task_runs(
    file_sms, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        messages_queue([sms()])
        messages_queue([sms()])  # the same key again: nothing new
    message = Message.objects.get()

    assert message_send(message.pk) == "sent"
    assert message_send(message.pk) == "skipped"
    assert send_message.apply(args=[message.pk]).get() == "skipped"

    message.refresh_from_db()
    assert (message.status, message.attempts, message.segments) == ("sent", 1, 1)
    assert message.provider_id == f"file-m{message.pk}"
    assert sent_files(file_sms) == [
        {"to": "+46701234567", "body": message.body, "reference": f"m{message.pk}"}
    ]


def test_e_mail_goes_through_djangos_mail_backend(django_capture_on_commit_callbacks):
    draft = Draft(
        kind="test",
        recipient=Ref("tests.person", 1),
        stamp="e1",
        channel="email",
        language="ti",
        to_address="amina@example.se",
        subject="ርእሲ",
        body="ጽሑፍ",
    )
    with django_capture_on_commit_callbacks(execute=False):
        messages_queue([draft])

    message_send(Message.objects.get().pk)

    (email,) = mail.outbox
    assert (email.to, email.subject, email.body) == (["amina@example.se"], "ርእሲ", "ጽሑፍ")
    # As an SMS carries it to the provider: a bounce can be traced back to the message.
    assert email.message()["X-Equalcity-Message"] == f"m{Message.objects.get().pk}"
    # The outbox counts SMS segments under an SMS only.
    assert Message.objects.get().segments == 0


@pytest.mark.parametrize(
    ("text", "encoding", "segments"),
    [
        ("a" * 160, "GSM-7", 1),
        ("a" * 161, "GSM-7", 2),
        ("å" * 153 * 2, "GSM-7", 2),
        ("€" * 80, "GSM-7", 1),
        ("€" * 81, "GSM-7", 2),
        ("ب" * 70, "UCS-2", 1),
        ("ب" * 71, "UCS-2", 2),
        ("ሀ" * 134, "UCS-2", 2),
        ("ሀ" * 135, "UCS-2", 3),
        ("Hej 😀", "UCS-2", 1),
    ],
)
def test_sms_segments_are_counted_as_the_network_counts_them(text, encoding, segments):
    length = sms_length(text)

    assert (length.encoding, length.segments) == (encoding, segments)


class FakeElks(BaseHTTPRequestHandler):
    """46elks' SMS endpoint on this machine: answers in turn from `answers`."""

    answers: list = []
    requests: list = []

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        FakeElks.requests.append(
            {
                "auth": self.headers.get("Authorization"),
                "form": {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()},
            }
        )
        status, body = FakeElks.answers.pop(0)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(body).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def elks(settings):
    server = HTTPServer(("127.0.0.1", 0), FakeElks)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeElks.requests = []
    settings.SMS_BACKEND = "46elks"
    settings.ELKS_API_URL = f"http://127.0.0.1:{server.server_port}/a1/sms"
    settings.ELKS_API_USERNAME = "u123"
    settings.ELKS_API_PASSWORD = "secret"
    settings.ELKS_WEBHOOK_SECRET = "hook-secret"
    settings.SMS_SENDER = "Equalcity"
    yield FakeElks
    server.shutdown()


def test_46elks_gets_the_message_with_basic_auth_and_a_delivery_report_url(
    elks, client, django_capture_on_commit_callbacks
):
    elks.answers = [(200, {"id": "s17a", "status": "created"})]
    with django_capture_on_commit_callbacks(execute=False):
        messages_queue([sms(body="مرحبا، اللقاء الثالث يوم الثلاثاء.")])
    message = Message.objects.get()

    assert message_send(message.pk) == "sent"

    (request,) = elks.requests
    assert request["auth"] == "Basic " + base64.b64encode(b"u123:secret").decode()
    assert request["form"]["to"] == "+46701234567"
    assert request["form"]["from"] == "Equalcity"
    assert request["form"]["message"] == "مرحبا، اللقاء الثالث يوم الثلاثاء."
    assert request["form"]["whendelivered"].endswith("/webhooks/46elks/hook-secret/")
    message.refresh_from_db()
    assert (message.status, message.provider_id) == ("sent", "s17a")

    report = client.post("/webhooks/46elks/hook-secret/", {"id": "s17a", "status": "delivered"})
    assert report.status_code == 200
    message.refresh_from_db()
    assert message.status == "delivered"
    assert (
        client.post("/webhooks/46elks/wrong/", {"id": "s17a", "status": "failed"}).status_code
        == 404
    )


@pytest.mark.parametrize(
    "report",
    [
        {"id": "s17a\x00", "status": "delivered"},
        {"id": "s17a", "status": "deliv\x00ered"},
        {"id": "\x00", "status": "failed"},
        {"id": "s17a", "status": "sent"},
        {"id": "", "status": "delivered"},
        {"id": "x" * 101, "status": "delivered"},
        {},
    ],
)
def test_a_delivery_report_that_cannot_be_read_gets_the_400_page(settings, client, report):
    settings.ELKS_WEBHOOK_SECRET = "hook-secret"
    message = Message.objects.create(
        kind="test",
        channel="sms",
        language="sv",
        recipient_type="tests.person",
        recipient_id=1,
        to_address="+46701234567",
        body="Hej",
        status="sent",
        provider_id="s17a",
    )

    response = client.post("/webhooks/46elks/hook-secret/", report)

    assert response.status_code == 400
    assert "Det som skickades kunde inte läsas" in response.content.decode()
    message.refresh_from_db()
    assert message.status == "sent"


def test_a_provider_error_is_retried_with_backoff_and_then_sent_once(
    elks, django_capture_on_commit_callbacks
):
    elks.answers = [(503, {}), (500, {}), (200, {"id": "s99", "status": "created"})]
    with django_capture_on_commit_callbacks(execute=False):
        messages_queue([sms()])
    message = Message.objects.get()

    result = send_message.apply(args=[message.pk])

    assert result.get() == "sent"
    assert len(elks.requests) == 3
    message.refresh_from_db()
    assert (message.status, message.attempts, message.provider_id) == ("sent", 3, "s99")


def test_a_refused_message_fails_at_once_and_a_coordinator_can_send_it_again(
    elks, client, regional_coordinator, django_capture_on_commit_callbacks
):
    elks.answers = [(403, {"error": "no credit"})]
    with django_capture_on_commit_callbacks(execute=False):
        messages_queue([sms()])
    message = Message.objects.get()

    assert message_send(message.pk) == "failed"
    message.refresh_from_db()
    assert (message.status, len(elks.requests)) == ("failed", 1)

    client.force_login(regional_coordinator)
    page = client.get(reverse("outbox"), {"status": "failed"})
    assert "+46701234567" in page.content.decode()
    elks.answers = [(200, {"id": "s2", "status": "created"})]
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("outbox_retry", args=[message.pk]))
    message.refresh_from_db()
    assert message.status == "queued"
    assert message_send(message.pk) == "sent"


def test_a_municipal_coordinator_sees_the_messages_to_their_own_parents_in_words(
    client, open_course, goteborg, molndal, molndal_coordinator, goteborg_coordinator
):
    from participants.services import registration_create
    from tests.participants.conftest import parent

    registration_create(
        course_id=open_course.pk,
        municipality=goteborg,
        **parent(phone="+46701112233", needs_childcare=False),
    )
    client.force_login(goteborg_coordinator)
    page = client.get(reverse("outbox"), {"q": "070-111 22 33"})
    html = page.content.decode()
    assert page.status_code == 200 and "+46701112233" in html
    with translation.override("sv"):
        label = kind_label("registration_confirmed")
    assert f"<td>{label}</td>" in html, "the kind in words, not registration_confirmed"

    client.force_login(molndal_coordinator)
    other = client.get(reverse("outbox")).content.decode()
    assert "+46701112233" not in other, "another municipality's parents are not theirs"


def test_the_sweeper_hands_over_what_the_broker_never_got_and_flags_cut_off_sends(
    file_sms, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        messages_queue([sms("a"), sms("b")])
    waiting, cut_off = Message.objects.order_by("pk")
    Message.objects.filter(pk=cut_off.pk).update(
        status="sending", updated_at=timezone.now() - timezone.timedelta(hours=1)
    )

    report = outbox_sweep()

    assert report["handed_over"] == 1 and report["interrupted"] == 1
    waiting.refresh_from_db()
    cut_off.refresh_from_db()
    assert waiting.enqueued_at is not None
    assert cut_off.status == "failed" and "may have been sent" in cut_off.error


@pytest.mark.parametrize("seed", range(20))
def test_segments_are_counted_as_smsutil_splits_them(seed):
    """The fast count and smsutil's split agree, at the edges of every part size."""
    import random

    import smsutil

    rng = random.Random(seed)
    alphabet = "abcåäö €^{}[]" if seed % 2 else "abcሰላም١٢٣ 😀"
    for length in [*range(60, 75), *range(130, 140), *range(150, 170), 300, 310]:
        text = "".join(rng.choice(alphabet) for _ in range(length))
        split = smsutil.split(text)
        expected = ("GSM-7" if split.encoding == "gsm0338" else "UCS-2", len(split.parts))
        counted = sms_length(text)
        assert (counted.encoding, counted.segments) == expected, text


def test_a_message_waiting_for_its_retry_is_left_alone_by_the_sweeper_until_its_time(
    elks, settings, django_capture_on_commit_callbacks
):
    elks.answers = [(503, {}), (200, {"id": "s7", "status": "created"})]
    with django_capture_on_commit_callbacks(execute=False):
        messages_queue([sms()])
    message = Message.objects.get()

    with pytest.raises(SmsError):
        message_send(message.pk)
    message.refresh_from_db()
    assert message.status == "retrying" and message.attempts == 1
    assert message.retry_at > timezone.now() + timezone.timedelta(seconds=25)

    # The broker holds the retry: the sweeper does not hand over a second copy meanwhile.
    Message.objects.filter(pk=message.pk).update(enqueued_at=timezone.now())
    assert outbox_sweep()["handed_over"] == 0
    # Long after its time the broker has clearly lost it: now the sweeper hands it over.
    stale = timezone.now() - timezone.timedelta(minutes=settings.OUTBOX_SWEEP_AFTER_MINUTES + 1)
    Message.objects.filter(pk=message.pk).update(retry_at=stale)
    assert outbox_sweep()["handed_over"] == 1
    assert message_send(message.pk) == "sent"
    assert message_send(message.pk) == "skipped"
    assert len(elks.requests) == 2


def test_each_kind_of_work_has_its_own_queue():
    """A batch of 200 certificates never delays an SMS: messages, documents and the rest go to
    queues of their own (docker-compose runs a worker per queue)."""
    from equalcity.celery import app

    def queue(task):
        return app.amqp.router.route({}, task, args=(), kwargs={})["queue"].name

    assert queue("equalcity.send_message") == "messages"
    assert queue("equalcity.sweep_outbox") == "messages"
    assert queue("equalcity.render_document") == "documents"
    assert queue("participants.make_certificates") == "documents"
    assert queue("participants.plan_parent_messages") == "default"
    assert queue("participants.anonymise_past_retention") == "default"


class FakeBroker:
    """Stands in for `send_message.apply_async`: records what it is handed, or fails like a
    broker that went away once `up` is False (after `up_for` more messages, when given). As
    Celery does, a publish not told `retry=False` tries a broker that is down again (three
    more times by default), and the caller waits meanwhile."""

    def __init__(self):
        self.handed, self.attempts, self.up, self.up_for = [], 0, True, None

    def publish(self, args, retry=None):
        self.attempts += 1
        if not self.up or self.up_for == 0:
            from kombu.exceptions import OperationalError

            if retry is not False:
                self.attempts += 3
            raise OperationalError("Connection refused")
        if self.up_for is not None:
            self.up_for -= 1
        self.handed.append(args[0])


@pytest.fixture
def broker(monkeypatch):
    from equalcity.outbox import _BrokerState

    fake = FakeBroker()
    monkeypatch.setattr(send_message, "apply_async", fake.publish)
    monkeypatch.setattr(_BrokerState, "down_until", 0.0)  # and back as it was afterwards
    return fake


def test_a_new_message_goes_to_the_broker_right_after_commit_and_the_backlog_stays_with_the_sweeper(
    broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        messages_queue([sms("earlier")])  # written while the broker was away: the sweeper's
    earlier = Message.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        messages_queue([sms("new"), sms("earlier")])
    new = Message.objects.get(stamp="new")

    assert broker.handed == [new.pk]
    new.refresh_from_db()
    earlier.refresh_from_db()
    assert new.enqueued_at is not None and earlier.enqueued_at is None
    # Offered again, a message that exists is not handed over a second time.
    with django_capture_on_commit_callbacks(execute=True):
        assert messages_queue([sms("new")]) == 1
    assert broker.handed == [new.pk]


def test_while_the_broker_is_down_requests_stop_trying_and_the_sweeper_hands_everything_over(
    broker, settings, django_capture_on_commit_callbacks
):
    settings.OUTBOX_BROKER_PAUSE_SECONDS = 30
    broker.up = False
    with django_capture_on_commit_callbacks(execute=True):
        messages_queue([sms("a"), sms("b")])
    assert broker.attempts == 1, "the first failure ends the attempt, without retries"
    with django_capture_on_commit_callbacks(execute=True):
        messages_queue([sms("c")])
    assert broker.attempts == 1, "a registration does not wait on the broker again at once"
    assert list(Message.objects.values_list("status", "enqueued_at")) == [("queued", None)] * 3

    # Still within the pause: the sweeper tries all the same, and the broker is back.
    broker.up = True
    assert outbox_sweep() == {"handed_over": 3, "waiting": 0, "interrupted": 0}
    assert sorted(broker.handed) == sorted(Message.objects.values_list("pk", flat=True))
    assert not Message.objects.filter(enqueued_at=None).exists()
    # It worked: the next registration's message goes to the broker at once.
    with django_capture_on_commit_callbacks(execute=True):
        messages_queue([sms("d")])
    assert broker.handed[-1] == Message.objects.get(stamp="d").pk


def test_when_the_broker_goes_away_mid_sweep_the_rest_wait_for_the_next_sweep(
    broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        messages_queue([sms("a"), sms("b")])
    first, second = Message.objects.order_by("pk")
    broker.up_for = 1

    assert outbox_sweep() == {"handed_over": 1, "waiting": 1, "interrupted": 0}
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.enqueued_at is not None and second.enqueued_at is None

    broker.up_for = None
    assert outbox_sweep() == {"handed_over": 1, "waiting": 0, "interrupted": 0}
    assert broker.handed == [first.pk, second.pk]


def test_the_sweeper_leaves_alone_what_the_broker_holds_and_what_is_done(
    broker, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        messages_queue([sms(key) for key in ("in_hand", "lost", "sent", "sending", "cut_off")])
    now = timezone.now()
    long_ago = now - timezone.timedelta(minutes=settings.OUTBOX_SWEEP_AFTER_MINUTES + 50)
    recently = now - timezone.timedelta(minutes=1)
    Message.objects.filter(stamp="in_hand").update(enqueued_at=recently)
    Message.objects.filter(stamp="lost").update(enqueued_at=long_ago)
    Message.objects.filter(stamp="sent").update(
        status="sent", enqueued_at=long_ago, updated_at=long_ago
    )
    Message.objects.filter(stamp="sending").update(
        status="sending", enqueued_at=long_ago, updated_at=recently
    )
    Message.objects.filter(stamp="cut_off").update(
        status="sending", enqueued_at=long_ago, updated_at=long_ago
    )

    assert outbox_sweep() == {"handed_over": 1, "waiting": 0, "interrupted": 1}

    # A message the broker got long ago and never ran is handed over again.
    assert broker.handed == [Message.objects.get(stamp="lost").pk]
    status = dict(Message.objects.values_list("stamp", "status"))
    assert status == {
        "in_hand": "queued",
        "lost": "queued",
        "sent": "sent",
        "sending": "sending",
        "cut_off": "failed",
    }
    # What the coordinator reads in the outbox, next to the button that sends it again.
    assert Message.objects.get(stamp="cut_off").error == (
        "Interrupted while sending. Check before retrying: it may have been sent."
    )


def test_a_provider_error_waits_thirty_seconds_then_twice_as_long_each_time(elks):
    elks.answers = [(503, {}), (503, {}), (502, {}), (200, {"id": "s5", "status": "created"})]
    messages_queue([sms()])
    message = Message.objects.get()

    for attempt, seconds in [(1, 30), (2, 60), (3, 120)]:
        before = timezone.now()
        with pytest.raises(SmsError):
            message_send(message.pk)
        message.refresh_from_db()
        assert (message.status, message.attempts) == ("retrying", attempt)
        assert message.error.startswith("46elks answered 50")
        wait = timezone.timedelta(seconds=seconds)
        assert before + wait <= message.retry_at <= timezone.now() + wait

    assert message_send(message.pk) == "sent"
    message.refresh_from_db()
    # The outbox shows it sent, without the error of an earlier attempt.
    assert (message.status, message.error, message.retry_at) == ("sent", "", None)


def test_the_last_attempt_fails_for_good_instead_of_waiting_again(elks):
    from equalcity.outbox import MAX_ATTEMPTS

    elks.answers = [(503, {})]
    messages_queue([sms()])
    Message.objects.update(status="retrying", attempts=MAX_ATTEMPTS - 1)
    message = Message.objects.get()

    assert message_send(message.pk) == "failed"

    message.refresh_from_db()
    assert (message.status, message.attempts, message.retry_at) == ("failed", MAX_ATTEMPTS, None)


def test_a_mail_server_that_is_down_is_tried_again_later(settings):
    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    messages_queue([replace(sms(), channel="email", to_address="amina@example.se")])
    message = Message.objects.get()

    with pytest.raises(SmsError):
        message_send(message.pk)

    message.refresh_from_db()
    assert (message.status, message.error) == ("retrying", "mail server: ConnectionRefusedError")
    assert message.retry_at is not None


def test_when_the_task_runs_out_of_retries_the_message_fails_with_the_reason(elks):
    from equalcity.tasks import MAX_RETRIES

    elks.answers = [(503, {})]
    messages_queue([sms(), sms("another")])
    message, another = Message.objects.order_by("pk")

    # The broker redelivers the task for the last time.
    assert send_message.apply(args=[message.pk], retries=MAX_RETRIES).get() == "failed"

    another.refresh_from_db()
    assert another.status == "queued"
    message.refresh_from_db()
    assert (message.status, message.error, message.retry_at) == (
        "failed",
        "46elks answered 503",
        None,
    )


def test_a_delivery_report_changes_only_its_own_message_and_says_why_it_failed(settings, client):
    settings.ELKS_WEBHOOK_SECRET = "hook-secret"
    for provider_id in ("s1", "s2", "s3"):
        messages_queue([sms(provider_id)])
        Message.objects.filter(stamp=provider_id).update(status="sent", provider_id=provider_id)
    webhook = "/webhooks/46elks/hook-secret/"

    client.post(webhook, {"id": "s1", "status": "delivered"})
    client.post(webhook, {"id": "s2", "status": "failed"})
    client.post(webhook, {"id": "s1", "status": "failed"})  # late, and contradicting

    status = dict(Message.objects.values_list("provider_id", "status"))
    assert status == {"s1": "delivered", "s2": "failed", "s3": "sent"}
    errors = dict(Message.objects.values_list("provider_id", "error"))
    assert errors == {"s1": "", "s2": "The phone network could not deliver it.", "s3": ""}


def test_a_message_a_coordinator_sends_again_goes_to_the_broker_after_commit(
    broker, elks, client, regional_coordinator, django_capture_on_commit_callbacks
):
    elks.answers = [(403, {"error": "no credit"})]
    messages_queue([sms()])
    message = Message.objects.get()
    assert message_send(message.pk) == "failed"
    client.force_login(regional_coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("outbox_retry", args=[message.pk]))

    assert broker.handed == [message.pk]
    message.refresh_from_db()
    assert message.status == "queued" and message.enqueued_at is not None


def test_the_planner_hands_over_what_the_broker_has_not_got_and_nothing_twice(broker):
    from equalcity.outbox import enqueue_pending

    messages_queue([sms("planned"), sms("in_hand"), sms("sent")])  # as the planner's SQL writes
    Message.objects.filter(stamp="in_hand").update(enqueued_at=timezone.now())
    Message.objects.filter(stamp="sent").update(status="sent")

    assert enqueue_pending() == 1

    assert broker.handed == [Message.objects.get(stamp="planned").pk]
    assert enqueue_pending() == 0


def test_handing_messages_over_asks_the_same_queries_for_one_or_many(
    broker, django_assert_num_queries
):
    from equalcity.outbox import enqueue_pending

    messages_queue([sms("one")])
    with CaptureQueriesContext(connection) as one:
        assert enqueue_pending() == 1
    messages_queue([sms(f"many{n}") for n in range(5)])
    with django_assert_num_queries(len(one)):
        assert enqueue_pending() == 5
