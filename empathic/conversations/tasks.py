"""Celery tasks: thin wrappers over ``jobs`` and ``actions`` (the same code runs embedded)."""

from __future__ import annotations

from celery import shared_task

from empathic.conversations import jobs
from empathic.conversations.actions import purge_expired_conversations
from empathic.conversations.dispatch import ANALYSE_TASK, enqueue
from empathic.conversations.jobs import OutcomeState


@shared_task(
    bind=True,
    name=ANALYSE_TASK,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,
    ignore_result=True,
)
def analyse(self, conversation_id: int) -> str:
    outcome = jobs.analyse_conversation(conversation_id)
    if outcome.state == OutcomeState.BUSY:
        # Another worker holds a live lease. Keep the message alive until that lease would
        # expire: if that worker dies, this delivery takes over; if not, it finds it finished.
        raise self.retry(countdown=outcome.retry_in)
    return outcome.state


@shared_task(name="empathic.conversations.purge_expired", ignore_result=True)
def purge_expired() -> int:
    return sum(purge_expired_conversations(acting_user=None).values())


@shared_task(name="empathic.conversations.requeue_stale", ignore_result=True)
def requeue_stale() -> int:
    ids = jobs.pending_ids(stale_after=jobs.lease_seconds())
    enqueue(ids)
    return len(ids)
