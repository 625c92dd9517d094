"""Sessions, answers and branching with the real scorer; workshops; authoring."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from empathic.audit.models import AuditEvent
from empathic.practice import actions
from empathic.practice.models import PracticeAnswer, Scenario, SessionStatus
from empathic.practice.tests.conftest import DISMISSIVE, EMPATHIC, EXPLORING, complete_session


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
