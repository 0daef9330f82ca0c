"""SMS replies: stored once, tied to the last SMS we sent to that number, handed to its app.

A reply is read (equalcity.replies), stored, and tied to the last message we sent to the
sender's number: that message says who the parent is and what they were asked, so a number on
two courses is resolved by what we last wrote to it, never guessed. The app that wrote the
message handles the reply: the core keeps a registry by the message's recipient type, which the
apps fill in their AppConfig.ready(), and names no app.
"""

import datetime as dt
import logging
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from equalcity.models import InboundMessage, Message
from equalcity.phones import phone_e164
from equalcity.replies import interpret
from equalcity.sms import mask_phone

logger = logging.getLogger(__name__)
#: A parent can answer only what reached their phone.
SENT = (Message.Status.SENDING, Message.Status.SENT, Message.Status.DELIVERED)

#: `handler(inbound=..., message=...)` → whether the reply was dealt with (an answer recorded,
#: reminders turned off); a reply left unhandled waits for a person in the staff inbox.
ReplyHandler = Callable[..., bool]
_HANDLERS: dict[str, ReplyHandler] = {}


def register_reply_handler(recipient_type: str, handler: ReplyHandler) -> None:
    _HANDLERS[recipient_type] = handler


def our_numbers() -> set[str]:
    """The numbers parents can text: ELKS_NUMBERS, and SMS_SENDER when it is a number."""
    numbers = {phone_e164(number) for number in settings.ELKS_NUMBERS}
    numbers.add(phone_e164(settings.SMS_SENDER))
    return {number for number in numbers if number is not None}


def last_sms_to(number: str) -> Message | None:
    return (
        Message.objects.filter(channel=Message.Channel.SMS, to_address=number, status__in=SENT)
        .order_by("-created_at", "-pk")
        .first()
    )


def inbound_receive(
    *,
    provider_id: str,
    from_number: str,
    to_number: str,
    body: str,
    received_at: dt.datetime | None = None,
) -> tuple[InboundMessage, bool]:
    """Store a reply and have it handled; the same provider id a second time does nothing.
    Returns the reply and whether it was new."""
    existing = InboundMessage.objects.filter(provider_id=provider_id).first()
    if existing is not None:
        return existing, False
    with transaction.atomic():
        answers = last_sms_to(from_number)
        inbound = InboundMessage(
            provider_id=provider_id,
            from_number=from_number,
            to_number=to_number,
            body=body,
            received_at=received_at or timezone.now(),
            interpretation=interpret(body),
            answers=answers,
            recipient_type=answers.recipient_type if answers else "",
            recipient_id=answers.recipient_id if answers else 0,
        )
        inbound.full_clean(exclude=["provider_id"])  # its uniqueness is the database's to keep
        try:
            with transaction.atomic():
                inbound.save()
        except IntegrityError:  # the same delivery, twice at once: the other one handles it
            return InboundMessage.objects.get(provider_id=provider_id), False
        handler = _HANDLERS.get(inbound.recipient_type)
        if handler is not None and handler(inbound=inbound, message=answers):
            inbound.handled = True
            inbound.save(update_fields=["handled"])
    logger.info(
        "Reply %s from %s: %s, %s",
        inbound.pk,
        mask_phone(from_number),
        inbound.interpretation,
        "handled" if inbound.handled else "for a person to read",
    )
    return inbound, True
