from __future__ import annotations

import pytest
from django.urls import reverse

from empathic.accounts.models import Organisation, User
from empathic.conf import env
from empathic.demo.seed import DEMO_PEOPLE, seed_demo

pytestmark = pytest.mark.django_db


def test_home_redirects_by_sign_in_state(client_for, practitioner):
    assert client_for(None).get("/")["Location"] == reverse("accounts:login")
    assert client_for(practitioner).get("/")["Location"] == reverse("core:dashboard")


def test_health(client):
    response = client.get(reverse("core:health"))
    assert response.json() == {"status": "ok"}


def test_security_headers(client):
    response = client.get(reverse("accounts:login"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_dashboard_shows_role_specific_cards(client_for, org_admin, practitioner):
    admin_page = client_for(org_admin).get(reverse("core:dashboard")).content
    assert b"Recent activity" in admin_page and b"Pending invitations" in admin_page
    practitioner_page = client_for(practitioner).get(reverse("core:dashboard")).content
    assert b"Recent activity" not in practitioner_page
    assert b"Audit trail" not in practitioner_page


def test_account_without_membership_gets_403(client_for, db):
    user = User.objects.create_user("loose@x.test", "pw-long-enough-1", full_name="Loose")
    assert client_for(user).get(reverse("core:dashboard")).status_code == 403


def test_demo_seed_is_complete_and_idempotent():
    seed_demo()
    seed_demo()
    assert Organisation.objects.count() == 2
    assert User.objects.count() == len(DEMO_PEOPLE)
    riverside = Organisation.objects.get(slug="riverside-family-services")
    assert set(riverside.memberships.values_list("role", flat=True)) == {
        "admin",
        "supervisor",
        "practitioner",
    }
    assert riverside.teams.count() == 2


def test_env_helpers(monkeypatch):
    monkeypatch.setenv("X_BOOL", "yes")
    assert env.env_bool("X_BOOL") is True
    monkeypatch.setenv("X_BOOL", "maybe")
    with pytest.raises(ValueError, match="X_BOOL"):
        env.env_bool("X_BOOL")
    monkeypatch.setenv("X_INT", "3")
    with pytest.raises(ValueError, match="at least 5"):
        env.env_int("X_INT", 9, minimum=5)
    monkeypatch.setenv("X_INT", "abc")
    with pytest.raises(ValueError, match="integer"):
        env.env_int("X_INT", 9)
    monkeypatch.setenv("X_LIST", "a, b,,c")
    assert env.env_list("X_LIST", []) == ["a", "b", "c"]


def test_secret_key_is_generated_once_and_private(tmp_path, monkeypatch):
    monkeypatch.delenv("EMPATHIC_SECRET_KEY", raising=False)
    first = env.secret_key(tmp_path)
    assert env.secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
