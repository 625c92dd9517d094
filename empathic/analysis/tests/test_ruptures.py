"""Ruptures over the turn sequence: shift, trigger, repair (synthetic turns), and on the sample
session with the real models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from empathic.analysis.results import TurnAnalysis
from empathic.analysis.ruptures import with_ruptures
from empathic.nlp.concerns import Concern

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
OPENING = "I've been really struggling since the hours got cut, and the rent is two months behind."


def session(*lines: str, concerns: dict[int, tuple[Concern, ...]] | None = None):
    """Alternating practitioner/client turns, practitioner first, with no model scores."""
    concerns = concerns or {}
    turns = [
        TurnAnalysis(
            i, "P" if i % 2 == 0 else "C", "practitioner" if i % 2 == 0 else "client", text,
            None, concerns=concerns.get(i, ()),
        )
        for i, text in enumerate(lines)
    ]  # fmt: skip
    return with_ruptures(turns)


BLAME = (Concern("blaming", 0, 30, 0.9),)


def test_a_rupture_repaired_by_an_apology_and_the_client_coming_back():
    _, ruptures = session(
        "What brings you in today?",
        OPENING,
        "You should have come to us sooner.",
        "Are you kidding me? Don't put this on me.",
        "You're right, that came across as blaming you. I'm sorry.",
        "Thanks. I've been doing everything I can think of and nobody seems to notice.",
        concerns={2: BLAME},
    )
    (rupture,) = ruptures
    assert (rupture.client_turn, rupture.kind, rupture.trigger_turn) == (3, "confrontation", 2)
    assert rupture.trigger_concerns == ("blaming",)
    assert rupture.repaired is True and rupture.repair_turn == 4
    assert {"apology", "acknowledgement"} <= set(rupture.repair_moves)
    assert rupture.client_reengaged == 5


def test_a_rupture_not_repaired_when_the_practitioner_presses_on():
    _, ruptures = session(
        "What brings you in today?",
        OPENING,
        "You need to fill in the hardship form first.",
        "This is useless. You're not listening.",
        "Okay. Do you have your tenancy agreement with you?",
        "No.",
        "Can you bring it on Thursday?",
        "Whatever.",
        "And the bank statements too, please.",
        "Fine.",
    )
    (rupture,) = ruptures
    assert rupture.client_turn == 3 and rupture.kind == "confrontation"
    assert rupture.repaired is False and rupture.repair_turn is None
    assert rupture.continued_turns == (7, 9)  # the withdrawal that followed, not new ruptures


def test_withdrawal_after_long_turns_and_unknown_at_the_end_of_the_transcript():
    _, ruptures = session(
        "What brings you in today?",
        OPENING,
        "Have you thought about what you did to end up here?",
        "I don't want to talk about this.",
    )
    (rupture,) = ruptures
    assert rupture.kind == "withdrawal" and rupture.repaired is None


def test_the_client_coming_back_alone_counts_as_repaired():
    _, ruptures = session(
        "What brings you in today?",
        OPENING,
        "Right, let's get the forms done.",
        "Whatever.",
        "Let's start with your income, then.",
        "Honestly the thing keeping me up is whether my daughter can stay at her school.",
    )
    (rupture,) = ruptures
    assert rupture.repaired is True and rupture.client_reengaged == 5
    assert rupture.repair_moves == () and rupture.repair_turn == 4


def test_no_rupture_without_a_shift_or_in_ordinary_client_speech():
    # Angry at the service from the first word: where the client starts, not a rupture.
    _, angry = session(
        "Hi, I'm Sam.",
        "You people never call back. This is useless.",
        "I'm sorry nobody called you back.",
        "You don't care, nobody here does.",
    )
    assert angry == ()
    # Sadness, third-party anger and sustain talk.
    turns, calm = session(
        "What brings you in today?",
        OPENING,
        "That sounds like a lot.",
        "My landlord is a liar and he never listens to me.",
        "What do you make of your drinking lately?",
        "I don't think I can stop drinking. It's the only thing that helps me sleep.",
        "It sounds like it's doing a job for you.",
        "I'm so sad. I miss how things were before all this happened.",
    )
    assert calm == ()
    assert all(t.alliance == () for t in turns)


@pytest.fixture(scope="module")
def sample():
    from empathic.analysis.pipeline import analyse_file

    return analyse_file(SAMPLES / "session.vtt", suggestions=False)


def test_the_sample_session_rupture_is_linked_to_the_blaming_turn_and_repaired(sample):
    (rupture,) = sample.ruptures
    client, trigger = sample.turns[rupture.client_turn], sample.turns[rupture.trigger_turn]
    assert client.text[rupture.start : rupture.end] == "You're not listening"
    assert trigger.text.startswith("You should have called us")
    assert rupture.trigger_concerns == ("blaming",)
    # A supervisor reading it: ignored for two exchanges (the lease questions; "I guess." is the
    # client withdrawing further), then repaired when Sam owns jumping to forms and the client
    # comes back with "It is. I'm tired...".
    assert rupture.continued_turns == (rupture.client_turn + 4,)
    assert sample.turns[rupture.continued_turns[0]].text == "I guess."
    assert rupture.repaired is True
    assert sample.turns[rupture.repair_turn].text.startswith("Jordan, I want to go back a step.")
    assert "acknowledgement" in rupture.repair_moves
    assert sample.turns[rupture.client_reengaged].text.startswith("It is. I'm tired.")


def test_the_reports_show_the_rupture(sample):
    from empathic.analysis.report import render_html, render_text

    text = render_text(sample, color=False)
    assert "Ruptures (1)" in text and "confrontation after turn 15 (blaming)" in text
    assert "[You're not listening](AGAINST)" in text and "[I guess.](WITHDRAWN)" in text
    assert "Repaired the rupture at turn 16" in text
    page = render_html(sample)
    assert 'id="ruptures-h"' in page and 'class="rupture"' in page  # the list and the chart
    assert '<mark class="rat rat-confrontation"' in page


@pytest.mark.slow
def test_analyze_json_has_the_ruptures():
    from empathic.cli import app

    result = CliRunner().invoke(
        app, ["analyze", str(SAMPLES / "session.vtt"), "--json", "--no-suggestions"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    (rupture,) = data["summary"]["ruptures"]
    assert rupture["kind"] == "confrontation" and rupture["repaired"] is True
    assert rupture["trigger_concerns"] == ["blaming"]
    assert data["turns"][rupture["client_turn"]]["alliance"][0]["cue"] == "not_listening"
    assert data["models"]["alliance"] == "alliance@1.0.0"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ambivalent-none.txt", []),  # sustain talk, sadness, anger at an ex and a landlord
        ("angry-repaired.txt", [("confrontation", ("blaming",), True)]),
        ("flat-unrepaired.txt", [("withdrawal", ("moralising",), False)]),
        ("harmful-unknown.txt", [("confrontation", ("minimising",), None)]),
    ],
)
def test_the_rupture_samples_read_as_a_supervisor_would(name: str, expected: list):
    from empathic.analysis.pipeline import analyse_file

    analysis = analyse_file(SAMPLES / "ruptures" / name, suggestions=False)
    found = [(r.kind, r.trigger_concerns, r.repaired) for r in analysis.ruptures]
    assert found == expected
