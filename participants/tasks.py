"""Celery tasks for parents' messages: thin wrappers around participants.planning."""

from celery import shared_task

from participants import planning
from participants.certificates import certificate_batch_run, certificate_batches_sweep
from participants.privacy import retention_run


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
