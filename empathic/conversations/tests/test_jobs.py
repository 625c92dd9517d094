"""The analysis job with the real pipeline: claims, leases, exactly-once results, failures."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from empathic.audit.models import AuditEvent
from empathic.conversations import actions, dispatch, jobs, results
from empathic.conversations.models import Conversation, ConversationSummary, Status, TurnScore
from empathic.conversations.tests.helpers import analysed, session_text, upload


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

    transcript, roles = jobs.load_transcript(conversation.pk)
    late = analyse_transcript(transcript, practitioner="Practitioner", roles=roles)
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


def test_the_analysis_keeps_each_turns_stored_role(practitioner):
    """Roles come from the upload, not from the speaker string "Practitioner"."""
    conversation = upload(practitioner)
    conversation.turns.filter(role="practitioner").update(speaker="Counsellor")
    _transcript, roles = jobs.load_transcript(conversation.pk)
    assert roles == tuple(conversation.turns.order_by("index").values_list("role", flat=True))
    assert jobs.analyse_conversation(conversation.pk).state == "done"
    scores = TurnScore.objects.filter(conversation=conversation)
    assert all(s.er is not None and s.mi_code for s in scores.filter(turn__role="practitioner"))
    assert all(s.er is None and s.distress is not None for s in scores.filter(turn__role="client"))
    assert ConversationSummary.objects.get(conversation=conversation).practitioner_turns == 4


def test_results_map_an_analysis_to_row_values_without_the_database(
    practitioner, django_assert_num_queries
):
    from empathic.analysis.pipeline import analyse_transcript

    conversation = upload(practitioner)
    transcript, roles = jobs.load_transcript(conversation.pk)
    analysis = analyse_transcript(transcript, practitioner="Practitioner", roles=roles)
    with django_assert_num_queries(0):
        rows = results.analysis_rows(analysis)
    assert len(rows.turn_scores) == len(transcript.turns)
    score_columns = {f.name for f in TurnScore._meta.concrete_fields}
    assert all(set(fields) < score_columns for fields in rows.turn_scores)
    assert all("text" not in fields["analysis"] for fields in rows.turn_scores)
    assert set(rows.summary) < {f.name for f in ConversationSummary._meta.concrete_fields}
    assert rows.model_versions == dict(analysis.models)


def test_the_store_actions_write_nothing_without_the_lease(practitioner):
    from empathic.analysis.pipeline import analyse_transcript

    conversation = upload(practitioner)
    transcript, roles = jobs.load_transcript(conversation.pk)
    rows = results.analysis_rows(
        analyse_transcript(transcript, practitioner="Practitioner", roles=roles)
    )
    # Queued, not claimed: nobody holds the lease.
    assert not actions.store_analysis(
        conversation_id=conversation.pk, owner="w", rows=rows, acting_user=None
    )
    assert not actions.store_analysis_failure(
        conversation_id=conversation.pk, owner="w", reason="x", acting_user=None
    )
    assert jobs.claim(conversation.pk, "w") is None
    assert actions.store_analysis(
        conversation_id=conversation.pk, owner="w", rows=rows, acting_user=None
    )
    conversation.refresh_from_db()
    assert conversation.status == Status.DONE and conversation.analysed_by == "w"
    event = AuditEvent.objects.get(event_type="conversation.analysed")
    assert event.details["turns"] == conversation.turn_count and event.details["worker"] == "w"
    assert not AuditEvent.objects.filter(event_type="conversation.analysis_failed").exists()


def test_the_sweeper_hands_waiting_work_to_this_process(practitioner, settings, monkeypatch):
    """After a restart of the web process: queued conversations, and running ones whose lease
    expired, go to this process's pool; live leases and finished ones do not."""
    settings.CONVERSATIONS_RUNNER = "thread"
    submitted: list[int] = []
    monkeypatch.setattr(dispatch, "_submit", submitted.append)
    queued = upload(practitioner)
    dead = upload(practitioner, text=session_text("And at home?"))
    live = upload(practitioner, text=session_text("And at work?"))
    done = analysed(practitioner, text=session_text("And with friends?"))
    assert jobs.claim(dead.pk, "dead-worker") is None
    Conversation.objects.filter(pk=dead.pk).update(
        lease_expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert jobs.claim(live.pk, "live-worker") is None
    assert jobs.sweep() == [queued.pk, dead.pk] == submitted
    assert done.pk not in submitted


def test_the_sweeper_runs_only_for_the_embedded_runner(settings):
    settings.CONVERSATIONS_RUNNER = "manual"
    assert jobs.start_sweeper() is False
    assert jobs.sweep() == []


def test_the_sweeper_starts_once_per_process(settings, monkeypatch):
    settings.CONVERSATIONS_RUNNER = "thread"
    rounds: list[float] = []
    monkeypatch.setattr(jobs, "_sweep_forever", rounds.append)
    monkeypatch.setattr(jobs, "_sweeper", None)
    assert jobs.start_sweeper(interval=5.0) is True
    assert jobs.start_sweeper(interval=5.0) is False
    jobs._sweeper.join(timeout=5)
    assert rounds == [5.0]
