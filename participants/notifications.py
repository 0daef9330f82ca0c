"""The one place where a parent is told about a change to their registration.

Services call `registration_notify` inside their transaction, after the change is saved. The
messages issue connects it to the outbox (a row per message, sent after commit in the
parent's language); until then nothing is sent and the call documents where that happens.
"""

from enum import StrEnum


class Event(StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    PROMOTED = "promoted"
    CANCELLED = "cancelled"


def registration_notify(*, registration, event: Event) -> None:
    """Tell the parent about `event`. Connected to the outbox by the messages issue."""
