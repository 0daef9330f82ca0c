"""Celery tasks of the shared core: thin wrappers that take primary keys and call services."""

from celery import shared_task
from celery.utils.log import get_task_logger

from equalcity.documents import document_refresh
from equalcity.outbox import message_give_up, message_send, outbox_sweep
from equalcity.sms import SmsError

logger = get_task_logger(__name__)
MAX_RETRIES = 5


@shared_task(
    name="equalcity.send_message",
    bind=True,
    acks_late=True,
    max_retries=MAX_RETRIES,
    soft_time_limit=30,
    time_limit=60,
)
def send_message(self, message_id: int) -> str:
    try:
        return message_send(message_id)
    except SmsError as error:
        if self.request.retries >= MAX_RETRIES:
            message_give_up(message_id, str(error))
            return "failed"
        # Exponential backoff: 30 s, 1 min, 2 min, 4 min, 8 min.
        raise self.retry(countdown=30 * 2**self.request.retries, exc=error) from None


@shared_task(name="equalcity.sweep_outbox", acks_late=True, soft_time_limit=120, time_limit=180)
def sweep_outbox() -> dict:
    return outbox_sweep()


@shared_task(name="equalcity.render_document", acks_late=True, soft_time_limit=120, time_limit=180)
def render_document(kind: str, key: str, languages: list[str]) -> int:
    """Bring a document up to date in each language; running it twice renders nothing new."""
    return len(document_refresh(kind=kind, key=key, languages=languages))
