"""Writes to the journal, each in one durable transaction with its audit row. Audit rows name
the event and the entry's id, never its text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from empathic.accounts.access import get_membership
from empathic.audit.recording import record
from empathic.journal.access import supervisors_for
from empathic.journal.models import GIBBS_FIELDS, JournalEntry
from empathic.redaction import redact

if TYPE_CHECKING:
    from empathic.accounts.models import User

FIELDS = ("title", *GIBBS_FIELDS)
TITLE_MAX = 200


def _redacted(fields: dict[str, str]) -> dict[str, str]:
    """An entry linked to a conversation is about a real client: its title and every Gibbs
    field are redacted before they are stored, as the session's turns were. Entries about a
    practice session (a simulated client) or about nothing in particular stay as typed."""
    out = {name: redact(value).text for name, value in fields.items()}
    if "title" in out:
        out["title"] = out["title"][:TITLE_MAX]
    return out


def _check_links(owner: User, practice_session, conversation) -> None:
    if practice_session is not None and practice_session.user_id != owner.pk:
        raise ValidationError(_("You can only link your own practice sessions."))
    if conversation is not None and conversation.practitioner_id != owner.pk:
        raise ValidationError(_("You can only link your own conversations."))


@transaction.atomic(durable=True)
def create_entry(
    *, acting_user: User, practice_session=None, conversation=None, **fields: str
) -> JournalEntry:
    membership = get_membership(acting_user)
    if not fields.get("title", "").strip():
        raise ValidationError(_("An entry needs a title."))
    _check_links(acting_user, practice_session, conversation)
    values = {name: fields.get(name, "") for name in FIELDS}
    if conversation is not None:
        values = _redacted(values)
    entry = JournalEntry.objects.create(
        owner=acting_user,
        organisation=membership.organisation,
        practice_session=practice_session,
        conversation=conversation,
        **values,
    )
    record(
        event_type="journal.entry_created",
        acting_user=acting_user,
        organisation=membership.organisation,
        subject=None,
        details={"entry_id": entry.pk},
    )
    return entry


@transaction.atomic(durable=True)
def update_entry(
    *,
    entry: JournalEntry,
    acting_user: User,
    practice_session=None,
    conversation=None,
    **fields: str,
) -> JournalEntry:
    if entry.owner_id != acting_user.pk:
        raise ValidationError(_("Only the author can change an entry."))
    _check_links(acting_user, practice_session, conversation)
    for name in FIELDS:
        if name in fields:
            setattr(entry, name, fields[name])
    entry.practice_session, entry.conversation = practice_session, conversation
    if conversation is not None:
        # Every field, not only the changed ones: linking an older entry redacts it too.
        for name, value in _redacted({n: getattr(entry, n) for n in FIELDS}).items():
            setattr(entry, name, value)
    entry.save()
    record(
        event_type="journal.entry_updated",
        acting_user=acting_user,
        organisation=entry.organisation,
        details={"entry_id": entry.pk},
    )
    return entry


@transaction.atomic(durable=True)
def delete_entry(*, entry: JournalEntry, acting_user: User) -> None:
    if entry.owner_id != acting_user.pk:
        raise ValidationError(_("Only the author can delete an entry."))
    record(
        event_type="journal.entry_deleted",
        acting_user=acting_user,
        organisation=entry.organisation,
        details={"entry_id": entry.pk},
    )
    entry.delete()


@transaction.atomic(durable=True)
def share_entry(*, entry: JournalEntry, supervisor: User, acting_user: User) -> JournalEntry:
    if entry.owner_id != acting_user.pk:
        raise ValidationError(_("Only the author can share an entry."))
    membership = get_membership(acting_user)
    if not supervisors_for(membership).filter(pk=supervisor.pk).exists():
        raise ValidationError(
            _("Entries can be shared only with a supervisor of your organisation.")
        )
    entry.shared_with, entry.shared_at = supervisor, timezone.now()
    entry.save(update_fields=["shared_with", "shared_at"])
    record(
        event_type="journal.entry_shared",
        acting_user=acting_user,
        organisation=entry.organisation,
        details={"entry_id": entry.pk, "shared_with": supervisor.pk},
    )
    return entry


@transaction.atomic(durable=True)
def unshare_entry(*, entry: JournalEntry, acting_user: User) -> JournalEntry:
    if entry.owner_id != acting_user.pk:
        raise ValidationError(_("Only the author can stop sharing an entry."))
    previous = entry.shared_with_id
    entry.shared_with, entry.shared_at = None, None
    entry.save(update_fields=["shared_with", "shared_at"])
    record(
        event_type="journal.entry_unshared",
        acting_user=acting_user,
        organisation=entry.organisation,
        details={"entry_id": entry.pk, "was_shared_with": previous},
    )
    return entry


@transaction.atomic(durable=True)
def record_shared_read(*, entry: JournalEntry, acting_user: User) -> None:
    """A supervisor read an entry shared with them: the owner can see every such read."""
    record(
        event_type="journal.shared_entry_read",
        acting_user=acting_user,
        organisation=entry.organisation,
        details={"entry_id": entry.pk, "owner": entry.owner_id},
    )
