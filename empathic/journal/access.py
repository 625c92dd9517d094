"""Access to journal entries.

Only the owner reads, searches, edits, exports or shares an entry. A supervisor reads an entry
the owner shared with them by name; every such read is audited. Anyone else, organisation
admins included, gets a 404: an entry's existence is not revealed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from empathic.accounts.access import get_membership
from empathic.accounts.models import Membership, Role, User
from empathic.journal.models import JournalEntry

if TYPE_CHECKING:
    from django.db.models import QuerySet


def get_own_entry(user: User, entry_id: int) -> JournalEntry:
    get_membership(user)
    entry = JournalEntry.objects.filter(pk=entry_id, owner=user).first()
    if entry is None:
        raise Http404
    return entry


def get_entry_for_reader(user: User, entry_id: int) -> JournalEntry:
    """The owner's entry, or an entry shared with this supervisor; 404 for anyone else."""
    membership = get_membership(user)
    entry = (
        JournalEntry.objects.filter(pk=entry_id, organisation=membership.organisation)
        .select_related("owner", "shared_with", "practice_session")
        .first()
    )
    if entry is None:
        raise Http404
    if entry.owner_id == user.pk:
        return entry
    if entry.shared_with_id == user.pk and membership.role == Role.SUPERVISOR:
        return entry
    raise Http404


def supervisors_for(membership: Membership) -> QuerySet[User]:
    """Whom an entry can be shared with: active supervisors of the owner's organisation."""
    return (
        User.objects.filter(
            membership__organisation=membership.organisation,
            membership__role=Role.SUPERVISOR,
            membership__is_active=True,
        )
        .exclude(pk=membership.user_id)
        .order_by("full_name")
    )
