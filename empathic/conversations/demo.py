"""Demo conversations: the fictional sample session (empathic/analysis/samples) and an earlier,
shorter one for the demo practitioner, analysed on the spot, and a supervisor's comment on a
turn. Idempotent: nothing happens when the demo practitioner already has conversations.

Each upload is an action of its own (durable) transaction, so its analysis is queued as soon as
it returns: the background runner (a thread of this process, or a Celery worker) may start on it
before this seed does, and the seed then waits for that analysis instead of running its own."""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from pathlib import Path

from django.utils import timezone

import empathic.analysis
from empathic.accounts.models import User
from empathic.conversations import actions, ingest, jobs
from empathic.conversations.models import Conversation, Status

logger = logging.getLogger(__name__)

PRACTITIONER = "practitioner@riverside.example"
SUPERVISOR = "supervisor@riverside.example"
EARLIER_SESSION = """\
Sam Rivera: Hi Alex, what brings you in today?
Alex Moore: My manager keeps piling work on me and I can't sleep. I'm exhausted.
Sam Rivera: Have you tried making a list of your tasks?
Alex Moore: I have. It doesn't help, I just feel worse when I see it.
Sam Rivera: You should talk to your manager about it.
Alex Moore: I'm scared that if I complain I'll lose the job.
Sam Rivera: It sounds like you're caught between being worn out and being afraid to speak up.
Alex Moore: Yes. Exactly that.
Sam Rivera: What would make the biggest difference for you this week?
Alex Moore: Probably getting one evening a week to myself.
"""


def _sample() -> bytes | None:
    path = Path(empathic.analysis.__file__).parent / "samples" / "session.vtt"
    return path.read_bytes() if path.exists() else None


def _analyse(conversation_id: int) -> None:
    """Analyse a demo upload now, or wait while another worker holds its lease (up to the lease
    and a minute: by then a worker that died has lost it, and this call takes over)."""
    deadline = time.monotonic() + jobs.lease_seconds() + 60
    outcome = jobs.analyse_conversation(conversation_id, owner="demo-seed")
    while outcome.state == jobs.OutcomeState.BUSY and time.monotonic() < deadline:
        time.sleep(1)
        outcome = jobs.analyse_conversation(conversation_id, owner="demo-seed")
    rows = Conversation.objects.filter(pk=conversation_id).values_list("status", flat=True)
    status = rows.first()
    if status != Status.DONE:  # failed, gone, or still with a slow worker
        logger.warning("demo conversation %s: analysis %s", conversation_id, status or "gone")


def seed_conversations_demo() -> list[Conversation]:
    practitioner = User.objects.filter(email=PRACTITIONER).select_related("membership").first()
    if practitioner is None or Conversation.objects.filter(practitioner=practitioner).exists():
        return []
    team = practitioner.membership.teams.order_by("name").first()
    today = timezone.localdate()
    uploads = [("Workload and sleep (demo)", today - timedelta(days=21), EARLIER_SESSION, None)]
    sample = _sample()
    if sample is not None:
        uploads.append(("Eviction notice (demo)", today - timedelta(days=2), None, sample))
    created = []
    for title, held_on, text, data in uploads:
        prepared = ingest.prepare(
            text=text, data=data, filename="session.vtt", practitioner_name="Sam Rivera"
        )
        conversation = actions.create_conversation(
            prepared=prepared,
            title=title,
            team=team,
            held_on=held_on,
            client_reference=f"DEMO-{len(created) + 1}",
            consent_method="written",
            consent_obtained_on=held_on,
            consent_purposes=["supervision", "self_review"],
            names=("Maya",),
            acting_user=practitioner,
        )
        _analyse(conversation.pk)
        created.append(conversation)
    supervisor = User.objects.filter(email=SUPERVISOR).first()
    latest = Conversation.objects.filter(pk=created[-1].pk, status=Status.DONE).first()
    if supervisor is not None and latest is not None:
        turn = latest.turns.filter(score__missed_empathy=True).first() or latest.turns.get(index=2)
        actions.add_comment(
            conversation=latest,
            turn=turn,
            body=(
                "The client sounds angry and frightened here. What might a reflection of that "
                "feeling "
                "have sounded like before moving on to the lease?"
            ),
            acting_user=supervisor,
        )
    return created
