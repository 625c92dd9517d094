"""Every write to conversations: upload, retry, analysis results, comments, review, erasure,
retention.

Each action takes keyword-only arguments and a required ``acting_user`` (``None`` for the system:
the background job, the daily purge), runs in one durable transaction (the outermost: never
inside another one) and writes its audit row in that transaction. Audit rows never hold client
text: identifiers and counts only. Analysis is queued with ``transaction.on_commit``, never for a
rolled-back upload.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from empathic.accounts.access import get_membership, in_team_or_admin
from empathic.accounts.models import Organisation, Team, User
from empathic.audit.recording import record
from empathic.conversations import dispatch, selectors
from empathic.conversations.ingest import PreparedUpload, looks_identifying, redact_free_text
from empathic.conversations.models import (
    MAX_RETENTION_DAYS,
    MIN_RETENTION_DAYS,
    Comment,
    ConsentMethod,
    ConsentPurpose,
    Conversation,
    ConversationPolicy,
    ConversationSummary,
    Status,
    Turn,
    TurnScore,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from empathic.conversations.results import AnalysisRows

logger = logging.getLogger(__name__)
PURGE_BATCH = 500


@transaction.atomic(durable=True)
def create_conversation(
    *,
    prepared: PreparedUpload,
    title: str,
    team: Team | None,
    held_on: date,
    client_reference: str = "",
    consent_method: str,
    consent_obtained_on: date,
    consent_purposes: Iterable[str],
    names: Iterable[str] = (),
    acting_user: User,
) -> Conversation:
    """Store an upload's redacted turns and queue its analysis. The acting user is the
    practitioner whose session it is."""
    membership = get_membership(acting_user)
    organisation = membership.organisation
    purposes = sorted(set(consent_purposes))
    if consent_method not in ConsentMethod.values:
        raise ValidationError(_("Say how the client's consent was obtained."))
    if not purposes or any(p not in ConsentPurpose.values for p in purposes):
        raise ValidationError(_("Choose at least one use the client consented to."))
    if consent_obtained_on > timezone.localdate():
        raise ValidationError(_("The consent date cannot be in the future."))
    if not prepared.turns:
        raise ValidationError(_("The transcript has no turns."))
    if team is not None:
        if team.organisation_id != organisation.pk:
            raise ValidationError(_("Choose one of your organisation's teams."))
        if not in_team_or_admin(membership, team.pk):
            raise ValidationError(_("Choose one of your own teams."))
    client_reference = client_reference.strip()
    if looks_identifying(client_reference):
        raise ValidationError(
            _("The client reference looks like personal data. Use your case number or code.")
        )
    duplicate = Conversation.objects.filter(
        practitioner=acting_user, content_sha256=prepared.content_sha256
    ).first()
    if duplicate is not None:
        raise ValidationError(
            _("You have already uploaded this session (conversation #%(id)s).")
            % {"id": duplicate.pk}
        )
    now = timezone.now()
    try:
        with transaction.atomic():  # a savepoint inside the action's own transaction
            conversation = Conversation.objects.create(
                organisation=organisation,
                team=team,
                practitioner=acting_user,
                client_reference=client_reference,
                title=redact_free_text(title.strip(), names=tuple(names))[:200],
                held_on=held_on,
                source_format=prepared.source_format,
                practitioner_method=prepared.practitioner_method[:500],
                content_sha256=prepared.content_sha256,
                redaction_counts=prepared.redaction_counts,
                consent_method=consent_method,
                consent_obtained_on=consent_obtained_on,
                consent_purposes=purposes,
                turn_count=len(prepared.turns),
                expires_at=now + timedelta(days=selectors.retention_days(organisation)),
            )
    except IntegrityError:  # the same upload, submitted twice at the same moment
        raise ValidationError(_("You have already uploaded this session.")) from None
    Turn.objects.bulk_create(
        Turn(
            conversation=conversation,
            index=turn.index,
            role=turn.role,
            speaker=turn.speaker,
            text=turn.text,
            start=turn.start,
        )
        for turn in prepared.turns
    )
    record(
        event_type="conversation.uploaded",
        acting_user=acting_user,
        organisation=organisation,
        subject=conversation,
        details={
            "turns": len(prepared.turns),
            "format": prepared.source_format,
            "team_id": team.pk if team else None,
            "redactions": prepared.redaction_counts,
            "consent_method": consent_method,
            "consent_purposes": purposes,
        },
    )
    pk = conversation.pk
    transaction.on_commit(lambda: dispatch.enqueue([pk]))
    return conversation


@transaction.atomic(durable=True)
def retry_analysis(*, conversation: Conversation, acting_user: User) -> Conversation:
    updated = Conversation.objects.filter(pk=conversation.pk, status=Status.FAILED).update(
        status=Status.QUEUED, failure_reason="", lease_owner="", lease_expires_at=None
    )
    if not updated:
        raise ValidationError(_("Only a failed analysis can be retried."))
    conversation.refresh_from_db()
    record(
        event_type="conversation.retried",
        acting_user=acting_user,
        organisation=conversation.organisation,
        subject=conversation,
        details={"attempts": conversation.attempts},
    )
    pk = conversation.pk
    transaction.on_commit(lambda: dispatch.enqueue([pk]))
    return conversation


def _holding(conversation_id: int, owner: str) -> Conversation | None:
    """The conversation, locked, if ``owner`` still holds its lease; else None."""
    conversation = (
        Conversation.objects.select_for_update()
        .select_related("organisation")
        .filter(pk=conversation_id)
        .first()
    )
    if conversation is None or conversation.status != Status.RUNNING:
        return None
    return conversation if conversation.lease_owner == owner else None


def store_analysis(
    *, conversation_id: int, owner: str, rows: AnalysisRows, acting_user: User | None
) -> bool:
    """Write a finished analysis (every turn's scores, the summary, ``done``) and its audit row,
    if ``owner`` still holds the lease. False, with nothing written, when it does not (it
    stalled and another worker took over, or the conversation was erased) or when results are
    already there. The analysis itself ran before, outside any transaction (``jobs``)."""
    try:
        with transaction.atomic(durable=True):
            conversation = _holding(conversation_id, owner)
            if conversation is None:
                return False
            turns = list(conversation.turns.order_by("index"))
            TurnScore.objects.bulk_create(
                TurnScore(turn=turn, conversation=conversation, **fields)
                for turn, fields in zip(turns, rows.turn_scores, strict=True)
            )
            ConversationSummary.objects.create(
                conversation=conversation,
                organisation_id=conversation.organisation_id,
                team_id=conversation.team_id,
                practitioner_id=conversation.practitioner_id,
                held_on=conversation.held_on,
                **rows.summary,
            )
            Conversation.objects.filter(pk=conversation.pk).update(
                status=Status.DONE,
                analysed_at=timezone.now(),
                analysed_by=owner,
                analysis_runs=F("analysis_runs") + 1,
                model_versions=rows.model_versions,
                lease_owner="",
                lease_expires_at=None,
            )
            record(
                event_type="conversation.analysed",
                acting_user=acting_user,
                organisation=conversation.organisation,
                subject=conversation,
                details={
                    "turns": len(turns),
                    "attempt": conversation.attempts,
                    "worker": owner,
                    "seconds": rows.seconds,
                },
            )
    except IntegrityError:  # results already there: a duplicate that slipped past the lease
        logger.warning("conversation %s already has results; nothing written", conversation_id)
        return False
    return True


def store_analysis_failure(
    *, conversation_id: int, owner: str, reason: str, acting_user: User | None
) -> bool:
    """Mark the analysis failed with a one-line reason, and its audit row, if ``owner`` still
    holds the lease; False, with nothing written, when it does not."""
    with transaction.atomic(durable=True):
        conversation = _holding(conversation_id, owner)
        if conversation is None:
            return False
        conversation.status = Status.FAILED
        conversation.failure_reason = reason[:300]
        conversation.lease_owner, conversation.lease_expires_at = "", None
        conversation.save(
            update_fields=["status", "failure_reason", "lease_owner", "lease_expires_at"]
        )
        record(
            event_type="conversation.analysis_failed",
            acting_user=acting_user,
            organisation=conversation.organisation,
            subject=conversation,
            details={"attempt": conversation.attempts, "worker": owner},
        )
    return True


@transaction.atomic(durable=True)
def add_comment(
    *,
    conversation: Conversation,
    turn: Turn,
    body: str,
    parent: Comment | None = None,
    acting_user: User,
) -> Comment:
    body = body.strip()
    if not body:
        raise ValidationError(_("Write something first."))
    # What people type about a session is redacted like the session itself, before it is
    # stored. The conversation keeps no participant names (they live only in the upload's
    # request), so the rules alone find names here: honorifics, naming cues, the gazetteer.
    body = redact_free_text(body)
    if turn.conversation_id != conversation.pk:
        raise ValidationError(_("That turn is not part of this conversation."))
    if parent is not None:
        if parent.conversation_id != conversation.pk or parent.turn_id != turn.pk:
            raise ValidationError(_("You can only answer a comment on the same turn."))
        parent = parent.parent or parent  # answers stay one level deep
    comment = Comment.objects.create(
        conversation=conversation, turn=turn, parent=parent, author=acting_user, body=body
    )
    record(
        event_type="conversation.comment_added"
        if parent is None
        else "conversation.comment_answered",
        acting_user=acting_user,
        organisation=conversation.organisation,
        subject=conversation,
        details={"comment_id": comment.pk, "turn": turn.index, "parent_id": parent and parent.pk},
    )
    return comment


@transaction.atomic(durable=True)
def mark_reviewed(*, conversation: Conversation, acting_user: User) -> Conversation:
    if conversation.status != Status.DONE:
        raise ValidationError(_("Only an analysed conversation can be marked as reviewed."))
    conversation.reviewed_at = timezone.now()
    conversation.reviewed_by = acting_user
    conversation.save(update_fields=["reviewed_at", "reviewed_by"])
    record(
        event_type="conversation.reviewed",
        acting_user=acting_user,
        organisation=conversation.organisation,
        subject=conversation,
    )
    return conversation


def record_view(*, conversation: Conversation, acting_user: User, what: str = "report") -> None:
    """Every view of client text leaves an audit row (who, which conversation, what part)."""
    record(
        event_type="conversation.viewed",
        acting_user=acting_user,
        organisation=conversation.organisation,
        subject=conversation,
        details={"view": what},
    )


@transaction.atomic(durable=True)
def erase_conversation(*, conversation: Conversation, acting_user: User) -> None:
    """Delete a conversation, its turns, scores and comments. The audit row keeps only counts."""
    details = {
        "turns": conversation.turns.count(),
        "comments": conversation.comments.count(),
        "status": conversation.status,
    }
    record(
        event_type="conversation.erased",
        acting_user=acting_user,
        organisation=conversation.organisation,
        subject=conversation,
        details=details,
    )
    conversation.delete()


@transaction.atomic(durable=True)
def erase_client_reference(
    *, organisation: Organisation, client_reference: str, acting_user: User
) -> int:
    """Erase every conversation of one client reference; returns how many. The reference itself
    is not written to the audit trail."""
    client_reference = client_reference.strip()
    if not client_reference:
        raise ValidationError(_("Enter the client reference to erase."))
    conversations = Conversation.objects.filter(
        organisation=organisation, client_reference=client_reference
    )
    ids = sorted(conversations.values_list("pk", flat=True))
    turns = Turn.objects.filter(conversation_id__in=ids).count()
    conversations.delete()
    record(
        event_type="conversation.client_erased",
        acting_user=acting_user,
        organisation=organisation,
        details={"conversations": len(ids), "conversation_ids": ids, "turns": turns},
    )
    return len(ids)


@transaction.atomic(durable=True)
def set_retention(
    *, organisation: Organisation, retention_days: int, acting_user: User
) -> ConversationPolicy:
    if not MIN_RETENTION_DAYS <= retention_days <= MAX_RETENTION_DAYS:
        raise ValidationError(
            _("Keep conversations between %(min)s and %(max)s days.")
            % {"min": MIN_RETENTION_DAYS, "max": MAX_RETENTION_DAYS}
        )
    policy, _created = ConversationPolicy.objects.get_or_create(organisation=organisation)
    previous = policy.retention_days
    policy.retention_days = retention_days
    policy.save(update_fields=["retention_days", "updated_at"])
    # Existing conversations follow the new policy from the day they were uploaded.
    Conversation.objects.filter(organisation=organisation).update(
        expires_at=F("created_at") + timedelta(days=retention_days)
    )
    record(
        event_type="conversation.retention_changed",
        acting_user=acting_user,
        organisation=organisation,
        subject=policy,
        details={"from_days": previous, "to_days": retention_days},
    )
    return policy


def purge_expired_conversations(*, now=None, acting_user: User | None = None) -> dict[int, int]:
    """Delete conversations past their expiry, organisation by organisation, in batches (each
    batch and its audit row in one transaction). Returns {organisation id: conversations}."""
    now = now or timezone.now()
    purged: dict[int, int] = {}
    while True:
        with transaction.atomic(durable=True):
            batch = list(
                Conversation.objects.filter(expires_at__lte=now)
                .order_by("organisation_id", "pk")
                .values_list("organisation_id", "pk")[:PURGE_BATCH]
            )
            if not batch:
                return purged
            by_org: dict[int, list[int]] = {}
            for organisation_id, pk in batch:
                by_org.setdefault(organisation_id, []).append(pk)
            for organisation_id, ids in by_org.items():
                turns = Turn.objects.filter(conversation_id__in=ids).count()
                Conversation.objects.filter(pk__in=ids).delete()
                record(
                    event_type="conversation.purged",
                    acting_user=acting_user,
                    organisation=Organisation.objects.get(pk=organisation_id),
                    details={"conversations": len(ids), "conversation_ids": ids, "turns": turns},
                )
                purged[organisation_id] = purged.get(organisation_id, 0) + len(ids)
