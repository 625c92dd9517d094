"""``python -m empathic.redaction.evaluation [--errors]``: print the per-kind score tables."""

from __future__ import annotations

import sys

from .build import HERE, load_source
from .evaluate import evaluate, format_table, load_rows, lower_rows

INDEPENDENT = HERE / "independent.src.txt"


def main(argv: list[str]) -> int:
    independent = load_source(INDEPENDENT)
    sets = [
        ("test set (sentences.jsonl)", load_rows()),
        ("held-out set (heldout.src.txt)", load_source(HERE / "heldout.src.txt")),
        ("independent set (independent.src.txt)", independent),
        ("independent set, lower-cased", lower_rows(independent)),
    ]
    for title, rows in sets:
        scores, errors = evaluate(rows)
        spans = sum(len(r["spans"]) for r in rows)
        found = sum(s.found for k, s in scores.items() if k in _TOP_KINDS)
        predicted = sum(s.predicted for k, s in scores.items() if k in _TOP_KINDS)
        correct = sum(s.correct for k, s in scores.items() if k in _TOP_KINDS)
        print(f"{title}: {len(rows)} sentences, {spans} gold spans")
        print(
            f"overall recall {found / spans if spans else 1:.3f}, "
            f"precision {correct / predicted if predicted else 1:.3f}"
        )
        print(format_table(scores))
        if "--errors" in argv and errors:
            print("\n".join(errors))
        print()
    return 0


_TOP_KINDS = ("EMAIL", "URL", "PHONE", "ADDRESS", "DATE", "ID", "NAME")

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
