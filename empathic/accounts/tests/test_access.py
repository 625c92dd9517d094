"""The role gates, one per rule, that every app calls: admins; supervisors and admins."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django_otp.plugins.otp_totp.models import TOTPDevice

from empathic.accounts import access, actions

pytestmark = pytest.mark.django_db

GATES = {
    # persona: (passes require_admin, passes require_supervisor)
    "admin": (True, True),
    "supervisor": (False, True),
    "practitioner": (False, False),
    "outsider": (True, True),  # the admin of another organisation, in their own
    "anonymous": (False, False),
}


def _passes(gate, user) -> bool:
    try:
        membership = gate(user)
    except PermissionDenied:
        return False
    assert membership.user == user and membership.is_active
    return True


@pytest.mark.parametrize("persona", GATES)
def test_role_gates(persona, personas):
    user = personas[persona] or AnonymousUser()
    assert (_passes(access.require_admin, user), _passes(access.require_supervisor, user)) == (
        GATES[persona]
    )


def test_an_inactive_member_passes_no_gate(org_admin, supervisor):
    actions.set_member_active(membership=supervisor.membership, active=False, acting_user=org_admin)
    supervisor.refresh_from_db()
    for gate in (access.get_membership, access.require_supervisor, access.require_admin):
        with pytest.raises(PermissionDenied):
            gate(supervisor)


TEAM_GATE = {  # persona: reaches the Crisis Line
    "admin": True,
    "supervisor": True,
    "practitioner": True,
    "other_practitioner": False,  # Community Outreach only
}


@pytest.mark.parametrize("persona", TEAM_GATE)
def test_the_team_gate_admits_admins_and_the_teams_own_members(
    persona, org_admin, supervisor, practitioner, other_practitioner, crisis_team
):
    user = {"admin": org_admin, "supervisor": supervisor, "practitioner": practitioner,
            "other_practitioner": other_practitioner}[persona]  # fmt: skip
    membership = access.get_membership(user)
    assert access.in_team_or_admin(membership, crisis_team.pk) == TEAM_GATE[persona]
    # Without a team only admins pass: a team-less resource is no supervisor's.
    assert access.in_team_or_admin(membership, None) == (persona == "admin")


def test_required_two_factor_binds_admins_of_that_organisation_only(
    organisation, org_admin, supervisor, outsider
):
    assert not access.admin_must_use_two_factor(org_admin)
    actions.update_organisation_settings(
        organisation=organisation, name=organisation.name, require_admin_2fa=True,
        acting_user=org_admin,
    )  # fmt: skip
    org_admin.refresh_from_db()
    assert access.admin_must_use_two_factor(org_admin)
    assert not access.admin_must_use_two_factor(supervisor)
    assert not access.admin_must_use_two_factor(outsider)  # another organisation's admin
    assert not access.admin_must_use_two_factor(AnonymousUser())


def test_an_admin_cannot_turn_off_required_two_factor(organisation, org_admin, supervisor):
    actions.update_organisation_settings(
        organisation=organisation, name=organisation.name, require_admin_2fa=True,
        acting_user=org_admin,
    )  # fmt: skip
    for user in (org_admin, supervisor):
        actions.enrol_totp_device(user=user, key="ab" * 20, acting_user=user)
        user.refresh_from_db()
    with pytest.raises(ValidationError, match="requires two-factor"):
        actions.disable_totp(user=org_admin, acting_user=org_admin)
    assert TOTPDevice.objects.filter(user=org_admin).exists()
    actions.disable_totp(user=supervisor, acting_user=supervisor)  # not an admin: may
    assert not TOTPDevice.objects.filter(user=supervisor).exists()


def test_audit_rows_name_the_organisation_of_active_and_deactivated_members(
    organisation, org_admin, supervisor, outsider
):
    assert access.organisation_of(supervisor) == organisation
    assert access.organisation_of(outsider) != organisation
    actions.set_member_active(membership=supervisor.membership, active=False, acting_user=org_admin)
    supervisor.refresh_from_db()
    assert access.organisation_of(supervisor) == organisation
    assert access.active_membership(supervisor) is None
    assert access.active_membership(AnonymousUser()) is None
