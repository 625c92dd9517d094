"""Access functions: each fetches a resource and authorises the user in one step.

Anything outside the user's organisation is a 404 (its existence is not revealed); a resource
inside the organisation that the user's role may not act on is a 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from empathic.accounts.models import Invitation, Membership, Organisation, Role, Team, User


def active_membership(user: User) -> Membership | None:
    """The active membership of a signed-in user, or None: the one test of "a member", for
    callers that must not raise (navigation, checking the people named in a form)."""
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    return membership if membership is not None and membership.is_active else None


def get_membership(user: User) -> Membership:
    """The active membership of a signed-in user; 403 for accounts with none."""
    membership = active_membership(user)
    if membership is None:
        raise PermissionDenied("You are not a member of an organisation.")
    return membership


def organisation_of(user: User) -> Organisation | None:
    """The organisation an audit row about the user belongs to, active member or not (a
    deactivated member's sign-out is still the organisation's record)."""
    membership = getattr(user, "membership", None)
    return membership.organisation if membership else None


def admin_must_use_two_factor(user: User) -> bool:
    """An admin whose organisation requires two-factor sign-in: may not sign in without a device,
    nor turn it off. Deliberately not limited to active members: it only ever adds a step."""
    membership = getattr(user, "membership", None)
    return bool(membership and membership.is_admin and membership.organisation.require_admin_2fa)


def in_team_or_admin(membership: Membership, team_id: int | None) -> bool:
    """The one team gate: admins reach every team of their organisation, anyone else only the
    teams they belong to (a resource without a team belongs to none). The caller has checked
    that the team is in the member's organisation."""
    if membership.is_admin:
        return True
    return team_id is not None and membership.teams.filter(pk=team_id).exists()


def require_admin(user: User) -> Membership:
    """Organisation admins only: settings, members, the audit trail, retention and erasure,
    organisation-wide aggregates. The one admin gate: every app calls this one."""
    membership = get_membership(user)
    if not membership.is_admin:
        raise PermissionDenied("Only organisation admins may do this.")
    return membership


def require_supervisor(user: User) -> Membership:
    """Supervisors and admins: team views and aggregates, workshops, authored scenarios. The
    one supervisor gate: every app calls this one."""
    membership = get_membership(user)
    if not membership.can_supervise:
        raise PermissionDenied("Only supervisors and admins may do this.")
    return membership


def teams_visible_to(membership: Membership) -> QuerySet[Team]:
    teams = Team.objects.filter(organisation=membership.organisation)
    if membership.is_admin:
        return teams
    return teams.filter(memberships=membership)


def get_team_for_user(user: User, team_id: int, *, manage: bool = False) -> Team:
    membership = get_membership(user)
    team = Team.objects.filter(pk=team_id, organisation=membership.organisation).first()
    if team is None:
        raise Http404
    if manage and not membership.is_admin:
        raise PermissionDenied
    if not in_team_or_admin(membership, team.pk):
        raise PermissionDenied
    return team


def members_visible_to(membership: Membership) -> QuerySet[Membership]:
    """Admins see everyone; supervisors the members of their teams; practitioners only
    themselves."""
    members = Membership.objects.filter(organisation=membership.organisation).select_related("user")
    if membership.is_admin:
        return members
    if membership.role == Role.SUPERVISOR:
        return members.filter(Q(teams__in=membership.teams.all()) | Q(pk=membership.pk)).distinct()
    return members.filter(pk=membership.pk)


def get_member_for_user(user: User, membership_id: int, *, manage: bool = False) -> Membership:
    membership = get_membership(user)
    target = (
        Membership.objects.filter(pk=membership_id, organisation=membership.organisation)
        .select_related("user", "organisation")
        .first()
    )
    if target is None:
        raise Http404
    if manage and not membership.is_admin:
        raise PermissionDenied
    if not members_visible_to(membership).filter(pk=target.pk).exists():
        raise PermissionDenied
    return target


def get_invitation_for_user(user: User, invitation_id: int) -> Invitation:
    membership = get_membership(user)
    invitation = Invitation.objects.filter(
        pk=invitation_id, organisation=membership.organisation
    ).first()
    if invitation is None:
        raise Http404
    if not membership.is_admin:
        raise PermissionDenied
    return invitation


def get_invitation_by_token(token: str) -> Invitation:
    invitation = (
        Invitation.objects.filter(token=token).select_related("organisation").first()
        if token
        else None
    )
    if invitation is None:
        raise Http404
    return invitation
