"""The analysis job: one function, the same code for the embedded thread, the management
command and Celery workers.

Idempotent by construction:

1. **Claim.** One conditional UPDATE moves the conversation to ``running`` and sets a lease
   (owner id + expiry) only if it is ``queued``, or ``running`` under an expired lease (its
   worker died). Whoever's UPDATE matched owns it; everyone else does nothing.
2. **Compute** from the stored, already-redacted turns, renewing the lease while it runs.
3. **Write** (``actions.store_analysis``, from the values ``results.py`` maps the analysis to)
   scores, the summary row and ``done`` in one transaction that first locks the
   conversation and checks that this worker still holds the lease. A worker that lost its lease
   (it stalled, someone else took over) writes nothing; the summary is one-to-one with the
   conversation, so the database refuses a second set of results anyway.

The claim and the lease renewals are the queue's own bookkeeping (who is working on what, until
when), not a person's act on client text, so they are plain conditional UPDATEs here with no
audit row; every write of results or of a failure goes through ``actions``, with its audit row.

A duplicate delivery of a finished conversation is a no-op; a delivery that finds another
worker's live lease asks to be retried once that lease would expire (see ``tasks.py``), so a
message is never dropped while its conversation is unfinished.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import connection
from django.db.models import F, Q
from django.utils import timezone

from empathic.analysis.errors import AnalysisError
from empathic.analysis.pipeline import analyse_transcript
from empathic.analysis.transcripts import Transcript, Turn
from empathic.conversations import actions, dispatch
from empathic.conversations.ingest import PRACTITIONER_LABEL
from empathic.conversations.limits import limit_message, transcript_limits
from empathic.conversations.models import Conversation, Status
from empathic.conversations.results import analysis_rows

if TYPE_CHECKING:
    from empathic.analysis.results import ConversationAnalysis

logger = logging.getLogger(__name__)

# Test-only: hold each claimed job this many seconds before computing, so a test can kill a
# worker while it is certainly mid-task. The analysis itself is always the real one.
HOLD_ENV = "EMPATHIC_TEST_ANALYSIS_HOLD_SECONDS"
GENERIC_FAILURE = "the analysis stopped with an internal error; see the server log"


class OutcomeState(StrEnum):
    """How one call of ``analyse_conversation`` ended (the values are what logs and the
    management command print)."""

    # Claimed work ended:
    DONE = "done"  # results stored
    FAILED = "failed"  # the failure reason stored
    LOST = "lost"  # the lease went to another worker first: nothing written
    # Not claimed:
    FINISHED = "finished"  # already analysed (or failed) by someone
    BUSY = "busy"  # another worker holds a live lease: retry after ``retry_in``
    GONE = "gone"  # the conversation was deleted


@dataclass(frozen=True)
class Outcome:
    state: OutcomeState
    retry_in: float = 0.0


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def lease_seconds() -> int:
    return int(settings.CONVERSATIONS_LEASE_SECONDS)


def claim(conversation_id: int, owner: str) -> Outcome | None:
    """Take the conversation for ``owner``; None when taken, else why not."""
    now = timezone.now()
    taken = (
        Conversation.objects.filter(pk=conversation_id)
        .filter(Q(status=Status.QUEUED) | Q(status=Status.RUNNING, lease_expires_at__lt=now))
        .update(
            status=Status.RUNNING,
            lease_owner=owner,
            lease_expires_at=now + timedelta(seconds=lease_seconds()),
            attempts=F("attempts") + 1,
            started_at=now,
            failure_reason="",
        )
    )
    if taken:
        return None
    row = (
        Conversation.objects.filter(pk=conversation_id).values("status", "lease_expires_at").first()
    )
    if row is None:
        return Outcome(OutcomeState.GONE)
    if row["status"] == Status.RUNNING and row["lease_expires_at"] is not None:
        remaining = (row["lease_expires_at"] - now).total_seconds()
        return Outcome(OutcomeState.BUSY, retry_in=max(remaining, 0.0) + 1.0)
    return Outcome(OutcomeState.FINISHED)


class _LeaseKeeper(threading.Thread):
    """Renews the lease while a long analysis runs, so only a dead worker's lease expires."""

    def __init__(self, conversation_id: int, owner: str) -> None:
        super().__init__(daemon=True, name=f"lease-{conversation_id}")
        self.conversation_id, self.owner = conversation_id, owner
        self.stopped = threading.Event()

    def run(self) -> None:
        interval = max(lease_seconds() / 3, 0.5)
        try:
            while not self.stopped.wait(interval):
                Conversation.objects.filter(
                    pk=self.conversation_id, status=Status.RUNNING, lease_owner=self.owner
                ).update(lease_expires_at=timezone.now() + timedelta(seconds=lease_seconds()))
        except Exception:  # the job itself reports database trouble
            logger.exception("could not renew the lease of conversation %s", self.conversation_id)
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()


def load_transcript(conversation_id: int) -> tuple[Transcript, tuple[str, ...]]:
    """The stored (redacted) turns, and each turn's role as the upload decided it: the
    analysis uses those roles rather than working them out again from speaker names."""
    conversation = Conversation.objects.get(pk=conversation_id)
    rows = list(
        conversation.turns.order_by("index").values_list("role", "speaker", "text", "start")
    )
    turns = tuple(Turn(speaker=speaker, text=text, start=start) for _, speaker, text, start in rows)
    roles = tuple(role for role, *_ in rows)
    return Transcript(turns=turns, source_format=conversation.source_format), roles


def _practitioner_speaker(transcript: Transcript, roles: tuple[str, ...]) -> str:
    """Who the report names as the practitioner: the speaker of the stored practitioner turns."""
    pairs = zip(transcript.turns, roles, strict=True)
    return next((t.speaker for t, role in pairs if role == "practitioner"), PRACTITIONER_LABEL)


def analyse_conversation(conversation_id: int, *, owner: str | None = None) -> Outcome:
    """Claim, analyse and store one conversation. Safe to call any number of times."""
    owner = owner or worker_id()
    refused = claim(conversation_id, owner)
    if refused is not None:
        return refused
    keeper = _LeaseKeeper(conversation_id, owner)
    keeper.start()
    try:
        hold = float(os.environ.get(HOLD_ENV, "0") or 0)
        if hold > 0:
            time.sleep(hold)
        transcript, roles = load_transcript(conversation_id)
        # The limits again: a conversation stored before they applied (or under looser ones)
        # fails with a reason instead of holding this worker, and the time budget is enforced.
        analysis = analyse_transcript(
            transcript,
            practitioner=_practitioner_speaker(transcript, roles),
            roles=roles,
            limits=transcript_limits(),
        )
        if len(analysis.turns) != len(transcript.turns):
            raise RuntimeError("the analysis returned a different number of turns")
    except Exception as error:
        keeper.stop()
        if isinstance(error, AnalysisError):  # the transcript's fault: say what is wrong
            reason = limit_message(error)
            reason = reason.splitlines()[0] if reason else type(error).__name__
        else:  # the server's fault (models missing, a bug): details in the log only
            logger.exception("analysis of conversation %s failed", conversation_id)
            reason = GENERIC_FAILURE
        return _store_failure(conversation_id, owner, reason)
    keeper.stop()
    return _store_results(conversation_id, owner, analysis)


def _store_failure(conversation_id: int, owner: str, reason: str) -> Outcome:
    written = actions.store_analysis_failure(
        conversation_id=conversation_id, owner=owner, reason=reason, acting_user=None
    )
    return Outcome(OutcomeState.FAILED if written else OutcomeState.LOST)


def _store_results(conversation_id: int, owner: str, analysis: ConversationAnalysis) -> Outcome:
    written = actions.store_analysis(
        conversation_id=conversation_id,
        owner=owner,
        rows=analysis_rows(analysis),
        acting_user=None,
    )
    return Outcome(OutcomeState.DONE if written else OutcomeState.LOST)


def pending_ids(*, stale_after: float | None = None, limit: int = 1000) -> list[int]:
    """Conversations waiting for a worker: queued (longer than ``stale_after`` seconds, when
    given) or running under an expired lease."""
    now = timezone.now()
    queued = Q(status=Status.QUEUED)
    if stale_after is not None:
        queued &= Q(created_at__lt=now - timedelta(seconds=stale_after))
    stale = Q(status=Status.RUNNING, lease_expires_at__lt=now)
    return list(
        Conversation.objects.filter(queued | stale)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )


SWEEP_SECONDS = 60.0
"""How often the embedded runner looks for work nobody is doing (see ``start_sweeper``)."""
_sweeper_lock = threading.Lock()
_sweeper: threading.Thread | None = None


def sweep() -> list[int]:
    """Embedded runner: hand this process's pool every conversation waiting for a worker that
    it is not working on (queued before the web process restarted, or running under the
    expired lease of a worker that died). The claim makes a second delivery harmless. Returns
    the ids handed over."""
    if not dispatch.uses_threads():
        return []
    return dispatch.nudge(pending_ids())


def _sweep_forever(interval: float) -> None:
    while True:
        try:
            sweep()
        except Exception:  # a database that is not there yet: try again next round
            logger.exception("could not look for waiting conversations")
        finally:
            connection.close()
        time.sleep(interval)


def start_sweeper(interval: float = SWEEP_SECONDS) -> bool:
    """Embedded runner only: ``sweep`` now and every ``interval`` seconds in a daemon thread of
    this web process, started once (by ``empathic.wsgi``). Work is picked up by the workers
    themselves, never by a page view; Celery has the beat task ``requeue_stale`` instead.
    False when nothing was started (another runner, or already running)."""
    global _sweeper
    if not dispatch.uses_threads():
        return False
    with _sweeper_lock:
        if _sweeper is not None:
            return False
        _sweeper = threading.Thread(
            target=_sweep_forever, args=(interval,), daemon=True, name="analysis-sweeper"
        )
        _sweeper.start()
    return True
