"""The feedback must be right: the scorer ranks the project's labelled answers as a trainer
would. Floors are the figures measured with epitome@1.0.0 (README), less a small margin; the
interpretation floor is low because the model misses reflective "It sounds like..." answers
(see README: known limits)."""

from __future__ import annotations

from collections import Counter

from empathic.practice.quality.agreement import evaluate, load_answers

FLOORS = {  # mechanism: (pairwise, strong vs missing)
    "er": (0.90, 0.98),
    "ex": (0.95, 0.98),
    "ip": (0.52, 0.60),
}


def test_the_answer_set_is_balanced():
    items = load_answers()
    assert len(items) >= 60
    counts = Counter((i["mechanism"], i["label"]) for i in items)
    assert set(counts.values()) == {8} and len(counts) == 9
    assert len({(i["context"], i["response"]) for i in items}) == len(items)


def test_scorer_ranks_answers_as_a_trainer_would():
    results = evaluate()
    for mechanism, (pairwise, strong_vs_missing) in FLOORS.items():
        assert results[mechanism].pairwise >= pairwise, results[mechanism]
        assert results[mechanism].strong_vs_missing >= strong_vs_missing, results[mechanism]
