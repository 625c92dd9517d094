"""Does the scorer rank trainee answers as a trainer would?

``answers.json`` holds answers the project wrote, each meant to show one mechanism strongly,
weakly or not at all. Per mechanism we report:

- pairwise agreement: over every pair of answers with different labels, the share the scorer
  orders the same way (by expected level, P(weak) + 2 P(strong); a tie counts one half);
- exact agreement: the share whose predicted level equals the label.

Run ``python -m empathic.practice.quality.agreement`` to print the figures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from empathic.nlp.scorer import MECHANISMS
from empathic.practice.scoring import expected_levels, predicted_levels, scorer_model

ANSWERS = Path(__file__).resolve().parent / "answers.json"
RANK = {"missing": 0, "weak": 1, "strong": 2}


@dataclass(frozen=True)
class Agreement:
    mechanism: str
    items: int
    pairs: int
    pairwise: float
    exact: float
    strong_vs_missing: float  # pairwise agreement over strong/missing pairs only


def load_answers() -> list[dict]:
    return json.loads(ANSWERS.read_text(encoding="utf-8"))["items"]


def evaluate() -> dict[str, Agreement]:
    items = load_answers()
    pairs = [(i["context"], i["response"]) for i in items]
    expected = expected_levels(pairs)
    predicted = predicted_levels(pairs)
    results = {}
    for m in MECHANISMS:
        rows = [
            (RANK[i["label"]], expected[m][n], predicted[m][n])
            for n, i in enumerate(items)
            if i["mechanism"] == m
        ]
        agree = total = sm_agree = sm_total = 0.0
        for (ra, ea, _pa), (rb, eb, _pb) in combinations(rows, 2):
            if ra == rb:
                continue
            (hi, lo) = (ea, eb) if ra > rb else (eb, ea)
            score = 1.0 if hi > lo else 0.5 if hi == lo else 0.0
            agree += score
            total += 1
            if {ra, rb} == {0, 2}:
                sm_agree += score
                sm_total += 1
        exact = sum(1 for r, _e, p in rows if r == p) / len(rows)
        results[m] = Agreement(m, len(rows), int(total), agree / total, exact, sm_agree / sm_total)
    return results


def main() -> None:
    print(f"scorer: {scorer_model()}  answers: {ANSWERS.name}")
    print(
        f"{'mechanism':10} {'items':>5} {'pairs':>5} {'pairwise':>9} "
        f"{'strong>miss':>11} {'exact':>6}"
    )
    for a in evaluate().values():
        print(
            f"{a.mechanism:10} {a.items:5d} {a.pairs:5d} {a.pairwise:9.3f} "
            f"{a.strong_vs_missing:11.3f} {a.exact:6.3f}"
        )


if __name__ == "__main__":
    main()
