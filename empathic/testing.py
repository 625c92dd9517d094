"""Helpers the tests share (as healthchecks' ``hc/test.py``): the personas' password and ways to
reach what the persona fixtures of the root ``conftest.py`` set up. Fixtures stay in conftest
files; anything a test module imports by name lives here or in its app's ``tests/helpers.py``.
"""

from __future__ import annotations

from empathic.accounts import actions
from empathic.accounts.models import Membership, Organisation, Role, Team, User

PASSWORD = "a-long-test-password-9"  # noqa: S105 (the test personas' password)


def add_member(
    organisation: Organisation,
    email: str,
    name: str,
    role: Role,
    teams: list[Team],
    acting_user: User,
) -> User:
    """A member of ``organisation``, added through the action as an admin would."""
    membership = actions.add_member(
        organisation=organisation,
        email=email,
        full_name=name,
        password=PASSWORD,
        role=role,
        teams=teams,
        acting_user=acting_user,
    )
    return membership.user


def membership_of(user: User) -> Membership:
    return Membership.objects.get(user=user)
