"""The plain examples practice shows when no rewrite passed re-scoring fit the client."""

from empathic.practice.scoring import _fallback_suggestions

NONE = {"er": 0, "ip": 2, "ex": 2}


def test_an_angry_client_is_not_told_it_sounds_frightening() -> None:
    (example,) = _fallback_suggestions(
        NONE, "Two hours I've waited and nobody's told me. It's a joke!"
    )
    assert "frustrating" in example and "frightening" not in example


def test_a_frightened_client_gets_the_fear_example() -> None:
    (example,) = _fallback_suggestions(NONE, "I'm scared they'll take the kids.")
    assert "frightening" in example


def test_otherwise_the_example_names_no_feeling_the_client_did_not_show() -> None:
    (example,) = _fallback_suggestions(NONE, "The letter came this morning.")
    assert "frightening" not in example and "frustrating" not in example
    assert len(_fallback_suggestions({"er": 0, "ip": 0, "ex": 0}, "")) == 3
