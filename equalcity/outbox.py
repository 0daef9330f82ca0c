"""The message outbox: queue, send exactly once, sweep, retry, delivery reports.

A message is a row before it is anything else. It is written inside the transaction of the
change it reports (a registration, a moved meeting), and handed to Celery only after commit;
if the broker is down then, the row simply waits as `queued` and the sweeper hands it over
later. Sending re-reads the row under a lock and sends only from `queued`, marking it `sending`
first, so a second task for the same row, or a retry, finds nothing to do. A worker killed
mid-send leaves the row `sending`; the sweeper marks it failed for a person to check, rather
than risk a second SMS.
"""

import datetime as dt
import logging
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypedDict

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from equalcity.models import Message, User
from equalcity.refs import NOTHING, Ref
from equalcity.selectors import outbox_messages
from equalcity.sms import SmsError, sms_backend, sms_length

logger = logging.getLogger(__name__)
Status = Message.Status
STUCK_SENDING_MINUTES = 30
BATCH = 1000
#: Backoff before attempt n+1 after a provider error: 30 s, 1 min, 2 min, 4 min, 8 min.
RETRY_BASE_SECONDS = 30
MAX_ATTEMPTS = 6


@dataclass(frozen=True)
class Draft:
    """A message to be: rendered already, in the recipient's language.

    `recipient` is who gets it, `about` what it is about and `stamp` which version of that
    (a meeting's start time, say): together with `kind` they are the message's identity, and the
    database stores each identity once.
    """

    kind: str
    recipient: Ref
    channel: str
    language: str
    to_address: str
    body: str
    subject: str = ""
    about: Ref = NOTHING
    stamp: str = ""

    def to_message(self, batch: uuid.UUID) -> Message:
        segments = sms_length(self.body).segments if self.channel == Message.Channel.SMS else 0
        return Message(
            kind=self.kind,
            recipient_type=self.recipient.type,
            recipient_id=self.recipient.id,
            about_type=self.about.type,
            about_id=self.about.id,
            stamp=self.stamp,
            channel=self.channel,
            language=self.language,
            to_address=self.to_address,
            subject=self.subject,
            body=self.body,
            segments=segments,
            batch=batch,
        )


def messages_queue(drafts: Iterable[Draft]) -> int:
    """Write the messages that do not exist yet, and hand them to Celery after commit.

    Duplicates (same recipient, kind, subject and stamp) are skipped by the database, in bulk: two
    planners at once, or one running twice, create each message once. Returns how many drafts
    were offered.
    """
    batch = uuid.uuid4()
    rows = [draft.to_message(batch) for draft in drafts]
    if not rows:
        return 0
    Message.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
    transaction.on_commit(lambda: enqueue_batch(batch))
    return len(rows)


def enqueue_batch(batch: uuid.UUID) -> int:
    """Hand over the messages one `messages_queue` call wrote (not the ones that existed)."""
    ids = list(
        Message.objects.filter(batch=batch, status=Status.QUEUED, enqueued_at=None)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return enqueue(ids)


def enqueue_pending() -> int:
    """Hand over every queued message the broker has not been given yet."""
    ids = list(
        Message.objects.filter(status=Status.QUEUED, enqueued_at=None)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return enqueue(ids)


class _BrokerState:
    """After a failed publish, web requests stop trying for a while: a parent's registration
    must never wait for a broker that is down. The sweeper hands the rows over later."""

    down_until = 0.0

    @classmethod
    def is_down(cls) -> bool:
        return time.monotonic() < cls.down_until

    @classmethod
    def failed(cls) -> None:
        cls.down_until = time.monotonic() + settings.OUTBOX_BROKER_PAUSE_SECONDS

    @classmethod
    def reset(cls) -> None:
        cls.down_until = 0.0


def enqueue(ids: list[int], *, force: bool = False) -> int:
    """Hand messages to the broker. A broker that is down is logged, never raised: the rows
    stay queued and the sweeper tries again. After a failure, callers other than the sweeper
    (`force`) skip the broker for OUTBOX_BROKER_PAUSE_SECONDS instead of waiting on it again."""
    from equalcity.tasks import send_message

    if not ids or (_BrokerState.is_down() and not force):
        return 0
    handed: list[int] = []
    for pk in ids:
        try:
            send_message.apply_async(args=[pk], retry=False)
        except Exception as error:  # noqa: BLE001 - any broker failure leaves the row queued
            _BrokerState.failed()
            logger.warning(
                "Broker unavailable, message %s stays queued: %s", pk, type(error).__name__
            )
            break
        handed.append(pk)
    else:
        _BrokerState.reset()
    now = timezone.now()
    for start in range(0, len(handed), BATCH):
        Message.objects.filter(pk__in=handed[start : start + BATCH]).update(enqueued_at=now)
    return len(handed)


def retry_delay(attempts: int) -> int:
    """Seconds to wait after the `attempts`-th failed attempt."""
    # int ** int is Any to mypy (a negative power is a float); this power never is negative.
    delay: int = RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return delay


def message_send(message_id: int) -> str:
    """Send one message if it is still queued. Returns what happened, for logs and tests."""
    with transaction.atomic():
        # Another worker holding the row is sending it: skip rather than wait for it.
        message = Message.objects.select_for_update(skip_locked=True).filter(pk=message_id).first()
        if message is None or message.status not in (Status.QUEUED, Status.RETRYING):
            return "skipped"
        message.status = Status.SENDING
        message.attempts += 1
        message.retry_at = None
        message.save(update_fields=["status", "attempts", "retry_at", "updated_at"])
    try:
        provider_id = _deliver(message)
    except SmsError as error:
        message.error = str(error)[:300]
        if error.retry and message.attempts < MAX_ATTEMPTS:
            # Waiting for its backoff: the sweeper leaves it alone until retry_at has passed.
            message.status = Status.RETRYING
            message.retry_at = timezone.now() + dt.timedelta(seconds=retry_delay(message.attempts))
        else:
            message.status = Status.FAILED
        message.save(update_fields=["status", "error", "retry_at", "updated_at"])
        if message.status == Status.RETRYING:
            raise
        logger.warning("Message %s failed: %s", message.pk, message.error)
        return "failed"
    message.status = Status.SENT
    message.provider_id = provider_id
    message.sent_at = timezone.now()
    message.error = ""
    message.save(update_fields=["status", "provider_id", "sent_at", "error", "updated_at"])
    return "sent"


def _deliver(message: Message) -> str:
    reference = f"m{message.pk}"
    if message.channel == Message.Channel.SMS:
        return sms_backend().send(to=message.to_address, body=message.body, reference=reference)
    try:
        EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.to_address],
            headers={"X-Equalcity-Message": reference},
        ).send()
    except OSError as error:
        raise SmsError(f"mail server: {type(error).__name__}", retry=True) from None
    return reference


def message_give_up(message_id: int, reason: str) -> None:
    """After the last retry: failed, with the reason, for a coordinator to see and retry."""
    Message.objects.filter(pk=message_id, status__in=[Status.QUEUED, Status.RETRYING]).update(
        status=Status.FAILED, error=reason[:300], retry_at=None, updated_at=timezone.now()
    )


class SweepResult(TypedDict):
    handed_over: int
    waiting: int
    interrupted: int


def outbox_sweep() -> SweepResult:
    """Hand over messages the broker never got, and retries whose backoff has long passed
    without the broker running them; flag sends that were cut off. A message still waiting for
    its backoff is left alone."""
    now = timezone.now()
    stale = now - dt.timedelta(minutes=settings.OUTBOX_SWEEP_AFTER_MINUTES)
    with transaction.atomic():
        # Claimed with SKIP LOCKED: two sweepers (or two workers) take different rows.
        waiting = list(
            Message.objects.select_for_update(skip_locked=True)
            .filter(
                Q(status=Status.QUEUED, enqueued_at__isnull=True)
                | Q(status=Status.QUEUED, enqueued_at__lt=stale)
                | Q(status=Status.RETRYING, retry_at__lt=stale)
            )
            .order_by("pk")
            .values_list("pk", flat=True)[:5000]
        )
        Message.objects.filter(pk__in=waiting).update(enqueued_at=now)
    handed = enqueue(waiting, force=True)
    if handed < len(waiting):  # the broker went away mid-way: the rest wait for the next sweep
        Message.objects.filter(pk__in=waiting[handed:], enqueued_at=now).update(enqueued_at=None)
    stuck = Message.objects.filter(
        status=Status.SENDING,
        updated_at__lt=now - dt.timedelta(minutes=STUCK_SENDING_MINUTES),
    ).update(
        status=Status.FAILED,
        error="Interrupted while sending. Check before retrying: it may have been sent.",
        updated_at=now,
    )
    return {"handed_over": handed, "waiting": len(waiting) - handed, "interrupted": stuck}


def message_retry(*, user: User, message: Message) -> Message:
    """A coordinator sends a failed message again: one they may see in the outbox (every
    message for a regional coordinator, those to their own parents for a municipal one)."""
    if not outbox_messages(user=user).filter(pk=message.pk).exists():
        raise PermissionDenied
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message.pk)
        if message.status != Status.FAILED:
            return message
        message.status = Status.QUEUED
        message.enqueued_at = None
        message.retry_at = None
        message.save(update_fields=["status", "enqueued_at", "retry_at", "updated_at"])
        transaction.on_commit(lambda: enqueue([message.pk]))
    return message


def delivery_report(*, provider_id: str, delivered: bool) -> bool:
    """The provider's word on a sent SMS. Returns whether a message was found."""
    updated = Message.objects.filter(
        provider_id=provider_id, status__in=[Status.SENT, Status.SENDING]
    ).update(
        status=Status.DELIVERED if delivered else Status.FAILED,
        error="" if delivered else "The phone network could not deliver it.",
        updated_at=timezone.now(),
    )
    return bool(updated)
