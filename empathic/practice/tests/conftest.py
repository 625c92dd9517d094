"""Practice personas on top of the root ones: a workshop whose trainer is ``supervisor`` and
whose trainee is ``practitioner``; a second supervisor who trains another cohort. (The answers
and helpers that tests import are in ``helpers.py``.)"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import pytest

from empathic.practice import actions
from empathic.practice.models import Scenario

if TYPE_CHECKING:
    from empathic.accounts.models import User


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
