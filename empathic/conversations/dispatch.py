"""Where queued analyses go: Celery (``CELERY_BROKER_URL``) or the embedded runner.

The embedded runner is a small thread pool inside the web process: enough for one machine.
``settings.CONVERSATIONS_RUNNER`` chooses "thread" (the default), "inline" (analyse during the
request: tests, scripts) or "manual" (leave it to ``empathic manage process_conversations``).

Layers (checked by the import contracts in pyproject.toml): ``tasks`` imports ``actions``,
``dispatch`` and ``jobs``; ``jobs`` imports ``actions`` (it stores results through them);
``actions`` imports ``dispatch``; ``dispatch`` imports none of them. So this module sends Celery
messages by task name (``app.send_task``) instead of importing ``tasks``, and the embedded runner
calls the job the app hands it at start-up (``set_job``, from ``apps.py``) instead of importing
``jobs``: a producer needs no import of the consumer's code, and no cycle through actions ->
dispatch can form, not even through a function-level import.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import connection

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

logger = logging.getLogger(__name__)

# The name ``tasks.analyse`` is registered under; the worker applies that task's options
# (acks_late, reject_on_worker_lost, retries) to every message sent to it.
ANALYSE_TASK = "empathic.conversations.analyse"

_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()
_in_flight: set[int] = set()
_job: Callable[[int], object] | None = None


def set_job(job: Callable[[int], object]) -> None:
    """What the embedded runner runs per conversation: ``jobs.analyse_conversation``."""
    global _job
    _job = job


def _analyse(pk: int) -> None:
    if _job is None:
        raise RuntimeError("the conversations app is not ready: no analysis job is set")
    _job(pk)


def uses_celery() -> bool:
    return bool(settings.CELERY_BROKER_URL)


def enqueue(conversation_ids: Iterable[int]) -> None:
    ids = list(conversation_ids)
    if not ids:
        return
    if uses_celery():
        _send_to_celery(ids)
        return
    mode = settings.CONVERSATIONS_RUNNER
    if mode == "inline":
        for pk in ids:
            _analyse(pk)
    elif mode == "thread":
        for pk in ids:
            _submit(pk)
    # "manual": the management command picks them up.


def _send_to_celery(ids: list[int]) -> None:
    # Celery wiring: the app (and its broker client) loads only once a broker is configured.
    from empathic.celery_app import app  # noqa: PLC0415

    try:
        with app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
            for pk in ids:
                app.send_task(ANALYSE_TASK, args=[pk], connection=conn, ignore_result=True)
    except Exception:
        # The conversations stay queued; the beat task `requeue_stale` (or the management
        # command) sends them again. The upload itself has succeeded.
        logger.exception("could not queue conversations %s on the broker", ids)


def _submit(pk: int) -> None:
    global _executor
    with _executor_lock:
        if pk in _in_flight:
            return
        _in_flight.add(pk)
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="analysis")
        _executor.submit(_run, pk)


def _run(pk: int) -> None:
    try:
        _analyse(pk)
    except Exception:
        logger.exception("background analysis of conversation %s failed", pk)
    finally:
        with _executor_lock:
            _in_flight.discard(pk)
        connection.close()


def uses_threads() -> bool:
    """The embedded runner: analyses run in a thread pool of each web process."""
    return not uses_celery() and settings.CONVERSATIONS_RUNNER == "thread"


def nudge(conversation_ids: Iterable[int]) -> list[int]:
    """Embedded runner only: resubmit conversations this process is not working on (after a
    restart of the web process, a queued conversation would otherwise wait for the command).
    Returns the ids submitted."""
    if not uses_threads():
        return []
    with _executor_lock:
        missing = [pk for pk in conversation_ids if pk not in _in_flight]
    for pk in missing:
        _submit(pk)
    return missing
