"""Empathic's scoring engine: offline, numpy + onnxruntime + tokenizers, no Django, no torch.

    from empathic.nlp import load_scorer
    scorer = load_scorer()
    scorer.score(context="...", response="...")

Names are imported on first use so that importing the package (e.g. for the CLI) stays cheap.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from empathic.nlp.errors import InvalidInputError, ModelIntegrityError, NlpError
    from empathic.nlp.results import EmpathyScore, MechanismScore, RationaleSpan
    from empathic.nlp.scorer import EmpathyScorer, load_scorer

__all__ = [
    "EmpathyScore",
    "EmpathyScorer",
    "InvalidInputError",
    "MechanismScore",
    "ModelIntegrityError",
    "NlpError",
    "RationaleSpan",
    "load_scorer",
]

_HOMES = {
    "EmpathyScore": "results",
    "MechanismScore": "results",
    "RationaleSpan": "results",
    "EmpathyScorer": "scorer",
    "load_scorer": "scorer",
    "InvalidInputError": "errors",
    "ModelIntegrityError": "errors",
    "NlpError": "errors",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'empathic.nlp' has no attribute {name!r}")
    return getattr(importlib.import_module(f"empathic.nlp.{_HOMES[name]}"), name)
