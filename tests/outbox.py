"""Deliver what the outbox holds, as the worker would, for tests that read the sent e-mail."""

from equalcity.models import Message
from equalcity.outbox import message_send


def deliver_queued() -> int:
    ids = list(Message.objects.filter(status=Message.Status.QUEUED).values_list("pk", flat=True))
    return sum(message_send(pk) == "sent" for pk in ids)
