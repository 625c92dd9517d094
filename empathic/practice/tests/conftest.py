"""Practice personas on top of the root ones: a workshop whose trainer is ``supervisor`` and
whose trainee is ``practitioner``; a second supervisor who trains another cohort."""

from __future__ import annotations

import datetime

import pytest

from empathic.accounts.models import User
from empathic.practice import actions
from empathic.practice.models import Scenario

EXPLORING = "What has this been like for you since it started?"
EMPATHIC = "That sounds really frightening, I am so sorry you are going through this."
DISMISSIVE = "You should make a list and just get on with it."


@pytest.fixture
def other_trainer(outreach_supervisor) -> User:
    """Trains the other cohort (`other_workshop`)."""
    return outreach_supervisor


@pytest.fixture
def scenario(db) -> Scenario:
    return Scenario.objects.get(organisation=None, slug="asylum-interview-fear")


@pytest.fixture
def workshop(supervisor, practitioner, scenario):
    workshop = actions.create_workshop(
        name="Spring cohort", trainees=[practitioner], acting_user=supervisor
    )
    actions.assign_scenarios(
        workshop=workshop,
        title="Week 1",
        scenarios=[scenario],
        due_date=datetime.date.today() + datetime.timedelta(days=7),
        acting_user=supervisor,
    )
    return workshop


@pytest.fixture
def other_workshop(other_trainer, other_practitioner):
    return actions.create_workshop(
        name="Outreach cohort", trainees=[other_practitioner], acting_user=other_trainer
    )


def complete_session(user: User, scenario: Scenario, answer: str = EXPLORING):
    session = actions.start_session(scenario=scenario, acting_user=user)
    while not session.is_completed:
        actions.answer_turn(
            session=session, node_key=session.current_node, text=answer, acting_user=user
        )
        session.refresh_from_db()
    return session
