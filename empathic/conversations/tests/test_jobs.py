"""The analysis job with the real pipeline: claims, leases, exactly-once results, failures."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from empathic.audit.models import AuditEvent
from empathic.conversations import jobs
from empathic.conversations.models import Conversation, ConversationSummary, Status, TurnScore
from empathic.conversations.tests.conftest import analysed, session_text, upload


def test_analysis_stores_scores_summary_and_versions_once(practitioner):
    conversation = analysed(practitioner)
    assert conversation.status == Status.DONE and conversation.analysis_runs == 1
    assert conversation.attempts == 1 and conversation.lease_owner == ""
    assert conversation.model_versions and all(
        "@" in v for v in conversation.model_versions.values()
    )
    scores = TurnScore.objects.filter(conversation=conversation)
    assert scores.count() == conversation.turn_count
    practitioner_scores = scores.filter(turn__role="practitioner")
    assert all(s.er is not None and s.mi_code for s in practitioner_scores)
    assert all(s.distress is not None for s in scores.filter(turn__role="client"))
    assert "text" not in practitioner_scores.first().analysis
    summary = ConversationSummary.objects.get(conversation=conversation)
    assert summary.practitioner_turns == 4 and summary.client_turns == 4
    assert 0 <= summary.er_rate <= 1
    event = AuditEvent.objects.get(event_type="conversation.analysed")
    assert event.actor is None and "eviction" not in str(event.details)


def test_a_second_delivery_writes_nothing(practitioner):
    conversation = analysed(practitioner)
    assert jobs.analyse_conversation(conversation.pk).state == "finished"
    conversation.refresh_from_db()
    assert conversation.analysis_runs == 1 and conversation.attempts == 1
    assert ConversationSummary.objects.filter(conversation=conversation).count() == 1


def test_a_live_lease_of_another_worker_is_respected(practitioner):
    conversation = upload(practitioner)
    assert jobs.claim(conversation.pk, "worker-a") is None
    outcome = jobs.analyse_conversation(conversation.pk, owner="worker-b")
    assert outcome.state == "busy" and outcome.retry_in > 1
    conversation.refresh_from_db()
    assert conversation.lease_owner == "worker-a" and conversation.attempts == 1


def test_an_expired_lease_is_taken_over_and_the_dead_worker_writes_nothing(practitioner):
    conversation = upload(practitioner)
    assert jobs.claim(conversation.pk, "dead-worker") is None
    Conversation.objects.filter(pk=conversation.pk).update(
        lease_expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert jobs.pending_ids() == [conversation.pk]
    assert jobs.analyse_conversation(conversation.pk, owner="live-worker").state == "done"
    conversation.refresh_from_db()
    assert conversation.attempts == 2 and conversation.analysed_by == "live-worker"
    # The dead worker comes back to life and tries to write its (late) results: refused.
    from empathic.analysis.pipeline import analyse_transcript

    late = analyse_transcript(jobs.load_transcript(conversation.pk), practitioner="Practitioner")
    assert jobs._store_results(conversation.pk, "dead-worker", late).state == "lost"
    assert jobs._store_failure(conversation.pk, "dead-worker", "x").state == "lost"
    conversation.refresh_from_db()
    assert conversation.analysis_runs == 1 and conversation.status == Status.DONE


def test_an_erased_conversation_is_gone_for_the_job(practitioner):
    conversation = upload(practitioner)
    conversation.delete()
    assert jobs.analyse_conversation(conversation.pk).state == "gone"


def test_a_failure_is_stored_with_its_reason_and_can_be_retried(practitioner, settings):
    from empathic.conversations import actions

    conversation = upload(practitioner)
    # A transcript whose turns were all erased by hand: the analysis cannot run.
    conversation.turns.all().delete()
    assert jobs.analyse_conversation(conversation.pk).state == "failed"
    conversation.refresh_from_db()
    assert conversation.status == Status.FAILED and conversation.failure_reason
    assert AuditEvent.objects.filter(event_type="conversation.analysis_failed").count() == 1
    actions.retry_analysis(conversation=conversation, acting_user=practitioner)
    assert Conversation.objects.get(pk=conversation.pk).status == Status.QUEUED


def test_inline_runner_analyses_on_commit(
    practitioner, settings, django_capture_on_commit_callbacks
):
    settings.CONVERSATIONS_RUNNER = "inline"
    with django_capture_on_commit_callbacks(execute=True):
        conversation = upload(practitioner)
    conversation.refresh_from_db()
    assert conversation.status == Status.DONE


def test_process_conversations_command_picks_up_waiting_work(practitioner):
    first = upload(practitioner)
    second = upload(practitioner, text=session_text("And at home?"))
    out = StringIO()
    call_command("process_conversations", stdout=out)
    assert f"conversation {first.pk}: done" in out.getvalue()
    assert (
        Conversation.objects.filter(pk__in=[first.pk, second.pk], status=Status.DONE).count() == 2
    )
    assert "Processed 2" in out.getvalue()
