"""Where queued analyses go: Celery (``CELERY_BROKER_URL``) or the embedded runner.

The embedded runner is a small thread pool inside the web process: enough for one machine.
``settings.CONVERSATIONS_RUNNER`` chooses "thread" (the default), "inline" (analyse during the
request: tests, scripts) or "manual" (leave it to ``empathic manage process_conversations``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)

_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()
_in_flight: set[int] = set()


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
        from empathic.conversations.jobs import analyse_conversation

        for pk in ids:
            analyse_conversation(pk)
    elif mode == "thread":
        for pk in ids:
            _submit(pk)
    # "manual": the management command picks them up.


def _send_to_celery(ids: list[int]) -> None:
    from empathic.celery_app import app
    from empathic.conversations.tasks import analyse

    try:
        with app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
            for pk in ids:
                analyse.apply_async(args=[pk], connection=conn)
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
    from empathic.conversations.jobs import analyse_conversation

    try:
        analyse_conversation(pk)
    except Exception:
        logger.exception("background analysis of conversation %s failed", pk)
    finally:
        with _executor_lock:
            _in_flight.discard(pk)
        connection.close()


def nudge(conversation_ids: Iterable[int]) -> None:
    """Embedded runner only: resubmit conversations this process is not working on (after a
    restart of the web process, a queued conversation would otherwise wait for the command)."""
    if uses_celery() or settings.CONVERSATIONS_RUNNER != "thread":
        return
    with _executor_lock:
        missing = [pk for pk in conversation_ids if pk not in _in_flight]
    for pk in missing:
        _submit(pk)
