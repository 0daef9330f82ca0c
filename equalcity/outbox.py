"""The message outbox: queue, send exactly once, sweep, retry, delivery reports.

A message is a row before it is anything else. It is written inside the transaction of the
change it reports (a registration, a moved meeting), and handed to Celery only after commit;
if the broker is down then, the row simply waits as `queued` and the sweeper hands it over
later. Sending re-reads the row under a lock and sends only from `queued`, marking it `sending`
first, so a second task for the same row, or a retry, finds nothing to do. A worker killed
mid-send leaves the row `sending`; the sweeper marks it failed for a person to check, rather
than risk a second SMS.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from equalcity.models import Message
from equalcity.sms import SmsError, sms_backend, sms_length

logger = logging.getLogger(__name__)
Status = Message.Status
STUCK_SENDING_MINUTES = 30
BATCH = 1000


@dataclass(frozen=True)
class Draft:
    """A message to be: rendered already, in the recipient's language."""

    kind: str
    dedup_key: str
    recipient: str
    channel: str
    language: str
    to_address: str
    body: str
    subject: str = ""

    def to_message(self) -> Message:
        segments = sms_length(self.body).segments if self.channel == Message.Channel.SMS else 0
        return Message(
            kind=self.kind,
            dedup_key=self.dedup_key,
            recipient=self.recipient,
            channel=self.channel,
            language=self.language,
            to_address=self.to_address,
            subject=self.subject,
            body=self.body,
            segments=segments,
        )


def messages_queue(drafts: Iterable[Draft]) -> int:
    """Write the messages that do not exist yet, and hand them to Celery after commit.

    Duplicates (same dedup_key) are skipped by the database, in bulk: two planners at once, or
    one running twice, create each message once. Returns how many keys were offered.
    """
    keys = []
    rows = []
    for draft in drafts:
        keys.append(draft.dedup_key)
        rows.append(draft.to_message())
    if not rows:
        return 0
    Message.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
    transaction.on_commit(lambda: enqueue_keys(keys))
    return len(rows)


def enqueue_keys(keys: list[str]):
    for start in range(0, len(keys), BATCH):
        ids = list(
            Message.objects.filter(
                dedup_key__in=keys[start : start + BATCH], status=Status.QUEUED, enqueued_at=None
            ).values_list("pk", flat=True)
        )
        enqueue(ids)


def enqueue_pending() -> int:
    """Hand over every queued message the broker has not been given yet."""
    ids = list(
        Message.objects.filter(status=Status.QUEUED, enqueued_at=None)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return enqueue(ids)


def enqueue(ids: list[int]) -> int:
    """Hand messages to the broker. A broker that is down is logged, never raised: the rows
    stay queued and the sweeper tries again."""
    from equalcity.tasks import send_message

    handed = []
    for pk in ids:
        try:
            send_message.apply_async(args=[pk], retry=False)
        except Exception as error:  # noqa: BLE001 - any broker failure leaves the row queued
            logger.warning(
                "Broker unavailable, message %s stays queued: %s", pk, type(error).__name__
            )
            break
        handed.append(pk)
    now = timezone.now()
    for start in range(0, len(handed), BATCH):
        Message.objects.filter(pk__in=handed[start : start + BATCH]).update(enqueued_at=now)
    return len(handed)


def message_send(message_id: int) -> str:
    """Send one message if it is still queued. Returns what happened, for logs and tests."""
    with transaction.atomic():
        message = Message.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status != Status.QUEUED:
            return "skipped"
        message.status = Status.SENDING
        message.attempts += 1
        message.save(update_fields=["status", "attempts", "updated_at"])
    try:
        provider_id = _deliver(message)
    except SmsError as error:
        message.error = str(error)[:300]
        message.status = Status.QUEUED if error.retry else Status.FAILED
        message.save(update_fields=["status", "error", "updated_at"])
        if error.retry:
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


def message_give_up(message_id: int, reason: str):
    """After the last retry: failed, with the reason, for a coordinator to see and retry."""
    Message.objects.filter(pk=message_id, status=Status.QUEUED).update(
        status=Status.FAILED, error=reason[:300], updated_at=timezone.now()
    )


def outbox_sweep() -> dict:
    """Hand over messages the broker never got; flag sends that were cut off."""
    now = timezone.now()
    stale = now - timezone.timedelta(minutes=settings.OUTBOX_SWEEP_AFTER_MINUTES)
    waiting = list(
        Message.objects.filter(status=Status.QUEUED)
        .filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=stale))
        .order_by("pk")
        .values_list("pk", flat=True)[:5000]
    )
    handed = enqueue(waiting)
    stuck = Message.objects.filter(
        status=Status.SENDING,
        updated_at__lt=now - timezone.timedelta(minutes=STUCK_SENDING_MINUTES),
    ).update(
        status=Status.FAILED,
        error="Interrupted while sending. Check before retrying: it may have been sent.",
        updated_at=now,
    )
    return {"handed_over": handed, "waiting": len(waiting) - handed, "interrupted": stuck}


def message_retry(message: Message) -> Message:
    """A coordinator sends a failed message again."""
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message.pk)
        if message.status != Status.FAILED:
            return message
        message.status = Status.QUEUED
        message.enqueued_at = None
        message.save(update_fields=["status", "enqueued_at", "updated_at"])
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
