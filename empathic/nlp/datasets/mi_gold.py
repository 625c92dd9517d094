"""MI gold (Welivita & Pu, Findings of ACL 2023): helpers' reply sentences with MITI-derived codes.

Single sentences from online distress support, no client context. Four of the 15 codes are
MI-inconsistent (MITI 4.2's "persuade" family and its confront code): the ones a supervisor must
never see credited as empathic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from empathic.nlp.datasets.common import choice, read_csv_rows

if TYPE_CHECKING:
    from pathlib import Path

CODES = (
    "Closed Question", "Open Question", "Simple Reflection", "Complex Reflection",
    "Give Information", "Advise with Permission", "Affirm", "Emphasize Autonomy", "Support",
    "Advise without Permission", "Confront", "Direct", "Warn", "Self-Disclose", "Other",
)  # fmt: skip
MI_INCONSISTENT = ("Advise without Permission", "Confront", "Direct", "Warn")


@dataclass(frozen=True)
class CodedSentence:
    text: str
    code: str


def read_mi_gold(path: Path) -> list[CodedSentence]:
    """Rows of a file shaped like `mi_gold/dev.csv`: columns `text` and `label` (one of CODES)."""
    rows = read_csv_rows(path, ("text", "label"))
    return [
        CodedSentence(row["text"], choice(path, line, row["label"].strip(), CODES, "label"))
        for line, row in enumerate(rows, start=2)
    ]
