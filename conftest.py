"""Personas shared by every test module: set up through actions, as real data is. Only fixtures
live here; helpers that tests import by name are in ``empathic/testing.py``."""

from __future__ import annotations

import pytest

from empathic.accounts import actions
from empathic.accounts.models import Organisation, Role, Team, User
from empathic.testing import PASSWORD, add_member


@pytest.fixture(autouse=True)
def _language_of_the_test():
    """A request in Spanish leaves Spanish active in the thread; the next test starts in the
    site's default language, whatever ran before it."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_test_settings(settings):
    # Tests render templates without running collectstatic, and hash passwords cheaply.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def organisation(db) -> Organisation:
    return actions.create_organisation(
        name="Riverside Family Services",
        admin_email="admin@riverside.test",
        admin_name="Amara Admin",
        admin_password=PASSWORD,
        acting_user=None,
    )


@pytest.fixture
def org_admin(organisation) -> User:
    return User.objects.get(email="admin@riverside.test")


@pytest.fixture
def crisis_team(organisation, org_admin) -> Team:
    return actions.create_team(organisation=organisation, name="Crisis Line", acting_user=org_admin)


@pytest.fixture
def outreach_team(organisation, org_admin) -> Team:
    return actions.create_team(
        organisation=organisation, name="Community Outreach", acting_user=org_admin
    )


@pytest.fixture
def supervisor(organisation, org_admin, crisis_team) -> User:
    return add_member(
        organisation,
        "sup@riverside.test",
        "Sol Supervisor",
        Role.SUPERVISOR,
        [crisis_team],
        org_admin,
    )


@pytest.fixture
def outreach_supervisor(organisation, org_admin, outreach_team) -> User:
    """A supervisor of another team than `supervisor`'s (Outreach, not the Crisis Line)."""
    return add_member(
        organisation,
        "sue@riverside.test",
        "Sue Outreach",
        Role.SUPERVISOR,
        [outreach_team],
        org_admin,
    )


@pytest.fixture
def practitioner(organisation, org_admin, crisis_team) -> User:
    return add_member(
        organisation,
        "pat@riverside.test",
        "Pat Practitioner",
        Role.PRACTITIONER,
        [crisis_team],
        org_admin,
    )


@pytest.fixture
def other_practitioner(organisation, org_admin, outreach_team) -> User:
    """A practitioner in the same organisation but another team."""
    return add_member(
        organisation,
        "oli@riverside.test",
        "Oli Outreach",
        Role.PRACTITIONER,
        [outreach_team],
        org_admin,
    )


@pytest.fixture
def other_organisation(db) -> Organisation:
    return actions.create_organisation(
        name="Northside Peer Support",
        admin_email="admin@northside.test",
        admin_name="Nia Northside",
        admin_password=PASSWORD,
        acting_user=None,
    )


@pytest.fixture
def outsider(other_organisation) -> User:
    """An admin of another organisation: the strongest role, in the wrong place."""
    return User.objects.get(email="admin@northside.test")


@pytest.fixture
def personas(org_admin, supervisor, practitioner, outsider) -> dict[str, User | None]:
    return {
        "admin": org_admin,
        "supervisor": supervisor,
        "practitioner": practitioner,
        "outsider": outsider,
        "anonymous": None,
    }


@pytest.fixture
def client_for(client):
    """A test client signed in as the given persona (or anonymous for None)."""

    def sign_in(user: User | None):
        client.logout()
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return sign_in
