"""The shipped v2 signal heads inside the analysis, as a practitioner meets them: spoken turns."""

import pytest

from empathic.analysis.pipeline import get_analyser
from empathic.nlp.context import dialogue_context


@pytest.fixture(scope="module")
def analyser():
    return get_analyser()


def test_blame_is_not_read_as_a_reflection(analyser):
    client = "They cut my hours and now I can't make rent."
    _, signals, concerns = analyser.practitioner_turn_with_concerns(
        dialogue_context([client]), "You should have called us as soon as the hours got cut."
    )
    assert signals.mi_code != "complex_reflection"
    assert concerns  # blaming, with its phrase


def _client(analyser, previous: list[str], text: str):
    return analyser.client_turns([(dialogue_context(previous), text)])[0]


def test_frustration_at_the_practitioner_is_heard(analyser):
    turn = _client(
        analyser,
        ["I've filled in that form twice.", "You'll need to fill in the form again."],
        "Are you kidding me? Don't put this on me.",
    )
    assert turn.states == ("frustration",)
    assert turn.state_probabilities["frustration"] > turn.state_probabilities["distress"]


def test_distress_in_speech_is_heard(analyser):
    turn = _client(
        analyser,
        ["How have things been since we last spoke?"],
        "Honestly I feel like I'm drowning. I can't keep up with any of it.",
    )
    assert turn.states == ("distress",)  # over the head's decision thresholds
    assert turn.emotion_probabilities["approval"] < 0.5


def test_calm_agreement_is_neither_frustrated_nor_distressed(analyser):
    turn = _client(
        analyser,
        ["Would Thursday at ten work for you?"],
        "Yes, Thursday works. Thank you for fitting me in.",
    )
    assert turn.states == ()
