"""``python -m empathic.redaction.evaluation [--errors]``: print the per-kind score table."""

from __future__ import annotations

import sys

from .build import HERE, load_source
from .evaluate import evaluate, format_table, load_rows


def main(argv: list[str]) -> int:
    sets = [("test set (sentences.jsonl)", load_rows())]
    sets.append(("held-out set (heldout.src.txt)", load_source(HERE / "heldout.src.txt")))
    for title, rows in sets:
        scores, errors = evaluate(rows)
        spans = sum(len(r["spans"]) for r in rows)
        print(f"{title}: {len(rows)} sentences, {spans} gold spans")
        print(format_table(scores))
        if "--errors" in argv and errors:
            print("\n".join(errors))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
