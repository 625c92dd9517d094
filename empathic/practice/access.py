"""Fetch-and-authorise for the practice studio.

Outside the user's organisation: 404. A session is its trainee's only (404 for anyone else,
admins included). Library scenarios are readable by every member and editable by nobody;
an organisation's scenarios are authored by its supervisors and admins (403 for practitioners).
A workshop is seen by its trainers (everything) and trainees (their own results); other members
of the organisation get a 403.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from empathic.accounts.access import get_membership
from empathic.practice.models import PracticeSession, Scenario, ScenarioNode, Workshop

if TYPE_CHECKING:
    from empathic.accounts.models import User


def get_scenario_for_user(user: User, scenario_id: int, *, edit: bool = False) -> Scenario:
    membership = get_membership(user)
    scenario = (
        Scenario.objects.filter(pk=scenario_id)
        .filter(Q(organisation=None) | Q(organisation=membership.organisation))
        .first()
    )
    if scenario is None:
        raise Http404
    if edit and (scenario.is_library or not membership.can_supervise):
        raise PermissionDenied("Library scenarios are read-only; copy one to change it.")
    if not scenario.is_published and not membership.can_supervise:
        raise PermissionDenied("This scenario is still being written.")
    return scenario


def get_node_for_editing(user: User, scenario_id: int, node_id: int) -> ScenarioNode:
    scenario = get_scenario_for_user(user, scenario_id, edit=True)
    node = scenario.nodes.filter(pk=node_id).first()
    if node is None:
        raise Http404
    return node


def get_own_session(user: User, session_id: int) -> PracticeSession:
    get_membership(user)
    session = (
        PracticeSession.objects.filter(pk=session_id, user=user).select_related("scenario").first()
    )
    if session is None:
        raise Http404
    return session


def get_workshop_for_user(user: User, workshop_id: int, *, manage: bool = False) -> Workshop:
    membership = get_membership(user)
    workshop = Workshop.objects.filter(pk=workshop_id, organisation=membership.organisation).first()
    if workshop is None:
        raise Http404
    is_trainer = workshop.trainers.filter(pk=user.pk).exists()
    if manage and not is_trainer:
        raise PermissionDenied("Only the workshop's trainers manage it.")
    if not is_trainer and not workshop.trainees.filter(pk=user.pk).exists():
        raise PermissionDenied("Only the workshop's trainers and trainees see it.")
    return workshop


def get_trainee_of_workshop(user: User, workshop_id: int, trainee_id: int) -> tuple[Workshop, User]:
    workshop = get_workshop_for_user(user, workshop_id, manage=True)
    trainee = workshop.trainees.filter(pk=trainee_id).first()
    if trainee is None:
        raise Http404
    return workshop, trainee
