"""Celery tasks for parents' messages: thin wrappers around participants.planning."""

import logging

from celery import shared_task

from participants import planning
from participants.certificates import certificate_batch_run, certificate_batches_sweep
from participants.privacy import retention_run

logger = logging.getLogger(__name__)


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


def notify_meeting_change_later(meeting_id: int) -> None:
    """Courses' hook for a moved or cancelled meeting (registered in participants.apps). If the
    broker is down, the planner finds the change by `changed_at` within minutes."""
    try:
        notify_meeting_change.apply_async(args=[meeting_id], retry=False)
    except Exception as error:  # noqa: BLE001 - the planner is the fallback
        logger.warning(
            "Meeting change %s left to the planner: %s", meeting_id, type(error).__name__
        )


@shared_task(
    name="participants.make_certificates", acks_late=True, soft_time_limit=600, time_limit=900
)
def make_certificates(batch_id: int) -> int:
    return certificate_batch_run(batch_id).done


@shared_task(name="participants.sweep_certificate_batches", soft_time_limit=60, time_limit=120)
def sweep_certificate_batches() -> int:
    return certificate_batches_sweep()


@shared_task(
    name="participants.anonymise_past_retention",
    acks_late=True,
    soft_time_limit=600,
    time_limit=900,
)
def anonymise_past_retention() -> dict:
    return retention_run()
