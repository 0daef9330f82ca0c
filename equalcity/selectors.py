"""Reads of the shared core."""

from equalcity.models import Message


def outbox_messages(*, status="", channel="", kind=""):
    messages = Message.objects.all()
    if status:
        messages = messages.filter(status=status)
    if channel:
        messages = messages.filter(channel=channel)
    if kind:
        messages = messages.filter(kind=kind)
    return messages.order_by("-created_at", "-pk")
