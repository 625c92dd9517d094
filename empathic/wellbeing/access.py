"""Access to wellbeing records: a person's own only; groups as aggregates for those who lead them.

Someone else's check-in is a 404 for everyone, admins included: its existence is not revealed.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from empathic.accounts.access import get_membership, get_team_for_user, teams_visible_to
from empathic.accounts.models import Membership, Team, User
from empathic.wellbeing.models import CheckIn
from empathic.wellbeing.scoring import INSTRUMENT_CODES, Instrument, load_instrument


def get_own_check_in(user: User, check_in_id: int) -> CheckIn:
    get_membership(user)
    check_in = CheckIn.objects.filter(pk=check_in_id, user=user).first()
    if check_in is None:
        raise Http404
    return check_in


def get_instrument(code: str) -> Instrument:
    if code not in INSTRUMENT_CODES:
        raise Http404
    return load_instrument(code)


def require_group_viewer(user: User) -> Membership:
    """Supervisors (their teams) and admins (the organisation and every team)."""
    membership = get_membership(user)
    if not membership.can_supervise:
        raise PermissionDenied("Only supervisors and admins see team wellbeing aggregates.")
    return membership


def aggregate_teams_for(membership: Membership) -> QuerySet[Team]:
    return teams_visible_to(membership).order_by("name")


def get_team_for_aggregates(user: User, team_id: int) -> Team:
    require_group_viewer(user)
    return get_team_for_user(user, team_id)


def require_org_viewer(user: User) -> Membership:
    membership = get_membership(user)
    if not membership.is_admin:
        raise PermissionDenied("Only organisation admins see organisation-wide aggregates.")
    return membership
