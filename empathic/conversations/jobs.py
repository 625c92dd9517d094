"""The analysis job: one function, the same code for the embedded thread, the management
command and Celery workers.

Idempotent by construction:

1. **Claim.** One conditional UPDATE moves the conversation to ``running`` and sets a lease
   (owner id + expiry) only if it is ``queued``, or ``running`` under an expired lease (its
   worker died). Whoever's UPDATE matched owns it; everyone else does nothing.
2. **Compute** from the stored, already-redacted turns, renewing the lease while it runs.
3. **Write** scores, the summary row and ``done`` in one transaction that first locks the
   conversation and checks that this worker still holds the lease. A worker that lost its lease
   (it stalled, someone else took over) writes nothing; the summary is one-to-one with the
   conversation, so the database refuses a second set of results anyway.

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

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from empathic.audit.recording import record
from empathic.conversations.ingest import PRACTITIONER_LABEL, limit_message, transcript_limits
from empathic.conversations.models import Conversation, ConversationSummary, Status, TurnScore

logger = logging.getLogger(__name__)

# Test-only: hold each claimed job this many seconds before computing, so a test can kill a
# worker while it is certainly mid-task. The analysis itself is always the real one.
HOLD_ENV = "EMPATHIC_TEST_ANALYSIS_HOLD_SECONDS"
GENERIC_FAILURE = "the analysis stopped with an internal error; see the server log"


@dataclass(frozen=True)
class Outcome:
    state: str  # claimed work ended: "done", "failed", "lost"; or "finished", "busy", "gone"
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
        return Outcome("gone")
    if row["status"] == Status.RUNNING and row["lease_expires_at"] is not None:
        remaining = (row["lease_expires_at"] - now).total_seconds()
        return Outcome("busy", retry_in=max(remaining, 0.0) + 1.0)
    return Outcome("finished")


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


def load_transcript(conversation_id: int):  # -> Transcript
    from empathic.analysis.transcripts import Transcript, Turn

    conversation = Conversation.objects.get(pk=conversation_id)
    turns = tuple(
        Turn(speaker=speaker, text=text, start=start)
        for speaker, text, start in conversation.turns.order_by("index").values_list(
            "speaker", "text", "start"
        )
    )
    return Transcript(turns=turns, source_format=conversation.source_format)


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
        from empathic.analysis.pipeline import analyse_transcript

        transcript = load_transcript(conversation_id)
        # The limits again: a conversation stored before they applied (or under looser ones)
        # fails with a reason instead of holding this worker, and the time budget is enforced.
        analysis = analyse_transcript(
            transcript, practitioner=PRACTITIONER_LABEL, limits=transcript_limits()
        )
        if len(analysis.turns) != len(transcript.turns):
            raise RuntimeError("the analysis returned a different number of turns")
    except Exception as error:
        keeper.stop()
        from empathic.analysis.errors import AnalysisError

        if isinstance(error, AnalysisError):  # the transcript's fault: say what is wrong
            reason = limit_message(error)
            reason = reason.splitlines()[0] if reason else type(error).__name__
        else:  # the server's fault (models missing, a bug): details in the log only
            logger.exception("analysis of conversation %s failed", conversation_id)
            reason = GENERIC_FAILURE
        return _store_failure(conversation_id, owner, reason)
    keeper.stop()
    return _store_results(conversation_id, owner, analysis)


def _holding(conversation_id: int, owner: str) -> Conversation | None:
    conversation = (
        Conversation.objects.select_for_update()
        .select_related("organisation")
        .filter(pk=conversation_id)
        .first()
    )
    if conversation is None or conversation.status != Status.RUNNING:
        return None
    return conversation if conversation.lease_owner == owner else None


def _store_failure(conversation_id: int, owner: str, reason: str) -> Outcome:
    with transaction.atomic():
        conversation = _holding(conversation_id, owner)
        if conversation is None:
            return Outcome("lost")
        conversation.status = Status.FAILED
        conversation.failure_reason = reason[:300]
        conversation.lease_owner, conversation.lease_expires_at = "", None
        conversation.save(
            update_fields=["status", "failure_reason", "lease_owner", "lease_expires_at"]
        )
        record(
            event_type="conversation.analysis_failed",
            acting_user=None,
            organisation=conversation.organisation,
            subject=conversation,
            details={"attempt": conversation.attempts, "worker": owner},
        )
    return Outcome("failed")


def _rate(value: float | None) -> float | None:
    return None if value is None else float(value)


def _store_results(conversation_id: int, owner: str, analysis) -> Outcome:
    data = analysis.to_dict()
    try:
        with transaction.atomic():
            conversation = _holding(conversation_id, owner)
            if conversation is None:
                return Outcome("lost")
            turns = list(conversation.turns.order_by("index"))
            scores = []
            for turn, result, turn_data in zip(turns, analysis.turns, data["turns"], strict=True):
                turn_data.pop("text", None)
                empathy, client = result.empathy, result.client
                top = client.emotions[0].label if client and client.emotions else ""
                scores.append(
                    TurnScore(
                        turn=turn,
                        conversation=conversation,
                        er=empathy.er.level if empathy else None,
                        ip=empathy.ip.level if empathy else None,
                        ex=empathy.ex.level if empathy else None,
                        mi_code=result.practitioner.mi_code if result.practitioner else "",
                        strategy=result.practitioner.strategy if result.practitioner else "",
                        emotion=top,
                        distress=client.distress if client else None,
                        hostility=client.hostility_score if client else None,
                        talk_type=client.talk_type if client else "",
                        missed_empathy=result.missed_empathy,
                        analysis=turn_data,
                    )
                )
            TurnScore.objects.bulk_create(scores)
            summary = analysis.summary
            rates = summary.mechanism_rates
            ConversationSummary.objects.create(
                conversation=conversation,
                organisation_id=conversation.organisation_id,
                team_id=conversation.team_id,
                practitioner_id=conversation.practitioner_id,
                held_on=conversation.held_on,
                practitioner_turns=summary.practitioner_turns,
                client_turns=summary.client_turns,
                reflection_to_question=_rate(summary.reflection_to_question.value),
                percent_complex_reflections=_rate(summary.percent_complex_reflections.value),
                percent_open_questions=_rate(summary.percent_open_questions),
                practitioner_talk_share=_rate(summary.practitioner_talk_share),
                er_rate=float(rates.get("er", 0.0)),
                ip_rate=float(rates.get("ip", 0.0)),
                ex_rate=float(rates.get("ex", 0.0)),
                missed_moments=summary.missed_moments,
                change_talk=summary.change_talk,
                sustain_talk=summary.sustain_talk,
                data=data["summary"],
                warnings=list(analysis.warnings),
            )
            now = timezone.now()
            Conversation.objects.filter(pk=conversation.pk).update(
                status=Status.DONE,
                analysed_at=now,
                analysed_by=owner,
                analysis_runs=F("analysis_runs") + 1,
                model_versions=dict(analysis.models),
                lease_owner="",
                lease_expires_at=None,
            )
            record(
                event_type="conversation.analysed",
                acting_user=None,
                organisation=conversation.organisation,
                subject=conversation,
                details={
                    "turns": len(scores),
                    "attempt": conversation.attempts,
                    "worker": owner,
                    "seconds": round(float(analysis.seconds), 2),
                },
            )
    except IntegrityError:  # results already there: a duplicate that slipped past the lease
        logger.warning("conversation %s already has results; nothing written", conversation_id)
        return Outcome("lost")
    return Outcome("done")


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
