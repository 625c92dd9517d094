"""Every organisation page for every persona: admin, supervisor and practitioner of the Crisis
Line team, an admin of another organisation (outsider) and an anonymous visitor."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from empathic.accounts import actions
from empathic.accounts.models import Invitation, Role, Team
from empathic.audit.models import AuditEvent
from empathic.testing import membership_of

pytestmark = pytest.mark.django_db

PERSONAS = ("admin", "supervisor", "practitioner", "outsider", "anonymous")


def expect(status_by_persona: dict[str, int]) -> list[tuple[str, int]]:
    return [(persona, status_by_persona[persona]) for persona in PERSONAS]


ALL_MEMBERS_OK = {
    "admin": 200,
    "supervisor": 200,
    "practitioner": 200,
    "outsider": 200,
    "anonymous": 302,
}
ADMIN_ONLY_PAGE = {
    "admin": 200,
    "supervisor": 403,
    "practitioner": 403,
    "outsider": 200,
    "anonymous": 302,
}


HEADINGS = {
    "org:team_list": "Teams",
    "org:member_list": "Members",
    "accounts:security": "Your account",
    "org:settings": "Organisation settings",
    "org:invite": "Invite someone",
    "audit:trail": "Audit trail",
}
# Who is in which team (see the root conftest): the team page lists these people and no others.
TEAM_MEMBERS = {"crisis": ("Sol Supervisor", "Pat Practitioner"), "outreach": ("Oli Outreach",)}


@pytest.fixture
def world(personas, other_practitioner, outreach_team, crisis_team, org_admin):
    invitation = actions.invite_member(
        organisation=crisis_team.organisation,
        email="new@r.test",
        role=Role.PRACTITIONER,
        acting_user=org_admin,
    )
    return {
        "personas": personas,
        "crisis": crisis_team,
        "outreach": outreach_team,
        "practitioner_member": membership_of(personas["practitioner"]),
        "other_member": membership_of(other_practitioner),
        "invitation": invitation,
    }


@pytest.mark.parametrize(
    ("url_name", "statuses"),
    [
        ("core:dashboard", ALL_MEMBERS_OK),
        ("org:team_list", ALL_MEMBERS_OK),
        ("org:member_list", ALL_MEMBERS_OK),
        ("accounts:security", ALL_MEMBERS_OK),
        ("org:settings", ADMIN_ONLY_PAGE),
        ("org:invite", ADMIN_ONLY_PAGE),
        ("audit:trail", ADMIN_ONLY_PAGE),
    ],
)
@pytest.mark.parametrize("persona", PERSONAS)
def test_organisation_pages(world, client_for, url_name, statuses, persona):
    client = client_for(world["personas"][persona])
    response = client.get(reverse(url_name))
    assert response.status_code == statuses[persona]
    if statuses[persona] == 200 and persona == "outsider":
        # The outsider sees their own organisation, never Riverside's.
        assert b"Riverside" not in response.content
        assert b"Crisis Line" not in response.content
    if statuses[persona] == 200:
        html = response.content.decode()
        user = world["personas"][persona]
        heading = HEADINGS.get(url_name, f"Welcome, {user.get_short_name()}")
        assert f"<h1>{heading}</h1>" in html
        if url_name == "org:team_list" and persona != "outsider":
            # Supervisor and practitioner see their own team; the admin sees every team.
            assert "Crisis Line" in html
            assert ("Community Outreach" in html) == (persona == "admin")


@pytest.mark.parametrize(
    ("team_key", "statuses"),
    [
        (
            "crisis",
            {
                "admin": 200,
                "supervisor": 200,
                "practitioner": 200,
                "outsider": 404,
                "anonymous": 302,
            },
        ),
        (
            "outreach",
            {
                "admin": 200,
                "supervisor": 403,
                "practitioner": 403,
                "outsider": 404,
                "anonymous": 302,
            },
        ),
    ],
)
@pytest.mark.parametrize("persona", PERSONAS)
def test_team_detail(world, client_for, team_key, statuses, persona):
    client = client_for(world["personas"][persona])
    response = client.get(reverse("org:team_detail", args=[world[team_key].pk]))
    assert response.status_code == statuses[persona]
    if statuses[persona] == 200:
        html = response.content.decode()
        assert f"<h1>{world[team_key].name}</h1>" in html
        for team, names in TEAM_MEMBERS.items():
            for name in names:
                assert (f"<td>{name}</td>" in html) == (team == team_key), name
        assert ("Edit team" in html) == (persona == "admin")


@pytest.mark.parametrize(
    ("member_key", "statuses"),
    [
        (
            "practitioner_member",
            {
                "admin": 200,
                "supervisor": 200,
                "practitioner": 200,
                "outsider": 404,
                "anonymous": 302,
            },
        ),
        (
            "other_member",
            {
                "admin": 200,
                "supervisor": 403,
                "practitioner": 403,
                "outsider": 404,
                "anonymous": 302,
            },
        ),
    ],
)
@pytest.mark.parametrize("persona", PERSONAS)
def test_member_detail(world, client_for, member_key, statuses, persona):
    client = client_for(world["personas"][persona])
    response = client.get(reverse("org:member_detail", args=[world[member_key].pk]))
    assert response.status_code == statuses[persona]
    if statuses[persona] == 200:
        html = response.content.decode()
        member = world[member_key]
        assert f"<h1>{member.user.full_name}</h1>" in html and member.user.email in html
        team = "Crisis Line" if member_key == "practitioner_member" else "Community Outreach"
        assert f"<p>Teams: {team}</p>" in html
        assert ("Role and teams" in html) == (persona == "admin")


WRITE_STATUSES = {
    "admin": 302,
    "supervisor": 403,
    "practitioner": 403,
    "outsider": 404,
    "anonymous": 302,
}


def _writes(world):
    crisis, member, invitation = world["crisis"], world["practitioner_member"], world["invitation"]
    return {
        "edit_team": (
            reverse("org:team_detail", args=[crisis.pk]),
            {"name": "Crisis & Night Line", "description": ""},
        ),
        "delete_team": (reverse("org:team_delete", args=[crisis.pk]), {}),
        "edit_member": (
            reverse("org:member_detail", args=[member.pk]),
            {"role": "supervisor", "teams": [crisis.pk]},
        ),
        "deactivate": (reverse("org:member_set_active", args=[member.pk]), {"active": "0"}),
        "revoke": (reverse("org:invitation_revoke", args=[invitation.pk]), {}),
    }


@pytest.mark.parametrize(
    "write", ["edit_team", "delete_team", "edit_member", "deactivate", "revoke"]
)
@pytest.mark.parametrize("persona", PERSONAS)
def test_writes_are_admin_only_and_audited(world, client_for, write, persona):
    url, data = _writes(world)[write]
    client = client_for(world["personas"][persona])
    before = AuditEvent.objects.exclude(event_type__startswith="auth.").count()
    response = client.post(url, data)
    assert response.status_code == WRITE_STATUSES[persona]
    after = AuditEvent.objects.exclude(event_type__startswith="auth.").count()
    if persona == "admin":
        assert after == before + 1
    else:
        assert after == before
        if persona == "anonymous":
            assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", PERSONAS)
def test_create_team_is_admin_only(world, client_for, persona):
    client = client_for(world["personas"][persona])
    response = client.post(reverse("org:team_list"), {"name": "Youth Services"})
    created = Team.objects.filter(name="Youth Services").first()
    if persona == "admin":
        assert response.status_code == 302
        assert created.organisation == world["crisis"].organisation
    elif persona == "outsider":
        # An outsider's admin creates a team in their own organisation only.
        assert response.status_code == 302
        assert created.organisation != world["crisis"].organisation
    else:
        assert response.status_code in (302, 403)
        assert created is None


def test_settings_form_saves(world, client_for):
    client = client_for(world["personas"]["admin"])
    response = client.post(
        reverse("org:settings"), {"name": "Riverside FS", "require_admin_2fa": "on"}
    )
    assert response.status_code == 302
    organisation = world["crisis"].organisation
    organisation.refresh_from_db()
    assert organisation.name == "Riverside FS" and organisation.require_admin_2fa


def test_settings_form_rejects_blank_name(world, client_for):
    client = client_for(world["personas"]["admin"])
    response = client.post(reverse("org:settings"), {"name": ""})
    assert response.status_code == 200
    assert b"This field is required" in response.content


def test_invite_page_sends_invitation(world, client_for, mailoutbox):
    client = client_for(world["personas"]["admin"])
    response = client.post(
        reverse("org:invite"),
        {"email": "fresh@r.test", "role": "supervisor", "teams": [world["crisis"].pk]},
    )
    assert response.status_code == 200
    invitation = Invitation.objects.get(email="fresh@r.test")
    assert invitation.token.encode() in response.content


def test_invite_existing_account_shows_error(world, client_for):
    client = client_for(world["personas"]["admin"])
    response = client.post(
        reverse("org:invite"), {"email": "pat@riverside.test", "role": "practitioner"}
    )
    assert response.status_code == 200
    assert b"already has an account" in response.content


def test_practitioner_member_list_shows_only_themselves(world, client_for):
    client = client_for(world["personas"]["practitioner"])
    response = client.get(reverse("org:member_list"))
    assert b"Pat Practitioner" in response.content
    assert b"Oli Outreach" not in response.content
    assert b"new@r.test" not in response.content


def test_supervisor_member_list_is_their_teams(world, client_for):
    client = client_for(world["personas"]["supervisor"])
    response = client.get(reverse("org:member_list"))
    assert b"Pat Practitioner" in response.content
    assert b"Oli Outreach" not in response.content


def test_post_without_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(
        world["personas"]["admin"], backend="django.contrib.auth.backends.ModelBackend"
    )
    response = client.post(reverse("org:team_delete", args=[world["crisis"].pk]))
    assert response.status_code == 403
    assert Team.objects.filter(pk=world["crisis"].pk).exists()
