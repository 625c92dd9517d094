"""Who may see and act on which conversation, fetched and authorised in one step.

* Practitioners: their own conversations.
* Supervisors: their own, and those of the teams they belong to.
* Organisation admins: every conversation of their organisation.
* Anyone else, and anything of another organisation: 404 (existence is not revealed). A
  conversation of the same organisation that the role may not see or act on: 403.
"""

from __future__ import annotations

from enum import Enum

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from empathic.accounts.access import get_membership, in_team_or_admin
from empathic.accounts.models import Membership, Role, User
from empathic.conversations.models import Comment, Conversation


class Purpose(Enum):
    VIEW = "view"
    ERASE = "erase"  # the practitioner whose session it is, or an admin
    RETRY = "retry"  # the same
    COMMENT = "comment"  # start a thread on a turn: supervisors of the team and admins
    REPLY = "reply"  # answer a thread: anyone who may view
    REVIEW = "review"  # mark as reviewed: supervisors of the team and admins


def supervises(membership: Membership, conversation: Conversation) -> bool:
    """Admins, and supervisors of the conversation's team."""
    return membership.can_supervise and in_team_or_admin(membership, conversation.team_id)


def is_owner(user: User, conversation: Conversation) -> bool:
    return conversation.practitioner_id == user.pk


def conversations_visible_to(membership: Membership) -> QuerySet[Conversation]:
    conversations = Conversation.objects.filter(organisation=membership.organisation)
    if membership.is_admin:
        return conversations
    if membership.role == Role.SUPERVISOR:
        return conversations.filter(
            Q(practitioner=membership.user) | Q(team__in=membership.teams.all())
        )
    return conversations.filter(practitioner=membership.user)


def allowed(membership: Membership, conversation: Conversation, purpose: Purpose) -> bool:
    owner = is_owner(membership.user, conversation)
    if purpose in (Purpose.ERASE, Purpose.RETRY):
        return owner or membership.is_admin
    if purpose in (Purpose.COMMENT, Purpose.REVIEW):
        return not owner and supervises(membership, conversation)
    return owner or supervises(membership, conversation)


def get_conversation_for_user(
    user: User, conversation_id: int, purpose: Purpose = Purpose.VIEW
) -> Conversation:
    membership = get_membership(user)
    conversation = (
        Conversation.objects.filter(pk=conversation_id, organisation=membership.organisation)
        .select_related("organisation", "team", "practitioner", "reviewed_by")
        .first()
    )
    if conversation is None:
        raise Http404
    if not allowed(membership, conversation, purpose):
        raise PermissionDenied
    return conversation


def get_comment(conversation: Conversation, comment_id: int) -> Comment:
    comment = Comment.objects.filter(pk=comment_id, conversation=conversation).first()
    if comment is None:
        raise Http404
    return comment
