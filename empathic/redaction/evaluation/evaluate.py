"""Recall and precision of the redactor per identifier kind on the labelled test set.

A gold span counts as found when predicted spans of the same kind cover all of its non-space
characters (it also counts as "hidden" when spans of any kind cover it: the text is safe even
if the kind is wrong). A predicted span counts as correct when it overlaps a gold span of the
same kind. Participant names (a gold NAME containing a given name or part of one) are scored
apart from other names.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..names import given_name_parts
from ..redactor import find_identifiers
from ..types import KINDS

JSONL = Path(__file__).with_name("sentences.jsonl")
PARTICIPANT = "NAME (participant)"
OTHER_NAME = "NAME (other)"


@dataclass(frozen=True)
class KindScore:
    kind: str
    gold: int
    found: int  # gold spans covered by spans of the right kind
    hidden: int  # gold spans covered by spans of any kind
    predicted: int
    correct: int  # predicted spans overlapping a gold span of the same kind

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def hidden_recall(self) -> float:
        return self.hidden / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0


def load_rows(path: Path = JSONL) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def lower_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows as raw speech-to-text writes them: every text lower-cased, offsets unchanged (a
    character whose lower case is longer, such as "İ", is kept as it is). The caller's names stay
    as typed: they come from the upload form, not from the transcript."""
    out = []
    for row in rows:
        text = "".join(c.lower() if len(c.lower()) == 1 else c for c in row["text"])
        out.append({**row, "text": text})
    return out


def _covered(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return all(text[i].isspace() or any(s <= i < e for s, e in spans) for i in range(start, end))


def evaluate(rows: list[dict[str, Any]]) -> tuple[dict[str, KindScore], list[str]]:
    """Scores by kind (NAME split into participant and other), and a line per error."""
    tally: dict[str, list[int]] = {}
    errors: list[str] = []

    def bump(kind: str, field: int, by: int = 1) -> None:
        tally.setdefault(kind, [0, 0, 0, 0, 0])[field] += by

    for row in rows:
        text, names = row["text"], row["names"]
        predicted = find_identifiers(text, names=names)
        parts = set(given_name_parts(names))
        gold = row["spans"]
        for g in gold:
            kind = g["kind"]
            if kind == "NAME":
                words = {w.strip(".,'’").casefold() for w in text[g["start"] : g["end"]].split()}
                kind = PARTICIPANT if words & parts else OTHER_NAME
            same = [(p.start, p.end) for p in predicted if p.kind == g["kind"]]
            anyk = [(p.start, p.end) for p in predicted]
            found = _covered(text, g["start"], g["end"], same)
            bump(kind, 0)
            bump(kind, 1, found)
            bump(kind, 2, _covered(text, g["start"], g["end"], anyk))
            if not found:
                errors.append(f"MISSED {kind}: {text[g['start'] : g['end']]!r} in {text!r}")
        for p in predicted:
            ok = any(
                g["kind"] == p.kind and p.start < g["end"] and g["start"] < p.end for g in gold
            )
            bump(p.kind, 3)
            bump(p.kind, 4, ok)
            if not ok:
                errors.append(f"SPURIOUS {p.kind}: {text[p.start : p.end]!r} in {text!r}")
    # Predicted NAMEs are one pool; attribute their precision to the NAME row.
    order = [k for k in KINDS if k != "NAME"] + ["NAME", PARTICIPANT, OTHER_NAME]
    name_gold = [tally.get(k, [0] * 5) for k in (PARTICIPANT, OTHER_NAME)]
    tally["NAME"] = [
        name_gold[0][0] + name_gold[1][0],
        name_gold[0][1] + name_gold[1][1],
        name_gold[0][2] + name_gold[1][2],
        *tally.get("NAME", [0] * 5)[3:],
    ]
    scores = {k: KindScore(k, *tally[k]) for k in order if k in tally and any(tally[k])}
    return scores, errors


def format_table(scores: dict[str, KindScore]) -> str:
    lines = [
        "| kind | gold | recall | recall (any kind) | predicted | precision |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in scores.values():
        prec = f"{s.precision:.3f}" if s.kind not in (PARTICIPANT, OTHER_NAME) else "-"
        pred = str(s.predicted) if s.kind not in (PARTICIPANT, OTHER_NAME) else "-"
        lines.append(
            f"| {s.kind} | {s.gold} | {s.recall:.3f} | {s.hidden_recall:.3f} | {pred} | {prec} |"
        )
    return "\n".join(lines)
