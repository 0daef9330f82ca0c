"""Celery tasks of the shared core: thin wrappers that take primary keys and call services."""

from celery import shared_task
from celery.utils.log import get_task_logger

from equalcity.documents import document_refresh
from equalcity.outbox import MAX_ATTEMPTS, message_give_up, message_send, outbox_sweep, retry_delay
from equalcity.refs import Ref
from equalcity.sms import SmsError

logger = get_task_logger(__name__)
MAX_RETRIES = MAX_ATTEMPTS - 1


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
        # The row waits as "retrying" with the same time (see outbox.retry_delay).
        raise self.retry(countdown=retry_delay(self.request.retries + 1), exc=error) from None


@shared_task(name="equalcity.sweep_outbox", acks_late=True, soft_time_limit=120, time_limit=180)
def sweep_outbox() -> dict:
    return outbox_sweep()


@shared_task(name="equalcity.render_document", acks_late=True, soft_time_limit=120, time_limit=180)
def render_document(kind: str, source_type: str, source_id: int, languages: list[str]) -> int:
    """Bring a document up to date in each language; running it twice renders nothing new."""
    source = Ref(source_type, source_id)
    return len(document_refresh(kind=kind, source=source, languages=languages))
