"""Access to wellbeing records: a person's own only; groups as aggregates for those who lead them.

Someone else's check-in is a 404 for everyone, admins included: its existence is not revealed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from empathic.accounts.access import (
    get_membership,
    get_team_for_user,
    require_supervisor,
    teams_visible_to,
)
from empathic.wellbeing.models import CheckIn
from empathic.wellbeing.scoring import INSTRUMENT_CODES, Instrument, load_instrument

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from empathic.accounts.models import Membership, Team, User


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


def aggregate_teams_for(membership: Membership) -> QuerySet[Team]:
    return teams_visible_to(membership).order_by("name")


def get_team_for_aggregates(user: User, team_id: int) -> Team:
    # Group aggregates: supervisors (their teams) and admins (the organisation, every team).
    require_supervisor(user)
    return get_team_for_user(user, team_id)
