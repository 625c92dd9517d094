"""The labelled redaction test set and the script that measures recall and precision on it."""

from .evaluate import KindScore, evaluate, load_rows, lower_rows

__all__ = ["KindScore", "evaluate", "load_rows", "lower_rows"]
