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


@dataclass(frozen=True)
class EmpathyScore:
    """Emotional reactions (er), interpretations (ip) and explorations (ex) of one response."""

    er: MechanismScore
    ip: MechanismScore
    ex: MechanismScore
    model: str  # name@version of the model that produced the score; store it beside the score

    @property
    def mechanisms(self) -> dict[str, MechanismScore]:
        return {"er": self.er, "ip": self.ip, "ex": self.ex}

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
