"""Reads of the shared core."""

from django.db.models import Q, QuerySet

from equalcity.access import scope_for
from equalcity.message_kinds import visible_messages_filter
from equalcity.models import AuditEvent, Message, User


def outbox_messages(
    *, user: User, status: str = "", channel: str = "", kind: str = "", q: str = ""
) -> QuerySet[Message]:
    """The messages a staff member may see, newest first: every message for a regional
    coordinator; for a municipal coordinator those to the parents of their courses."""
    messages = Message.objects.all()
    if not scope_for(user).regional:
        messages = messages.filter(visible_messages_filter(user))
    if q:
        # A phone number as it was typed (070-123 45 67) or an e-mail address.
        digits = "".join(c for c in q if c.isdigit())
        wanted = Q(to_address__icontains=q.strip())
        if len(digits) >= 6:
            wanted |= Q(to_address__endswith=digits[-8:])
        messages = messages.filter(wanted)
    if status:
        messages = messages.filter(status=status)
    if channel:
        messages = messages.filter(channel=channel)
    if kind:
        messages = messages.filter(kind=kind)
    return messages.order_by("-created_at", "-pk")


def audit_events(*, action: str = "", q: str = "") -> QuerySet[AuditEvent]:
    """The audit trail, newest first; what it is about, or a staff member's e-mail address."""
    events = AuditEvent.objects.select_related("actor").order_by("-created_at", "-pk")
    if action:
        events = events.filter(action=action)
    if q:
        events = events.filter(Q(target__icontains=q) | Q(actor__email__icontains=q))
    return events
