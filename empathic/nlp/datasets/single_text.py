"""GoEmotions, Davidson et al. and empathic reactions: single texts with labels or ratings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from empathic.nlp.datasets.common import choice, number, read_csv_rows
from empathic.nlp.errors import DataError

if TYPE_CHECKING:
    from pathlib import Path

EMOTIONS = (
    "admiration", "amusement", "anger", "annoyance", "approval", "caring", "confusion",
    "curiosity", "desire", "disappointment", "disapproval", "disgust", "embarrassment",
    "excitement", "fear", "gratitude", "grief", "joy", "love", "nervousness", "optimism",
    "pride", "realization", "relief", "remorse", "sadness", "surprise", "neutral",
)  # fmt: skip
HOSTILITY = ("hate", "offensive", "neither")
"""Davidson's classes 0, 1, 2 in order."""


@dataclass(frozen=True)
class LabelledText:
    text: str
    labels: tuple[str, ...]


@dataclass(frozen=True)
class RatedText:
    text: str
    empathy: float
    distress: float


def read_goemotions(path: Path) -> list[LabelledText]:
    rows = read_csv_rows(path, ("text", "labels"))
    out = []
    for line, row in enumerate(rows, start=2):
        labels = tuple(label.strip() for label in row["labels"].split("|") if label.strip())
        unknown = [label for label in labels if label not in EMOTIONS]
        if not labels or unknown:
            raise DataError(
                f"{path}:{line}: labels must be GoEmotions names, got {row['labels']!r}"
            )
        out.append(LabelledText(row["text"], labels))
    return out


def read_davidson(path: Path) -> list[LabelledText]:
    rows = read_csv_rows(path, ("tweet", "class"))
    return [
        LabelledText(
            row["tweet"], (HOSTILITY[int(choice(path, line, row["class"], "012", "class"))],)
        )
        for line, row in enumerate(rows, start=2)
    ]


def read_empathic_reactions(path: Path) -> list[RatedText]:
    rows = read_csv_rows(path, ("essay", "empathy", "distress"))
    return [
        RatedText(
            row["essay"],
            number(path, line, row["empathy"], "empathy"),
            number(path, line, row["distress"], "distress"),
        )
        for line, row in enumerate(rows, start=2)
    ]
