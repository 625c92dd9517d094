"""The role gates, one per rule, that every app calls: admins; supervisors and admins."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

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
