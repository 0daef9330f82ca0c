"""Celery tasks for parents' messages: thin wrappers around participants.planning."""

from celery import shared_task

from participants import planning


@shared_task(
    name="participants.plan_parent_messages", acks_late=True, soft_time_limit=240, time_limit=300
)
def plan_parent_messages() -> dict:
    return planning.plan_parent_messages()


@shared_task(
    name="participants.notify_meeting_change", acks_late=True, soft_time_limit=60, time_limit=120
)
def notify_meeting_change(meeting_id: int) -> int:
    return planning.notify_meeting_change(meeting_id=meeting_id)
