from celery import shared_task

from trainings import planning


@shared_task(
    name="trainings.plan_staff_messages", acks_late=True, soft_time_limit=120, time_limit=180
)
def plan_staff_messages() -> dict:
    return planning.plan_staff_messages()
