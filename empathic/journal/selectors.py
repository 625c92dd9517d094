from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from empathic.audit.models import AuditEvent
from empathic.journal.actions import FIELDS
from empathic.journal.models import JournalEntry

if TYPE_CHECKING:
    from empathic.accounts.models import User


def entries_of(user: User, q: str = "") -> QuerySet[JournalEntry]:
    """The user's own entries, optionally searched (case-insensitive, in every field)."""
    entries = JournalEntry.objects.filter(owner=user).select_related("shared_with")
    q = q.strip()
    if q:
        condition = Q()
        for name in FIELDS:
            condition |= Q(**{f"{name}__icontains": q})
        entries = entries.filter(condition)
    return entries


def shared_with(user: User) -> QuerySet[JournalEntry]:
    return JournalEntry.objects.filter(shared_with=user).select_related("owner")


def reads_of(entry: JournalEntry) -> QuerySet[AuditEvent]:
    """Audited reads of a shared entry, newest first (shown to its owner)."""
    return AuditEvent.objects.filter(
        event_type="journal.shared_entry_read", details__entry_id=entry.pk
    ).order_by("-pk")
