"""Sessions, answers and branching with the real scorer; workshops; authoring."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from empathic.accounts import actions as account_actions
from empathic.audit.models import AuditEvent
from empathic.practice import actions
from empathic.practice.models import PracticeAnswer, Scenario, SessionStatus
from empathic.practice.tests.helpers import DISMISSIVE, EMPATHIC, EXPLORING, complete_session


def test_exploring_answers_follow_the_main_path_to_a_hopeful_end(practitioner, scenario):
    session = complete_session(practitioner, scenario, EXPLORING)
    answers = list(session.answers.all())
    assert [a.node_key for a in answers] == ["start", "deeper", "next-step"]
    assert all(a.response_kind == "exploring" and a.ex >= 1 for a in answers)
    assert session.status == SessionStatus.COMPLETED and session.current_node == "closing"
    assert answers[0].models_used["epitome"].startswith("epitome@")
    assert answers[0].rationales["ex"], "the phrases behind the exploration are kept"
    events = AuditEvent.objects.filter(subject_id=str(session.pk)).values_list(
        "event_type", flat=True
    )
    assert list(events).count("practice.answer_scored") == 3
    assert "practice.session_completed" in events
    assert not AuditEvent.objects.filter(details__icontains="since it started").exists()


def test_a_dismissive_answer_makes_the_client_guarded_then_escalate(practitioner, scenario):
    session = actions.start_session(scenario=scenario, acting_user=practitioner)
    first = actions.answer_turn(
        session=session, node_key="start", text=DISMISSIVE, acting_user=practitioner
    )
    assert first.response_kind == "dismissive" and first.next_node == "guarded"
    # What the moment called for: warmth and a reflection (the rewrite already asks a question:
    # it asks permission before advising, so no exploration is asked for on top).
    assert {m["mechanism"] for m in first.feedback["missed"]} >= {"er", "ip"}
    assert first.feedback["suggestions"]
    second = actions.answer_turn(
        session=session, node_key="guarded", text=DISMISSIVE, acting_user=practitioner
    )
    assert second.next_node == "escalated"
    third = actions.answer_turn(
        session=session, node_key="escalated", text=EMPATHIC, acting_user=practitioner
    )
    assert third.response_kind == "empathic" and third.next_node == "next-step"


def test_an_answered_turn_cannot_be_answered_twice(practitioner, scenario):
    session = actions.start_session(scenario=scenario, acting_user=practitioner)
    actions.answer_turn(session=session, node_key="start", text=EXPLORING, acting_user=practitioner)
    with pytest.raises(ValidationError, match="already been answered"):
        actions.answer_turn(
            session=session, node_key="start", text=EXPLORING, acting_user=practitioner
        )
    assert PracticeAnswer.objects.filter(session=session).count() == 1


@pytest.mark.parametrize("text", ["", "   ", "x" * 2001])
def test_empty_or_long_answers_are_refused(practitioner, scenario, text):
    session = actions.start_session(scenario=scenario, acting_user=practitioner)
    with pytest.raises(ValidationError):
        actions.answer_turn(session=session, node_key="start", text=text, acting_user=practitioner)
    assert not PracticeAnswer.objects.exists()


def test_only_the_trainee_answers_in_their_session(practitioner, other_practitioner, scenario):
    session = actions.start_session(scenario=scenario, acting_user=practitioner)
    with pytest.raises(ValidationError):
        actions.answer_turn(
            session=session, node_key="start", text=EXPLORING, acting_user=other_practitioner
        )


def test_a_completed_session_takes_no_more_answers(practitioner, scenario):
    session = complete_session(practitioner, scenario)
    with pytest.raises(ValidationError, match="ended"):
        actions.answer_turn(
            session=session, node_key="closing", text=EXPLORING, acting_user=practitioner
        )


def test_practitioners_cannot_create_workshops_or_scenarios(practitioner):
    with pytest.raises(ValidationError):
        actions.create_workshop(name="Mine", acting_user=practitioner)
    with pytest.raises(ValidationError):
        actions.copy_scenario(scenario=Scenario.objects.first(), acting_user=practitioner)


def test_workshop_members_must_be_in_the_organisation(supervisor, outsider):
    with pytest.raises(ValidationError, match="organisation"):
        actions.create_workshop(name="Mixed", trainees=[outsider], acting_user=supervisor)


def test_workshop_members_must_be_active(org_admin, supervisor, practitioner):
    """Deactivated accounts are no one's trainee: the same rule as every gate (get_membership)."""
    account_actions.set_member_active(
        membership=practitioner.membership, active=False, acting_user=org_admin
    )
    practitioner.refresh_from_db()
    with pytest.raises(ValidationError, match="organisation"):
        actions.create_workshop(name="Stale", trainees=[practitioner], acting_user=supervisor)


def test_assignments_refuse_other_organisations_scenarios(supervisor, outsider, workshop):
    foreign = actions.copy_scenario(scenario=Scenario.objects.first(), acting_user=outsider)
    foreign.is_published = True
    foreign.save()
    with pytest.raises(ValidationError):
        actions.assign_scenarios(
            workshop=workshop,
            title="x",
            scenarios=[foreign],
            due_date=datetime.date.today(),
            acting_user=supervisor,
        )


def test_create_scenario_takes_only_its_own_fields(supervisor):
    fields = {
        "title": "Night shift handover",
        "population": "crisis",
        "setting": "Crisis line",
        "background": "A caller.",
        "learning_goals": "Reflect",
        "difficulty": 1,
        "client_name": "Sam",
    }
    with pytest.raises(TypeError):
        actions.create_scenario(acting_user=supervisor, is_published=True, **fields)
    scenario = actions.create_scenario(acting_user=supervisor, **fields)
    assert not scenario.is_published and scenario.title == "Night shift handover"


def test_authoring_validates_before_publishing(supervisor):
    scenario = actions.create_scenario(
        acting_user=supervisor,
        title="Night shift handover",
        population="crisis",
        setting="Crisis line",
        background="A caller.",
        learning_goals="Reflect",
        difficulty=1,
        client_name="Sam",
    )
    actions.save_node(
        scenario=scenario,
        node=None,
        key="start",
        client_text="Hi.",
        mood="opening",
        is_end=False,
        branches={"exploring": "more"},
        acting_user=supervisor,
    )
    with pytest.raises(ValidationError):
        actions.set_published(scenario=scenario, published=True, acting_user=supervisor)
    actions.save_node(
        scenario=scenario,
        node=None,
        key="more",
        client_text="Bye.",
        mood="hopeful",
        is_end=True,
        branches={},
        acting_user=supervisor,
    )
    start = scenario.nodes.get(key="start")
    actions.save_node(
        scenario=scenario,
        node=start,
        key="begin",
        client_text="Hi.",
        mood="opening",
        is_end=False,
        branches={"default": "more"},
        acting_user=supervisor,
    )
    scenario.refresh_from_db()
    assert scenario.start_node == "begin"
    actions.set_published(scenario=scenario, published=True, acting_user=supervisor)
    assert scenario.is_published
    # Deleting the end turn breaks the graph: the scenario leaves practice by itself.
    actions.delete_node(node=scenario.nodes.get(key="more"), acting_user=supervisor)
    scenario.refresh_from_db()
    assert not scenario.is_published


def test_copying_a_library_scenario_gives_an_editable_draft(supervisor, scenario):
    copy = actions.copy_scenario(scenario=scenario, acting_user=supervisor)
    assert copy.organisation == supervisor.membership.organisation
    assert not copy.is_published and copy.copied_from == scenario
    assert copy.nodes.count() == scenario.nodes.count()
    assert scenario.nodes.count() == 7  # the library scenario is untouched


@pytest.mark.parametrize(
    "answer",
    [
        "Please don't shout at me. There's a process and you need to follow it.",
        "Try to calm down, these things usually work out",
    ],
)
def test_a_harmful_answer_is_never_heard_as_empathy(practitioner, scenario, answer):
    session = actions.start_session(scenario=scenario, acting_user=practitioner)
    first = actions.answer_turn(
        session=session, node_key="start", text=answer, acting_user=practitioner
    )
    assert first.response_kind == "dismissive" and first.next_node == "guarded"
    assert first.er == 0 and first.ip == 0
    concerns = first.feedback["concerns"]
    assert concerns and concerns[0]["kind"] == "commanding"
    assert concerns[0]["phrase"] == answer[concerns[0]["start"] : concerns[0]["end"]]
    assert all(answer not in s for s in first.feedback["suggestions"])


def _in_a_transaction() -> bool:
    """True inside an atomic block other than the test's own (pytest-django's TestCase)."""
    from django.db import connection

    return any(not block._from_testcase for block in connection.atomic_blocks)


def test_scoring_and_the_client_voice_run_outside_the_transaction(
    practitioner, scenario, monkeypatch
):
    seen: list[tuple[str, bool]] = []
    score, voice = actions.score_answer, actions.voiced_text

    def scoring(**kwargs):
        seen.append(("score", _in_a_transaction()))
        return score(**kwargs)

    def voicing(**kwargs):
        seen.append(("voice", _in_a_transaction()))
        return voice(**kwargs)

    monkeypatch.setattr(actions, "score_answer", scoring)
    monkeypatch.setattr(actions, "voiced_text", voicing)
    session = actions.start_session(scenario=scenario, acting_user=practitioner)
    actions.answer_turn(session=session, node_key="start", text=EXPLORING, acting_user=practitioner)
    assert seen == [("score", False), ("voice", False)]


def test_a_turn_answered_while_the_answer_was_scored_is_refused_and_nothing_written(
    practitioner, scenario, monkeypatch
):
    """A double submit whose second request got past the first checks before the first one
    wrote: the second is refused under the lock, as a plain double submit is."""
    session = actions.start_session(scenario=scenario, acting_user=practitioner)
    score = actions.score_answer

    def scoring_while_another_tab_answers(**kwargs):
        monkeypatch.setattr(actions, "score_answer", score)
        actions.answer_turn(
            session=session, node_key="start", text=EXPLORING, acting_user=practitioner
        )
        return score(**kwargs)

    monkeypatch.setattr(actions, "score_answer", scoring_while_another_tab_answers)
    with pytest.raises(ValidationError, match="already been answered"):
        actions.answer_turn(
            session=session, node_key="start", text=DISMISSIVE, acting_user=practitioner
        )
    assert [a.response_kind for a in PracticeAnswer.objects.filter(session=session)] == [
        "exploring"
    ]
    scored = AuditEvent.objects.filter(
        subject_id=str(session.pk), event_type="practice.answer_scored"
    )
    assert scored.count() == 1


def test_a_finished_session_found_under_the_lock_is_refused(practitioner, scenario, monkeypatch):
    session = actions.start_session(scenario=scenario, acting_user=practitioner)
    score = actions.score_answer

    def scoring_while_the_session_ends(**kwargs):
        type(session).objects.filter(pk=session.pk).update(status=SessionStatus.COMPLETED)
        return score(**kwargs)

    monkeypatch.setattr(actions, "score_answer", scoring_while_the_session_ends)
    with pytest.raises(ValidationError, match="ended"):
        actions.answer_turn(
            session=session, node_key="start", text=EXPLORING, acting_user=practitioner
        )
    assert not PracticeAnswer.objects.filter(session=session).exists()


def test_a_turn_reached_again_by_a_branch_is_not_answered_with_a_stale_score(
    practitioner, scenario, monkeypatch
):
    """Same node key, but another answer was stored meanwhile: refused (what was scored is not
    what the trainee is now shown)."""
    session = actions.start_session(scenario=scenario, acting_user=practitioner)
    score = actions.score_answer

    def scoring_while_an_answer_lands(**kwargs):
        result = score(**kwargs)
        PracticeAnswer.objects.create(
            session=session, index=0, node_key="start", client_text="x", text="y",
            er=0, ip=0, ex=0, next_node="start",
        )  # fmt: skip
        return result

    monkeypatch.setattr(actions, "score_answer", scoring_while_an_answer_lands)
    with pytest.raises(ValidationError, match="already been answered"):
        actions.answer_turn(
            session=session, node_key="start", text=EXPLORING, acting_user=practitioner
        )
    assert PracticeAnswer.objects.filter(session=session).count() == 1
