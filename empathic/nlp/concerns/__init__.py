"""Concerns: the MI-inconsistent or harmful behaviours a practitioner turn shows, with the phrase
that carries each (Django-free, like the rest of the scoring engine).

    from empathic.nlp.concerns import detect_concerns
    detect_concerns("Please don't shout at me. There's a process and you need to follow it.")

The kinds and their texts are in `vocabulary.py`; the patterns and their guards in
`patterns.py`; the learned heads over the analyser's pooled pair features in `learned.py`
(bundle and MODEL_CARD.md in `models/`, trained by `python -m empathic.nlp.training.concerns`);
the labelled train/dev sets and how they were written in `data/README.md`. Callers that have the
turn's encoder pass (the analyser, practice) get both layers; `detect_concerns(text)` alone runs
the patterns.
"""

from empathic.nlp.concerns.detector import (
    CREDITED,
    MODEL,
    Concern,
    apply_concern_rule,
    detect_concerns,
    read_concerns,
)
from empathic.nlp.concerns.vocabulary import CONCERN_KINDS, KINDS, ConcernKind, concern_kind

__all__ = [
    "CONCERN_KINDS",
    "CREDITED",
    "KINDS",
    "MODEL",
    "Concern",
    "ConcernKind",
    "apply_concern_rule",
    "concern_kind",
    "detect_concerns",
    "read_concerns",
]
