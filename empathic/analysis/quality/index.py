"""The session quality index: one number (0-100) with the parts it is made of.

Parts are session-level rates over the model's own codes for the practitioner's turns (MI code,
EPITOME levels, concerns) and the client's talk type. Each part is standardised with the mean and
spread of the AnnoMI training sessions and weighted by a class-balanced L2 logistic regression
fitted on them (`python -m empathic.analysis.quality.fit`); the index is 100 x the fitted
probability of high MI quality under equal prior odds. A part's contribution is its weight times
its standardised value (logit units), so the index is exactly
`100 * sigmoid(intercept + sum(contributions))`. A part the session leaves undefined (no
questions, so no share of open ones) contributes 0: it is treated as typical, not as bad.

It is a direction to grow, never a grade of the person: see QUALITY_INDEX.md.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from empathic.analysis.errors import AnalysisError
from empathic.analysis.results import QualityPart, Summary, TurnAnalysis
from empathic.nlp.results import MECHANISMS

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

ARTIFACT = Path(__file__).with_name("index.json")
RQ_CAP = 3.0
"""Reflections per question are capped here (MITI 4.2.1 calls 2:1 good): past it more reflecting
says little, and a session without questions would otherwise have an infinite ratio."""
MIN_GAIN = 0.5
"""A part is named as the direction to grow only if reaching its target raises the index by at
least this many points; below that, every part is already where high-quality sessions are."""

PARTS = (
    "reflection_to_question",
    "percent_open_questions",
    "percent_complex_reflections",
    "information_advice_share",
    "concerns_per_turn",
    "er_rate",
    "ip_rate",
    "ex_rate",
    "change_talk_share",
)
# The parts' names and the growth sentences are the reports' words (``analysis.report.quality``,
# from ``core.vocabulary``): this module computes, and imports nothing of ``core``.


@dataclass(frozen=True)
class TurnCodes:
    """What the index reads from one turn: the model's codes, or gold labels when fitting."""

    role: str  # "practitioner" or "client"
    mi_code: str | None = None  # one of results.MI_CODES (practitioner)
    levels: tuple[int, int, int] = (0, 0, 0)  # EPITOME er, ip, ex (practitioner)
    talk_type: str | None = None  # change, neutral, sustain (client)
    concerns: int = 0  # MI-inconsistent behaviours flagged in the turn (practitioner)


def turn_codes(turn: TurnAnalysis) -> TurnCodes:
    if turn.role != "practitioner":
        return TurnCodes("client", talk_type=turn.client.talk_type if turn.client else None)
    empathy = turn.empathy
    levels = (empathy.er.level, empathy.ip.level, empathy.ex.level) if empathy else (0, 0, 0)
    return TurnCodes(
        "practitioner",
        mi_code=turn.practitioner.mi_code if turn.practitioner else None,
        levels=levels,
        concerns=_concerns(turn),
    )


def _concerns(turn: TurnAnalysis) -> int:
    """Concerns flagged on a practitioner turn; 0 where the analysis has none (before concerns
    existed, or from a pipeline run without them). Read loosely: a count or a collection."""
    for holder in (turn, turn.practitioner):
        found = getattr(holder, "concerns", None)
        if found is not None:
            return found if isinstance(found, int) else len(found)
    return 0


def part_values(codes: Sequence[TurnCodes]) -> dict[str, float | None]:
    """Each part's value for one session; None where the session leaves it undefined."""
    practitioner = [c for c in codes if c.role == "practitioner"]
    # As the MITI summary counts (miti.py): a turn with a concern is no reflection or question.
    mi = [c.mi_code for c in practitioner if not c.concerns]
    simple, complex_ = mi.count("simple_reflection"), mi.count("complex_reflection")
    open_, closed = mi.count("open_question"), mi.count("closed_question")
    reflections, questions = simple + complex_, open_ + closed
    talk = [c.talk_type for c in codes if c.role == "client"]
    change, sustain = talk.count("change"), talk.count("sustain")
    turns = len(practitioner)
    if questions:
        rq: float | None = min(reflections / questions, RQ_CAP)
    else:
        rq = RQ_CAP if reflections else None
    values: dict[str, float | None] = {
        "reflection_to_question": rq,
        "percent_open_questions": _share(open_, questions),
        "percent_complex_reflections": _share(complex_, reflections),
        "information_advice_share": _share(mi.count("information") + mi.count("advice"), turns),
        "concerns_per_turn": _share(sum(c.concerns for c in practitioner), turns),
        "change_talk_share": _share(change, change + sustain),
    }
    for k, m in enumerate(MECHANISMS):
        values[f"{m}_rate"] = _share(sum(1 for c in practitioner if c.levels[k] >= 1), turns)
    return {name: values[name] for name in PARTS}


def _share(numerator: float, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


@dataclass(frozen=True)
class PartWeight:
    name: str
    mean: float  # over the training sessions: the value that contributes 0
    sd: float
    weight: float  # logit per standard deviation; 0 = shown but not weighted
    target: float  # the mean over high-quality training sessions: what "grow" aims at


@dataclass(frozen=True)
class QualityIndex:
    value: float  # 0-100
    parts: tuple[QualityPart, ...]
    grow: str | None  # the part whose growth would raise the index most, if any would
    model: str  # quality-index@1.3.1


@dataclass(frozen=True)
class QualityIndexModel:
    model: str
    intercept: float
    weights: tuple[PartWeight, ...]

    @classmethod
    def from_dict(cls, data: Mapping) -> QualityIndexModel:
        try:
            weights = tuple(
                PartWeight(
                    str(p["name"]),
                    float(p["mean"]),
                    float(p["sd"]),
                    float(p["weight"]),
                    float(p["target"]),
                )
                for p in data["parts"]
            )
            model = f"{data['name']}@{data['version']}"
            intercept = float(data["intercept"])
        except (KeyError, TypeError, ValueError) as error:
            raise AnalysisError(f"quality index artifact is malformed ({error!r})") from None
        unknown = [w.name for w in weights if w.name not in PARTS]
        if unknown:
            raise AnalysisError(f"quality index artifact has unknown parts: {unknown}")
        return cls(model, intercept, weights)

    def contribution(self, weight: PartWeight, value: float | None) -> float:
        if value is None or weight.sd <= 0:
            return 0.0
        return weight.weight * (value - weight.mean) / weight.sd

    def index(self, values: Mapping[str, float | None]) -> float:
        logit = self.intercept + sum(self.contribution(w, values.get(w.name)) for w in self.weights)
        return 100.0 / (1.0 + math.exp(-logit))

    def score(self, values: Mapping[str, float | None]) -> QualityIndex:
        index = self.index(values)
        parts = tuple(
            QualityPart(
                name=w.name,
                value=values.get(w.name),
                contribution=round(self.contribution(w, values.get(w.name)), 4) + 0.0,  # no -0.0
                target=round(w.target, 4),
            )
            for w in self.weights
        )
        return QualityIndex(round(index, 1), parts, self.grow(values, index), self.model)

    def grow(self, values: Mapping[str, float | None], index: float | None = None) -> str | None:
        """The part that would raise the index most if it reached its target (the typical value
        of high-quality sessions), or None when no part is short of its target."""
        index = self.index(values) if index is None else index
        best, best_gain = None, MIN_GAIN
        for w in self.weights:
            value = values.get(w.name)
            if w.weight == 0 or value is None:
                continue
            if (w.target - value) * w.weight <= 0:  # already at or beyond the target
                continue
            gain = self.index({**values, w.name: w.target}) - index
            if gain >= best_gain:
                best, best_gain = w.name, gain
        return best


@functools.cache
def load_quality_index(path: Path = ARTIFACT) -> QualityIndexModel:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise AnalysisError(f"{path}: cannot read the quality index ({error})") from None
    return QualityIndexModel.from_dict(data)


def quality_index(
    turns: Sequence[TurnAnalysis], model: QualityIndexModel | None = None
) -> QualityIndex:
    """The index of one analysed session."""
    model = model or load_quality_index()
    return model.score(part_values([turn_codes(t) for t in turns]))


def with_quality_index(summary: Summary, turns: Sequence[TurnAnalysis]) -> Summary:
    """The summary with the session's quality index filled in."""
    found = quality_index(turns)
    return dataclasses.replace(
        summary,
        quality_index=found.value,
        quality_index_parts=found.parts,
        quality_index_grow=found.grow,
        quality_index_model=found.model,
    )
