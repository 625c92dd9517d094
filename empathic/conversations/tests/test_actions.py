from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from empathic.audit.models import AuditEvent
from empathic.conversations import actions, ingest
from empathic.conversations.models import (
    Comment,
    Conversation,
    ConversationPolicy,
    Status,
    Turn,
)
from empathic.conversations.tests.helpers import session_text, upload


def _create(user, **overrides):
    arguments = {
        "prepared": ingest.prepare(text=session_text("Anything else?")),
        "title": "Session",
        "team": user.membership.teams.first(),
        "held_on": date(2026, 3, 2),
        "consent_method": "written",
        "consent_obtained_on": date(2026, 3, 1),
        "consent_purposes": ["supervision"],
        "acting_user": user,
    }
    arguments.update(overrides)
    return actions.create_conversation(**arguments)


def test_upload_stores_redacted_turns_queued_with_an_audit_row_without_text(
    practitioner, crisis_team, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        conversation = upload(practitioner, title="Call with Jordan Lee", reference="C-7")
    assert len(callbacks) == 1  # the analysis is queued only once the upload commits
    assert conversation.status == Status.QUEUED
    assert conversation.team == crisis_team
    assert conversation.turn_count == Turn.objects.filter(conversation=conversation).count() == 8
    stored = " ".join(Turn.objects.filter(conversation=conversation).values_list("text", flat=True))
    assert "Jordan" not in stored and "07700" not in stored
    assert "Jordan" not in conversation.title  # the title is redacted with the same names
    assert conversation.expires_at > timezone.now() + timedelta(days=364)
    event = AuditEvent.objects.get(event_type="conversation.uploaded")
    assert event.subject_id == str(conversation.pk)
    flat = str(event.details) + event.subject_label
    assert "Jordan" not in flat and "eviction" not in flat


def test_a_second_upload_of_the_same_session_is_refused_and_nothing_is_stored(practitioner):
    upload(practitioner)
    with pytest.raises(ValidationError, match="already uploaded"):
        upload(practitioner, title="Again")
    assert Conversation.objects.count() == 1


def test_another_practitioner_may_upload_the_same_text(practitioner, other_practitioner):
    upload(practitioner)
    upload(other_practitioner)
    assert Conversation.objects.count() == 2


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"consent_method": ""}, "consent"),
        ({"consent_purposes": []}, "at least one use"),
        ({"consent_purposes": ["marketing"]}, "at least one use"),
        ({"consent_obtained_on": date.today() + timedelta(days=2)}, "future"),
        ({"client_reference": "jordan.lee@example.com"}, "personal data"),
    ],
)
def test_invalid_consent_or_reference_stores_nothing(practitioner, overrides, message):
    with pytest.raises(ValidationError, match=message):
        _create(practitioner, **overrides)
    assert not Conversation.objects.exists() and not Turn.objects.exists()


def test_a_practitioner_cannot_file_under_a_team_they_are_not_in(practitioner, outreach_team):
    with pytest.raises(ValidationError, match="your own teams"):
        _create(practitioner, team=outreach_team)


def test_a_team_of_another_organisation_is_refused(org_admin, other_organisation):
    from empathic.accounts.actions import create_team

    foreign = create_team(organisation=other_organisation, name="Foreign", acting_user=None)
    with pytest.raises(ValidationError, match="organisation's teams"):
        _create(org_admin, team=foreign)


def test_retry_only_from_failed(practitioner):
    conversation = upload(practitioner)
    with pytest.raises(ValidationError):
        actions.retry_analysis(conversation=conversation, acting_user=practitioner)
    Conversation.objects.filter(pk=conversation.pk).update(
        status=Status.FAILED, failure_reason="boom"
    )
    actions.retry_analysis(conversation=conversation, acting_user=practitioner)
    conversation.refresh_from_db()
    assert conversation.status == Status.QUEUED and conversation.failure_reason == ""
    assert AuditEvent.objects.filter(event_type="conversation.retried").count() == 1


def test_answers_stay_one_level_deep(practitioner, supervisor):
    conversation = upload(practitioner)
    turn = conversation.turns.get(index=2)
    first = actions.add_comment(
        conversation=conversation, turn=turn, body="Nice reflection.", acting_user=supervisor
    )
    answer = actions.add_comment(
        conversation=conversation, turn=turn, body="Thanks!", parent=first, acting_user=practitioner
    )
    again = actions.add_comment(
        conversation=conversation, turn=turn, body="More", parent=answer, acting_user=supervisor
    )
    assert answer.parent == first and again.parent == first
    with pytest.raises(ValidationError):
        actions.add_comment(
            conversation=conversation,
            turn=conversation.turns.get(index=3),
            body="x",
            parent=first,
            acting_user=practitioner,
        )
    with pytest.raises(ValidationError):
        actions.add_comment(conversation=conversation, turn=turn, body="  ", acting_user=supervisor)
    events = AuditEvent.objects.filter(event_type__startswith="conversation.comment")
    assert events.count() == 3
    assert all("Nice" not in str(e.details) for e in events)


def test_erase_deletes_everything_and_audits_counts_only(practitioner, supervisor):
    conversation = upload(practitioner)
    actions.add_comment(
        conversation=conversation,
        turn=conversation.turns.first(),
        body="Comment text",
        acting_user=supervisor,
    )
    actions.erase_conversation(conversation=conversation, acting_user=practitioner)
    assert not Conversation.objects.exists()
    assert not Turn.objects.exists() and not Comment.objects.exists()
    event = AuditEvent.objects.get(event_type="conversation.erased")
    assert event.details == {"turns": 8, "comments": 1, "status": "queued"}
    assert event.subject_label.startswith("Conversation #")


def test_erase_by_client_reference_touches_only_that_client_in_that_organisation(
    practitioner, other_practitioner, org_admin, outsider
):
    upload(practitioner, reference="C-1")
    upload(practitioner, text=session_text("Another question?"), reference="C-2")
    upload(other_practitioner, reference="C-1")
    count = actions.erase_client_reference(
        organisation=org_admin.membership.organisation,
        client_reference="C-1",
        acting_user=org_admin,
    )
    assert count == 2
    assert list(Conversation.objects.values_list("client_reference", flat=True)) == ["C-2"]
    event = AuditEvent.objects.get(event_type="conversation.client_erased")
    assert event.details["conversations"] == 2 and "C-1" not in str(event.details)
    assert (
        actions.erase_client_reference(
            organisation=outsider.membership.organisation,
            client_reference="C-2",
            acting_user=outsider,
        )
        == 0
    )


def test_retention_change_moves_expiry_and_purge_deletes_expired_with_an_audit_row(
    practitioner, org_admin
):
    organisation = org_admin.membership.organisation
    old = upload(practitioner)
    new = upload(practitioner, text=session_text("Different?"))
    Conversation.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    actions.set_retention(organisation=organisation, retention_days=30, acting_user=org_admin)
    assert ConversationPolicy.objects.get(organisation=organisation).retention_days == 30
    with pytest.raises(ValidationError):
        actions.set_retention(organisation=organisation, retention_days=1, acting_user=org_admin)
    purged = actions.purge_expired_conversations()
    assert purged == {organisation.pk: 1}
    assert list(Conversation.objects.values_list("pk", flat=True)) == [new.pk]
    event = AuditEvent.objects.get(event_type="conversation.purged")
    assert event.details["conversation_ids"] == [old.pk] and event.actor_label == "system"
    assert actions.purge_expired_conversations() == {}


def test_purge_command(practitioner):
    from io import StringIO

    from django.core.management import call_command

    conversation = upload(practitioner)
    Conversation.objects.filter(pk=conversation.pk).update(expires_at=timezone.now())
    out = StringIO()
    call_command("purge_expired_conversations", stdout=out)
    assert "Purged 1" in out.getvalue()
    assert not Conversation.objects.exists()
