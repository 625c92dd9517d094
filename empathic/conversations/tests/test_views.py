"""Every conversation view for every persona: admin, the team's supervisor, the practitioner
whose session it is, a practitioner of another team, another organisation's admin, anonymous."""

from __future__ import annotations

import pytest
from django.urls import reverse

from empathic.audit.models import AuditEvent
from empathic.conversations import actions
from empathic.conversations.models import Comment, Conversation, Status
from empathic.conversations.tests.helpers import upload
from empathic.testing import membership_of

PERSONAS = ("admin", "supervisor", "practitioner", "other_practitioner", "outsider", "anonymous")


@pytest.fixture
def people(org_admin, supervisor, practitioner, other_practitioner, outsider):
    return {
        "admin": org_admin,
        "supervisor": supervisor,
        "practitioner": practitioner,
        "other_practitioner": other_practitioner,
        "outsider": outsider,
        "anonymous": None,
    }


@pytest.fixture
def conversation(practitioner):
    return upload(practitioner, title="Eviction worries")


def _expect(response, expected):
    if expected == "login":
        assert response.status_code == 302 and "/accounts/" in response["Location"]
    elif expected == "redirect":
        assert response.status_code == 302
    else:
        assert response.status_code == expected


# --- Reading a conversation -----------------------------------------------------------------
VIEW = {
    "admin": 200,
    "supervisor": 200,
    "practitioner": 200,
    "other_practitioner": 403,
    "outsider": 404,
    "anonymous": "login",
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_detail_and_status_json(persona, people, client_for, conversation):
    client = client_for(people[persona])
    _expect(client.get(reverse("conversations:detail", args=[conversation.pk])), VIEW[persona])
    response = client.get(reverse("conversations:status", args=[conversation.pk]))
    _expect(response, VIEW[persona])
    if VIEW[persona] == 200:
        assert response.json()["status"] == "queued"


def test_status_page_shows_progress_without_client_text_and_a_fallback(
    client_for, practitioner, conversation
):
    response = client_for(practitioner).get(reverse("conversations:detail", args=[conversation.pk]))
    body = response.content.decode()
    assert "Waiting for a worker" in body and 'http-equiv="refresh"' in body
    assert "conversations/status.js" in body
    assert "eviction" not in body  # no client text on the status page, so no view audit
    assert not AuditEvent.objects.filter(event_type="conversation.viewed").exists()


def test_reading_a_waiting_conversation_starts_no_work(
    client_for, practitioner, conversation, settings, monkeypatch
):
    """No GET changes state: with the embedded runner on, the status page and its JSON poll
    only read; waiting work is the sweeper's (jobs.start_sweeper)."""
    from empathic.conversations import dispatch

    settings.CONVERSATIONS_RUNNER = "thread"
    submitted: list[int] = []
    monkeypatch.setattr(dispatch, "_submit", submitted.append)
    client = client_for(practitioner)
    assert client.get(reverse("conversations:detail", args=[conversation.pk])).status_code == 200
    assert client.get(reverse("conversations:status", args=[conversation.pk])).status_code == 200
    assert submitted == []
    conversation.refresh_from_db()
    assert conversation.status == Status.QUEUED and conversation.attempts == 0


def test_failed_analysis_shows_the_reason_and_a_retry_button(
    client_for, practitioner, conversation
):
    Conversation.objects.filter(pk=conversation.pk).update(
        status=Status.FAILED, failure_reason="the model files are missing"
    )
    client = client_for(practitioner)
    body = client.get(reverse("conversations:detail", args=[conversation.pk])).content.decode()
    assert "the model files are missing" in body and "Retry the analysis" in body
    response = client.post(reverse("conversations:retry", args=[conversation.pk]))
    assert response.status_code == 302
    conversation.refresh_from_db()
    assert conversation.status == Status.QUEUED


@pytest.mark.parametrize("persona", PERSONAS)
def test_list(persona, people, client_for, conversation):
    client = client_for(people[persona])
    response = client.get(reverse("conversations:list"))
    _expect(response, "login" if persona == "anonymous" else 200)
    if persona == "anonymous":
        return
    mine = "Eviction worries" in response.content.decode()
    assert mine == (persona == "practitioner")
    team = client.get(reverse("conversations:list") + "?scope=team").content.decode()
    # A scope the role does not have falls back to the person's own sessions.
    assert ("Eviction worries" in team) == (persona in ("admin", "supervisor", "practitioner"))
    everything = client.get(reverse("conversations:list") + "?scope=all").content.decode()
    assert ("Eviction worries" in everything) == (persona in ("admin", "practitioner"))


# --- Acting on a conversation ---------------------------------------------------------------
OWNER_OR_ADMIN = {**VIEW, "supervisor": 403}


@pytest.mark.parametrize("persona", PERSONAS)
def test_retry(persona, people, client_for, conversation):
    Conversation.objects.filter(pk=conversation.pk).update(status=Status.FAILED)
    response = client_for(people[persona]).post(
        reverse("conversations:retry", args=[conversation.pk])
    )
    expected = OWNER_OR_ADMIN[persona]
    _expect(response, "redirect" if expected == 200 else expected)
    conversation.refresh_from_db()
    assert (conversation.status == Status.QUEUED) == (expected == 200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_erase(persona, people, client_for, conversation):
    client = client_for(people[persona])
    url = reverse("conversations:erase", args=[conversation.pk])
    expected = OWNER_OR_ADMIN[persona]
    _expect(client.get(url), expected)
    _expect(client.post(url), "redirect" if expected == 200 else expected)
    assert Conversation.objects.filter(pk=conversation.pk).exists() == (expected != 200)


SUPERVISE = {**VIEW, "practitioner": 403}


@pytest.mark.parametrize("persona", PERSONAS)
def test_comment_on_a_turn(persona, people, client_for, conversation):
    url = reverse("conversations:comment", args=[conversation.pk, 2])
    response = client_for(people[persona]).post(url, {"body": "Lovely reflection here."})
    expected = SUPERVISE[persona]
    _expect(response, "redirect" if expected == 200 else expected)
    assert Comment.objects.exists() == (expected == 200)
    if expected == 200:
        assert response["Location"].endswith("#turn-2")


@pytest.mark.parametrize("persona", PERSONAS)
def test_answer_a_comment(persona, people, client_for, conversation, supervisor):
    thread = actions.add_comment(
        conversation=conversation,
        turn=conversation.turns.get(index=2),
        body="Why this question?",
        acting_user=supervisor,
    )
    url = reverse("conversations:comment", args=[conversation.pk, 2])
    response = client_for(people[persona]).post(url, {"body": "Because...", "parent": thread.pk})
    expected = VIEW[persona]
    _expect(response, "redirect" if expected == 200 else expected)
    assert Comment.objects.filter(parent=thread).exists() == (expected == 200)


def test_comment_errors(client_for, supervisor, conversation):
    client = client_for(supervisor)
    url = reverse("conversations:comment", args=[conversation.pk, 99])
    assert client.post(url, {"body": "x"}).status_code == 404
    url = reverse("conversations:comment", args=[conversation.pk, 1])
    assert client.post(url, {"body": ""}).status_code == 302
    assert not Comment.objects.exists()
    assert client.post(url, {"body": "x", "parent": 12345}).status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_mark_reviewed(persona, people, client_for, conversation):
    Conversation.objects.filter(pk=conversation.pk).update(status=Status.DONE)
    response = client_for(people[persona]).post(
        reverse("conversations:review", args=[conversation.pk])
    )
    expected = SUPERVISE[persona]
    _expect(response, "redirect" if expected == 200 else expected)
    conversation.refresh_from_db()
    assert (conversation.reviewed_at is not None) == (expected == 200)


def test_review_of_an_unanalysed_conversation_is_refused(client_for, supervisor, conversation):
    client_for(supervisor).post(reverse("conversations:review", args=[conversation.pk]))
    conversation.refresh_from_db()
    assert conversation.reviewed_at is None


# --- Upload, growth, team, settings ---------------------------------------------------------
@pytest.mark.parametrize("persona", PERSONAS)
def test_upload_page(persona, people, client_for):
    response = client_for(people[persona]).get(reverse("conversations:upload"))
    _expect(response, "login" if persona == "anonymous" else 200)
    if persona == "anonymous":
        return
    html = response.content.decode()
    assert "<h1>Upload a session</h1>" in html
    # A session is filed under one of the uploader's own teams (an admin: any of theirs).
    teams = {"Crisis Line": ("admin", "supervisor", "practitioner"),
             "Community Outreach": ("admin", "other_practitioner")}  # fmt: skip
    for team, who in teams.items():
        assert (f">{team}</option>" in html) == (persona in who), team


@pytest.mark.parametrize("persona", PERSONAS)
def test_my_growth(persona, people, client_for):
    response = client_for(people[persona]).get(reverse("conversations:growth"))
    _expect(response, "login" if persona == "anonymous" else 200)
    if persona != "anonymous":
        html = response.content.decode()
        assert "<h1>My growth</h1>" in html
        assert "Growth of" not in html  # one's own page, never someone else's


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_practitioners_growth_for_supervisors(persona, people, client_for, practitioner):
    url = reverse("conversations:member_growth", args=[membership_of(practitioner).pk])
    expected = {**SUPERVISE, "practitioner": 403}[persona]
    response = client_for(people[persona]).get(url)
    _expect(response, expected)
    shown = "<h1>Growth of Pat Practitioner</h1>" in response.content.decode()
    assert shown == (expected == 200)


def test_a_supervisor_cannot_see_growth_of_another_teams_practitioner(
    client_for, supervisor, other_practitioner
):
    url = reverse("conversations:member_growth", args=[membership_of(other_practitioner).pk])
    assert client_for(supervisor).get(url).status_code == 403


TEAM = {
    "admin": 200,
    "supervisor": 200,
    "practitioner": 403,
    "other_practitioner": 403,
    "outsider": 200,
    "anonymous": "login",
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_team_view(persona, people, client_for, conversation):
    Conversation.objects.filter(pk=conversation.pk).update(status=Status.DONE)
    query = f"?team={conversation.team_id}" if persona in ("admin", "supervisor") else ""
    response = client_for(people[persona]).get(reverse("conversations:team") + query)
    _expect(response, TEAM[persona])
    if TEAM[persona] == 200:
        awaiting = "Eviction worries" in response.content.decode()
        assert awaiting == (persona in ("admin", "supervisor"))


def test_team_view_only_for_teams_of_the_supervisor(client_for, supervisor, outreach_team):
    client = client_for(supervisor)
    assert (
        client.get(reverse("conversations:team") + f"?team={outreach_team.pk}").status_code == 404
    )
    assert client.get(reverse("conversations:team") + "?team=abc").status_code == 404


POLICY = {
    "admin": 200,
    "supervisor": 403,
    "practitioner": 403,
    "other_practitioner": 403,
    "outsider": 200,
    "anonymous": "login",
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_retention_settings(persona, people, client_for):
    client = client_for(people[persona])
    _expect(client.get(reverse("conversations:policy")), POLICY[persona])
    response = client.post(reverse("conversations:policy"), {"retention_days": "90"})
    _expect(response, "redirect" if POLICY[persona] == 200 else POLICY[persona])


def test_retention_out_of_range_is_a_400_with_a_message(client_for, org_admin):
    response = client_for(org_admin).post(reverse("conversations:policy"), {"retention_days": "2"})
    assert response.status_code == 400 and "greater than or equal to" in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_erase_by_client_reference(persona, people, client_for, practitioner):
    upload(practitioner, reference="C-9")
    response = client_for(people[persona]).post(
        reverse("conversations:erase_client"), {"client_reference": "C-9", "confirm": "on"}
    )
    _expect(response, "redirect" if POLICY[persona] == 200 else POLICY[persona])
    assert Conversation.objects.exists() == (persona != "admin")


def test_erase_by_client_reference_needs_confirmation(client_for, org_admin, practitioner):
    upload(practitioner, reference="C-9")
    response = client_for(org_admin).post(
        reverse("conversations:erase_client"), {"client_reference": "C-9"}
    )
    assert response.status_code == 400 and Conversation.objects.exists()
