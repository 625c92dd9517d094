"""Spoken levels: reflections credited as interpretations, closed questions not as explorations."""

from __future__ import annotations

import pytest

from empathic.analysis.pipeline import get_analyser
from empathic.analysis.spoken_credit import asks_only_closed_questions, spoken_levels


@pytest.mark.parametrize(
    "text",
    [
        "Okay. Do you have a copy of your lease with you?",
        "Have you called the landlord?",
        "So are you fine or not?",
        "Right. Is Tyler at school today? And is Mia at nursery?",
        "Did you ring them? Have you got the letter?",
    ],
)
def test_plainly_closed_questions_are_recognised(text: str) -> None:
    assert asks_only_closed_questions(text)


@pytest.mark.parametrize(
    "text",
    [
        "What's been the hardest part of this for you?",
        "Can you tell me more about what happened?",
        "Is there anything else that's worrying you? Anything else?",
        "Do you have a plan as to where you might want to go or?",
        "Have you ever noticed what helps? What was different about those days?",
        "It sounds like you've had enough.",
        "You're wondering whether it's worth coming back, aren't you.",
    ],
)
def test_open_questions_invitations_and_statements_are_not(text: str) -> None:
    assert not asks_only_closed_questions(text)


def test_a_closed_question_gets_at_most_weak_exploration() -> None:
    analyser = get_analyser()
    client = "My landlord wants us out by the end of the month and I don't know where we'll go."
    for turn, expected in [
        ("Okay. Do you have a copy of your lease with you?", 1),
        ("Have you registered with the council? Do you have the notice with you?", 1),
        ("What's been the hardest part of this for you?", 2),
    ]:
        empathy, signals, _ = analyser.practitioner_turn_with_concerns(client, turn)
        assert empathy.ex.level == 2  # what the EPITOME head alone says of each
        levels, _ = spoken_levels(empathy, signals, turn)
        assert levels.ex.level == expected
        assert (levels.er.level, levels.ip.level) >= (empathy.er.level, empathy.ip.level)
