"""Rewrite feedback, re-scored by the real EPITOME scorer."""

from collections.abc import Sequence

import pytest

from empathic.analysis.errors import GeneratorError
from empathic.analysis.feedback import build_feedback, explain, feeling_word
from empathic.analysis.feedback.builder import MECHANISMS, library_candidates
from empathic.analysis.results import EMOTIONS, ClientSignals, LabelScore
from empathic.nlp.results import EmpathyScore, MechanismScore
from empathic.nlp.scorer import EmpathyScorer, load_scorer

DISTRESSED = (
    "I got an eviction notice today and I'm terrified we'll end up on the street. I can't sleep."
)
DISMISSIVE = "You need to call the council."


@pytest.fixture(scope="module")
def scorer() -> EmpathyScorer:
    return load_scorer()


def rescorer(scorer: EmpathyScorer):
    return lambda context, response: scorer.score(context=context, response=response)


def levels(score: EmpathyScore) -> dict[str, int]:
    return {m: s.level for m, s in score.mechanisms.items()}


def signals(emotion: str) -> ClientSignals:
    probabilities = dict.fromkeys(EMOTIONS, 0.0) | {emotion: 0.9}
    return ClientSignals(
        emotions=(LabelScore(emotion, 0.9),),
        emotion_probabilities=probabilities,
        distress=5.0,
        hostility="neither",
        hostility_probabilities={"hate": 0.0, "offensive": 0.0, "neither": 1.0},
        talk_type="neutral",
        talk_type_probabilities={"change": 0.0, "neutral": 1.0, "sustain": 0.0},
    )


class ListGenerator:
    def __init__(self, texts: list[str] | None = None, error: bool = False) -> None:
        self.texts = texts or []
        self.error = error
        self.calls: list[dict] = []

    def suggest(
        self, *, client_text: str, turn_text: str, missing: Sequence[str], emotion: str | None
    ) -> list[str]:
        self.calls.append({"turn_text": turn_text, "missing": tuple(missing), "emotion": emotion})
        if self.error:
            raise GeneratorError("suggestion endpoint answered HTTP 500")
        return self.texts


def test_dismissive_turn_gets_items_and_suggestions_never_less_empathic(scorer) -> None:
    empathy = scorer.score(context=DISTRESSED, response=DISMISSIVE)
    original = levels(empathy)
    feedback = build_feedback(
        client_text=DISTRESSED,
        turn_text=DISMISSIVE,
        empathy=empathy,
        client=signals("fear"),
        rescore=rescorer(scorer),
    )
    assert feedback is not None
    assert feedback.missing == tuple(m for m in MECHANISMS if original[m] == 0)
    assert feedback.missing  # the dismissive turn misses at least one mechanism
    assert [i.mechanism for i in feedback.items] == list(feedback.missing)
    assert all(i.what and i.why for i in feedback.items)
    assert 1 <= len(feedback.suggestions) <= 3
    for suggestion in feedback.suggestions:
        assert DISMISSIVE in suggestion.text  # the turn's content is kept word for word
        assert suggestion.source == "library"
        # the stored levels are the suggestion's own re-scored levels ...
        assert suggestion.levels == levels(
            scorer.score(context=DISTRESSED, response=suggestion.text)
        )
        # ... never below the original, and raising what it claims to add
        assert all(suggestion.levels[m] >= original[m] for m in MECHANISMS)
        assert suggestion.adds and set(suggestion.adds) <= set(feedback.missing)
        assert all(suggestion.levels[m] > 0 for m in suggestion.adds)
    totals = [sum(s.levels.values()) for s in feedback.suggestions]
    assert totals[0] == max(totals)


def test_turn_with_every_mechanism_gets_no_feedback() -> None:
    present = MechanismScore(1, (0.1, 0.8, 0.1), ())
    empathy = EmpathyScore(er=present, ip=present, ex=present, model="epitome@test")

    def rescore(context: str, response: str) -> EmpathyScore:
        raise AssertionError("nothing to rewrite, nothing to re-score")

    assert (
        build_feedback(
            client_text=DISTRESSED, turn_text="x", empathy=empathy, client=None, rescore=rescore
        )
        is None
    )


def test_feedback_is_reproducible(scorer) -> None:
    empathy = scorer.score(context=DISTRESSED, response=DISMISSIVE)
    kwargs = dict(client_text=DISTRESSED, turn_text=DISMISSIVE, empathy=empathy, client=None)
    first = build_feedback(**kwargs, rescore=rescorer(scorer))
    second = build_feedback(**kwargs, rescore=rescorer(scorer))
    assert first == second


def test_max_suggestions_bounds_the_list(scorer) -> None:
    empathy = scorer.score(context=DISTRESSED, response=DISMISSIVE)
    common = dict(client_text=DISTRESSED, turn_text=DISMISSIVE, empathy=empathy, client=None)
    one = build_feedback(**common, rescore=rescorer(scorer), max_suggestions=1)
    none = build_feedback(**common, rescore=rescorer(scorer), max_suggestions=0)
    assert one is not None and len(one.suggestions) == 1
    assert none is not None and none.suggestions == () and none.items


def test_candidates_draw_on_the_clients_words_and_keep_the_turn() -> None:
    candidates = library_candidates(
        client_text="I'm so angry with my caseworker, she keeps cancelling on me.",
        turn_text="She is very busy",
        missing=("er", "ip", "ex"),
        feeling="angry",
    )
    texts = [c.text for c in candidates]
    assert all("She is very busy" in t for t in texts)
    assert any("angry" in t for t in texts)
    # single mechanisms, and rewrites adding all three at once
    assert {len(c.parts) for c in candidates} == {1, 3}
    # a question after a turn without final punctuation starts its own sentence
    assert all("busy What" not in t and "busy How" not in t and "busy Can" not in t for t in texts)


def test_templates_whose_slot_is_empty_are_skipped() -> None:
    candidates = library_candidates(
        client_text="", turn_text="Okay.", missing=("er", "ip", "ex"), feeling=None
    )
    assert candidates
    assert not any("{" in c.text or "None" in c.text or "  " in c.text for c in candidates)


def test_feeling_word_prefers_the_clients_own_word() -> None:
    assert feeling_word("I'm petrified of him", signals("sadness")) == "terrified"
    assert feeling_word("The letter came today", signals("nervousness")) == "anxious"
    assert feeling_word("The letter came today", signals("disappointment")) == "let down"
    assert feeling_word("The letter came today", signals("joy")) is None  # not a negative one
    assert feeling_word("The letter came today", None) is None


def test_explain_covers_each_mechanism() -> None:
    explanations = [explain(m) for m in MECHANISMS]
    assert len({what for what, _ in explanations}) == 3
    assert all(what.endswith(".") and why.endswith(".") for what, why in explanations)
    with pytest.raises(ValueError, match="unknown"):
        explain("empathy")


def test_generator_rewrite_is_kept_when_it_scores_well(scorer) -> None:
    good = (
        "I'm so sorry, that sounds frightening. You need to call the council, and we can do it "
        "together. What has been keeping you up at night?"
    )
    generator = ListGenerator([good])
    empathy = scorer.score(context=DISTRESSED, response=DISMISSIVE)
    feedback = build_feedback(
        client_text=DISTRESSED,
        turn_text=DISMISSIVE,
        empathy=empathy,
        client=signals("fear"),
        rescore=rescorer(scorer),
        generator=generator,
    )
    assert feedback is not None
    generated = [s for s in feedback.suggestions if s.source == "generator"]
    assert [s.text for s in generated] == [good]
    assert generator.calls == [
        {"turn_text": DISMISSIVE, "missing": feedback.missing, "emotion": "terrified"}
    ]


def test_generator_rewrite_less_empathic_than_the_turn_is_dropped(scorer) -> None:
    turn = "Did you bring the forms? What has this week been like for you?"
    empathy = scorer.score(context=DISTRESSED, response=turn)
    assert empathy.ex.level > 0  # so "Just deal with it." (no exploration) is less empathic
    feedback = build_feedback(
        client_text=DISTRESSED,
        turn_text=turn,
        empathy=empathy,
        client=None,
        rescore=rescorer(scorer),
        generator=ListGenerator(["Just deal with it."]),
    )
    assert feedback is not None
    assert all(s.source == "library" for s in feedback.suggestions)
    assert all(s.text != "Just deal with it." for s in feedback.suggestions)


def test_failing_generator_falls_back_to_the_library(scorer) -> None:
    empathy = scorer.score(context=DISTRESSED, response=DISMISSIVE)
    common = dict(client_text=DISTRESSED, turn_text=DISMISSIVE, empathy=empathy, client=None)
    failing = build_feedback(
        **common, rescore=rescorer(scorer), generator=ListGenerator(error=True)
    )
    library_only = build_feedback(**common, rescore=rescorer(scorer))
    assert failing is not None and failing.suggestions
    assert failing == library_only
