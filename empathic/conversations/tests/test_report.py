"""The report of an analysed conversation (real pipeline), its audit trail and growth pages."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from empathic.accounts import actions as account_actions
from empathic.audit.models import AuditEvent
from empathic.conversations import actions
from empathic.conversations.presentation import highlight
from empathic.conversations.tests.helpers import analysed, session_text


@pytest.fixture
def done(practitioner):
    return analysed(practitioner, title="Eviction worries")


def test_the_report_shows_scores_charts_summary_and_writes_a_view_event(
    client_for, supervisor, done, django_assert_max_num_queries
):
    turn = done.turns.get(index=2)
    actions.add_comment(
        conversation=done, turn=turn, body="Nice reflection.", acting_user=supervisor
    )
    client = client_for(supervisor)
    with django_assert_max_num_queries(30):  # no query per turn or per comment
        response = client.get(reverse("conversations:detail", args=[done.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Summary (MITI-style)" in body and "Reflections to questions (R:Q)" in body
    assert "Transcript, turn by turn" in body and 'id="turn-2"' in body
    assert "Emotional reactions: <strong>" in body
    assert "Client emotion, turn by turn" in body and "<svg" in body
    assert "Nice reflection." in body and "Comment on turn" in body
    assert "Jordan" not in body and "07700" not in body
    views = AuditEvent.objects.filter(event_type="conversation.viewed", subject_id=str(done.pk))
    assert views.count() == 1 and views.get().actor == supervisor
    client.get(reverse("conversations:detail", args=[done.pk]))
    assert views.count() == 2


def test_the_practitioner_sees_an_answer_form_not_a_new_thread_form(
    client_for, practitioner, supervisor, done
):
    actions.add_comment(
        conversation=done, turn=done.turns.get(index=2), body="Why?", acting_user=supervisor
    )
    body = (
        client_for(practitioner)
        .get(reverse("conversations:detail", args=[done.pk]))
        .content.decode()
    )
    assert "Your answer" in body and "Add comment" not in body


def test_growth_has_charts_after_two_sessions(client_for, practitioner, supervisor, done):
    analysed(practitioner, text=session_text("And next week?"), held_on=date(2026, 4, 6))
    body = client_for(practitioner).get(reverse("conversations:growth")).content.decode()
    assert "Empathy mechanisms, session by session" in body and "<svg" in body
    membership = practitioner.membership
    page = client_for(supervisor).get(reverse("conversations:member_growth", args=[membership.pk]))
    assert page.status_code == 200 and "Reflections to questions" in page.content.decode()


def test_a_practitioners_growth_shows_each_viewer_only_the_sessions_they_may_open(
    client_for, org_admin, practitioner, supervisor, outreach_supervisor, crisis_team,
    outreach_team,
):  # fmt: skip
    """One rule (``conversations_visible_to``) for the growth rows as for the sessions."""
    account_actions.set_member_teams(
        membership=practitioner.membership, teams=[crisis_team, outreach_team],
        acting_user=org_admin,
    )  # fmt: skip
    crisis = analysed(practitioner, team=crisis_team, title="Crisis call")
    outreach = analysed(
        practitioner, team=outreach_team, text=session_text("And next week?"), title="Visit"
    )
    url = reverse("conversations:member_growth", args=[practitioner.membership.pk])

    def rows(user) -> set[int]:
        page = client_for(user).get(url)
        assert page.status_code == 200
        body = page.content.decode()
        return {
            c.pk for c in (crisis, outreach) if reverse("conversations:detail", args=[c.pk]) in body
        }

    assert rows(supervisor) == {crisis.pk}
    assert rows(outreach_supervisor) == {outreach.pk}
    assert rows(org_admin) == {crisis.pk, outreach.pk}


def test_team_view_lists_awaiting_review_until_reviewed(client_for, supervisor, done):
    client = client_for(supervisor)
    assert "Eviction worries" in client.get(reverse("conversations:team")).content.decode()
    client.post(reverse("conversations:review", args=[done.pk]))
    assert "Eviction worries" not in client.get(reverse("conversations:team")).content.decode()


def test_highlight_marks_overlapping_spans_and_escapes_text():
    html = str(highlight("I <3 you, that sounds hard", {"er": [(10, 26)], "ip": [(15, 26)]}))
    assert "I &lt;3 you, " in html
    assert '<mark class="rationale rationale-er"' in html
    assert '<mark class="rationale rationale-er rationale-ip"' in html
    assert "(Emotional reactions, Interpretations)" in html
