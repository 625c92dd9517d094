"""Concerns on the judging sessions, against the labels their writer intended.

    python benchmarks/rewrites/concern_check.py [--first 15 --last 30] [--list]

Analyses the sessions beside this script (files numbered `--first` to `--last`) with the shipped
models and compares each practitioner turn's concerns with the README table's label for it:
recall over the harmful turns, false flags over the good ones, how many poor ones were flagged,
and how many harmful ones still got strong (2) ER or IP credit. The labels are one writer's intent,
not a gold standard, and sessions once used to mend the patterns give optimistic figures: say which
sessions a figure is on, and whether they were read before. `--list` prints each miss and false
flag.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from empathic.analysis.pipeline import analyse_file

SESSIONS = Path(__file__).resolve().parent / "sessions"
_TURN_LABEL = re.compile(r"(\d+) \(")
_COLUMNS = {4: "good", 5: "poor", 6: "harmful"}  # README table cells, split on "|"


def intended_labels(readme: str, name: str) -> dict[int, str]:
    """Line number -> good / poor / harmful, from the README row of session file `name`."""
    row = next(line for line in readme.splitlines() if f"`{name}`" in line).split("|")
    return {int(n): label for col, label in _COLUMNS.items() for n in _TURN_LABEL.findall(row[col])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--first", type=int, default=1)
    parser.add_argument("--last", type=int, default=99)
    parser.add_argument("--list", action="store_true", help="print each miss and false flag")
    args = parser.parse_args()
    readme = (SESSIONS / "README.md").read_text(encoding="utf-8")
    counts = dict.fromkeys(
        ("harmful", "found", "credited", "good", "false", "poor", "poor_flagged"), 0
    )
    files = [
        p for p in sorted(SESSIONS.glob("*.txt")) if args.first <= int(p.name[:2]) <= args.last
    ]
    for path in files:
        labels = intended_labels(readme, path.name)
        for turn in analyse_file(path).turns:
            label = labels.get(turn.index + 1)  # line number = turn number + 1
            if turn.role != "practitioner" or label is None:
                continue
            flagged = bool(turn.concerns)
            if label == "harmful":
                counts["harmful"] += 1
                counts["found"] += flagged
                strong = turn.empathy is not None and any(
                    turn.empathy.mechanisms[m].level == 2 for m in ("er", "ip")
                )
                counts["credited"] += strong
                if not flagged and args.list:
                    print(f"miss   {path.name}:{turn.index + 1}  {turn.text[:100]}")
            elif label == "good":
                counts["good"] += 1
                counts["false"] += flagged
                if flagged and args.list:
                    kinds = ", ".join(c.kind for c in turn.concerns)
                    print(f"false  {path.name}:{turn.index + 1}  [{kinds}]  {turn.text[:90]}")
            else:
                counts["poor"] += 1
                counts["poor_flagged"] += flagged
    harmful, good = max(1, counts["harmful"]), max(1, counts["good"])
    print(
        f"{len(files)} sessions: harmful {counts['harmful']},"
        f" recall {counts['found'] / harmful:.3f};"
        f" good {counts['good']}, false flags {counts['false'] / good:.3f};"
        f" poor flagged {counts['poor_flagged']} of {counts['poor']};"
        f" harmful credited {counts['credited'] / harmful:.3f}"
    )


if __name__ == "__main__":
    main()
