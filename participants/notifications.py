"""The one place where a parent is told about a change to their registration.

Services call `registration_notify` inside their transaction, after the change is saved: the
message row is written in the same transaction, and handed to Celery after commit (see
equalcity.outbox). The planner (participants.planning) repeats the same drafts for recent
changes as a safety net; the message's identity (recipient, kind, stamp) makes the second
one a no-op.
"""

from equalcity.capacity import waitlist_position
from equalcity.outbox import messages_queue
from participants.messages import Event, event_drafts
from participants.models import Registration

__all__ = ["Event", "registration_notify"]


def registration_notify(*, registration: Registration, event: Event) -> None:
    """Queue the message that tells the parent about `event`, in their language."""
    messages_queue(event_drafts(registration, event, position=waitlist_position(registration)))
