"""Typed results returned by the scorer."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

LEVEL_NAMES = ("none", "weak", "strong")


@dataclass(frozen=True)
class RationaleSpan:
    """A part of the response that carries a mechanism: response[start:end] == text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class MechanismScore:
    """One EPITOME mechanism: level 0 none / 1 weak / 2 strong and its evidence."""

    level: int
    probabilities: tuple[float, float, float]
    rationale: tuple[RationaleSpan, ...]

    @property
    def level_name(self) -> str:
        return LEVEL_NAMES[self.level]


MECHANISMS = ("er", "ip", "ex")
"""EPITOME's three communication mechanisms, in the order every score, table and chart uses:
emotional reactions, interpretations, explorations. The one definition; import it from here."""


@dataclass(frozen=True)
class EmpathyScore:
    """Emotional reactions (er), interpretations (ip) and explorations (ex) of one response."""

    er: MechanismScore
    ip: MechanismScore
    ex: MechanismScore
    model: str  # name@version of the model that produced the score; store it beside the score

    @property
    def mechanisms(self) -> dict[str, MechanismScore]:
        return {m: getattr(self, m) for m in MECHANISMS}

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
