"""Typed results of a conversation analysis; `to_dict()` is the `--json` shape (and what the
platform stores)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

# The label sets are the datasets' (the heads' classes), re-exported for the analysis layer:
# AnnoMI behaviours and talk types, ESConv strategies (Liu et al. 2021), Davidson et al.'s
# hostility classes, GoEmotions' 27 emotions + neutral (Demszky et al. 2020).
from empathic.nlp.datasets.annomi import BEHAVIOURS
from empathic.nlp.datasets.annomi import TALK_TYPES as TALK_TYPES
from empathic.nlp.datasets.esconv import STRATEGIES as STRATEGIES
from empathic.nlp.datasets.single_text import EMOTIONS as EMOTIONS
from empathic.nlp.datasets.single_text import HOSTILITY as HOSTILITY
from empathic.nlp.results import EmpathyScore

Role = Literal["practitioner", "client"]
MI_BEHAVIOURS = BEHAVIOURS


MI_CODES = (
    "simple_reflection",
    "complex_reflection",
    "open_question",
    "closed_question",
    "information",
    "advice",
    "affirmation",
    "other",
)
"""The MI code shown per practitioner turn: a behaviour refined by its subtype head."""

NEGATIVE_EMOTIONS = frozenset(
    {
        "anger", "annoyance", "disappointment", "disapproval", "disgust", "embarrassment",
        "fear", "grief", "nervousness", "remorse", "sadness", "confusion",
    }
)  # fmt: skip
"""Emotions after which a practitioner's turn without empathy counts as a missed moment."""


@dataclass(frozen=True)
class LabelScore:
    label: str
    probability: float


@dataclass(frozen=True)
class PractitionerSignals:
    """What the practitioner did in one turn, besides EPITOME empathy."""

    mi_behaviour: str  # one of MI_BEHAVIOURS
    mi_code: str  # one of MI_CODES
    mi_probabilities: dict[str, float]  # over MI_BEHAVIOURS
    strategy: str  # one of STRATEGIES
    strategy_probabilities: dict[str, float]


@dataclass(frozen=True)
class ClientSignals:
    """How the client sounds in one turn."""

    emotions: tuple[LabelScore, ...]  # labels over their threshold, most likely first
    emotion_probabilities: dict[str, float]  # all of EMOTIONS
    distress: float  # personal distress, 1-7 scale (empathic_reactions)
    hostility: str  # one of HOSTILITY
    hostility_probabilities: dict[str, float]
    talk_type: str  # one of TALK_TYPES
    talk_type_probabilities: dict[str, float]

    @property
    def strongest_negative(self) -> LabelScore | None:
        negatives = [e for e in self.emotions if e.label in NEGATIVE_EMOTIONS]
        return negatives[0] if negatives else None

    @property
    def hostility_score(self) -> float:
        """P(hate) + P(offensive): one number for the escalation chart."""
        p = self.hostility_probabilities
        return float(p.get("hate", 0.0) + p.get("offensive", 0.0))


@dataclass(frozen=True)
class FeedbackItem:
    mechanism: str  # "er", "ip" or "ex"
    what: str  # what was missing, in one sentence
    why: str  # why it matters, in one sentence


@dataclass(frozen=True)
class Suggestion:
    text: str  # the rewritten turn
    adds: tuple[str, ...]  # mechanisms it adds
    source: str  # "library" or "generator"
    levels: dict[str, int]  # its own EPITOME levels after re-scoring


@dataclass(frozen=True)
class Feedback:
    missing: tuple[str, ...]  # mechanisms at level 0 in this turn
    items: tuple[FeedbackItem, ...]
    suggestions: tuple[Suggestion, ...]


@dataclass(frozen=True)
class TurnAnalysis:
    index: int
    speaker: str
    role: Role
    text: str
    start: float | None  # seconds from the start of the session, when the transcript has it
    empathy: EmpathyScore | None = None  # practitioner turns
    practitioner: PractitionerSignals | None = None
    client: ClientSignals | None = None
    feedback: Feedback | None = None  # practitioner turns that missed a mechanism
    missed_empathy: bool = False  # no ER and no IP right after a strong negative client emotion

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Band:
    """A MITI 4.2.1 summary score and where it falls against the published thresholds."""

    value: float | None
    fair: float
    good: float

    @property
    def rating(self) -> str:
        if self.value is None:
            return "n/a"
        if self.value >= self.good:
            return "good"
        return "fair" if self.value >= self.fair else "below fair"


@dataclass(frozen=True)
class Summary:
    """MITI-style counts and ratios over the practitioner's turns, and EPITOME mechanism rates."""

    practitioner_turns: int
    client_turns: int
    reflections: int
    complex_reflections: int
    questions: int
    open_questions: int
    reflection_to_question: Band  # R:Q, fair 1.0, good 2.0
    percent_complex_reflections: Band  # fair 0.40, good 0.50
    percent_open_questions: float | None  # MITI 4 has no band for it; reported as is
    practitioner_talk_share: float  # share of words spoken by the practitioner
    mechanism_rates: dict[str, float]  # er/ip/ex: share of practitioner turns at level >= 1
    strong_mechanism_rates: dict[str, float]  # share at level 2
    missed_moments: int
    change_talk: int
    sustain_talk: int


@dataclass(frozen=True)
class ConversationAnalysis:
    source: str  # file name or "text"
    source_format: str  # vtt, srt, txt, csv, json
    practitioner: str
    clients: tuple[str, ...]
    practitioner_method: str  # how the practitioner was identified, shown in the report
    turns: tuple[TurnAnalysis, ...]
    summary: Summary
    models: dict[str, str]  # head family -> name@version, stored beside the scores
    seconds: float
    warnings: tuple[str, ...] = field(default=())

    @property
    def missed_moments(self) -> list[TurnAnalysis]:
        return [t for t in self.turns if t.missed_empathy]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["summary"]["reflection_to_question"]["rating"] = (
            self.summary.reflection_to_question.rating
        )
        data["summary"]["percent_complex_reflections"]["rating"] = (
            self.summary.percent_complex_reflections.rating
        )
        return data
