"""The one place where a parent is told about a change to their registration.

Services call `registration_notify` inside their transaction, after the change is saved: the
message row is written in the same transaction, and handed to Celery after commit (see
equalcity.outbox). The planner (participants.planning) repeats the same drafts for recent
changes as a safety net; the deduplication key makes the second one a no-op.
"""

from equalcity.capacity import waitlist_position
from equalcity.outbox import messages_queue
from participants.messages import Event, event_draft

__all__ = ["Event", "registration_notify"]


def registration_notify(*, registration, event: Event) -> None:
    """Queue the message that tells the parent about `event`, in their language."""
    draft = event_draft(registration, event, position=waitlist_position(registration))
    if draft:
        messages_queue([draft])
