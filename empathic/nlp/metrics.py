"""Metrics in plain numpy (scikit-learn is a training-only dependency)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Sequence

WORD = re.compile(r"\S+")
"""Rationale tokens are whitespace-separated words of the response."""


def accuracy(gold: Sequence[int], predicted: Sequence[int]) -> float:
    gold_a, pred_a = np.asarray(gold), np.asarray(predicted)
    return float((gold_a == pred_a).mean()) if len(gold_a) else 0.0


def macro_f1(gold: Sequence[int], predicted: Sequence[int]) -> float:
    """Unweighted mean F1 over the labels that occur in gold or predictions (sklearn's default)."""
    gold_a, pred_a = np.asarray(gold), np.asarray(predicted)
    labels = np.union1d(gold_a, pred_a)
    scores = []
    for label in labels:
        tp = float(np.sum((gold_a == label) & (pred_a == label)))
        fp = float(np.sum((gold_a != label) & (pred_a == label)))
        fn = float(np.sum((gold_a == label) & (pred_a != label)))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(scores)) if scores else 0.0


def word_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in WORD.finditer(text)]


def words_covered(text: str, spans: Sequence[tuple[int, int]]) -> set[int]:
    """Indices of the words of text that overlap any character span."""
    return {
        i
        for i, (ws, we) in enumerate(word_spans(text))
        if any(start < we and end > ws for start, end in spans)
    }


class TokenF1:
    """Micro-averaged word-level F1 of predicted vs annotated rationales, pooled over rows."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, text: str, gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]]):
        gold_words, pred_words = words_covered(text, gold), words_covered(text, predicted)
        self.tp += len(gold_words & pred_words)
        self.fp += len(pred_words - gold_words)
        self.fn += len(gold_words - pred_words)

    @property
    def f1(self) -> float:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 0.0


def per_class_f1(gold: Sequence[int], predicted: Sequence[int], labels) -> list[float]:
    gold_a, pred_a = np.asarray(gold), np.asarray(predicted)
    return [binary_f1(gold_a == label, pred_a == label) for label in labels]


def weighted_f1(gold: Sequence[int], predicted: Sequence[int]) -> float:
    """F1 per gold label weighted by its support (scikit-learn's average='weighted')."""
    gold_a = np.asarray(gold)
    labels, support = np.unique(gold_a, return_counts=True)
    scores = per_class_f1(gold_a, predicted, labels)
    return float(np.dot(scores, support) / support.sum()) if len(gold_a) else 0.0


def binary_f1(gold: Sequence, predicted: Sequence) -> float:
    gold_a, pred_a = np.asarray(gold).astype(bool), np.asarray(predicted).astype(bool)
    tp = float(np.sum(gold_a & pred_a))
    denominator = 2 * tp + float(np.sum(gold_a & ~pred_a)) + float(np.sum(~gold_a & pred_a))
    return 2 * tp / denominator if denominator else 0.0


def pearson(gold: Sequence[float], predicted: Sequence[float]) -> float:
    gold_a, pred_a = np.asarray(gold, dtype=float), np.asarray(predicted, dtype=float)
    if len(gold_a) < 2 or gold_a.std() == 0 or pred_a.std() == 0:
        return 0.0
    return float(np.corrcoef(gold_a, pred_a)[0, 1])


def classification_metrics(
    gold: Sequence[int], predicted: Sequence[int], labels: Sequence[str]
) -> dict[str, object]:
    """Macro-F1, weighted F1, accuracy and F1 per named class of class-index predictions."""
    per_class = per_class_f1(gold, predicted, range(len(labels)))
    return {
        "macro_f1": macro_f1(gold, predicted),
        "weighted_f1": weighted_f1(gold, predicted),
        "accuracy": accuracy(gold, predicted),
        "per_class_f1": dict(zip(labels, per_class, strict=True)),
    }
