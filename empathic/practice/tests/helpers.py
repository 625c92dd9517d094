"""Helpers for practice tests: answers of known quality and a session played to its end."""

from __future__ import annotations

from typing import TYPE_CHECKING

from empathic.practice import actions

if TYPE_CHECKING:
    from empathic.accounts.models import User
    from empathic.practice.models import Scenario

EXPLORING = "What has this been like for you since it started?"
EMPATHIC = "That sounds really frightening, I am so sorry you are going through this."
DISMISSIVE = "You should make a list and just get on with it."


def complete_session(user: User, scenario: Scenario, answer: str = EXPLORING):
    session = actions.start_session(scenario=scenario, acting_user=user)
    while not session.is_completed:
        actions.answer_turn(
            session=session, node_key=session.current_node, text=answer, acting_user=user
        )
        session.refresh_from_db()
    return session
