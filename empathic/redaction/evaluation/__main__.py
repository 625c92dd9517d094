"""``python -m empathic.redaction.evaluation [--errors]``: print the per-kind score table."""

from __future__ import annotations

import sys

from .evaluate import evaluate, format_table, load_rows


def main(argv: list[str]) -> int:
    rows = load_rows()
    scores, errors = evaluate(rows)
    print(f"{len(rows)} sentences, {sum(len(r['spans']) for r in rows)} gold spans")
    print(format_table(scores))
    if "--errors" in argv:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
