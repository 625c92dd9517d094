"""Typed results of a conversation analysis; `to_dict()` is the `--json` shape (and what the
platform stores)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

# The label sets are the datasets' (the heads' classes), re-exported for the analysis layer:
# AnnoMI behaviours and talk types, ESConv strategies (Liu et al. 2021), Davidson et al.'s
# hostility classes, GoEmotions' 27 emotions + neutral (Demszky et al. 2020).
from empathic.nlp.datasets.annomi import BEHAVIOURS
from empathic.nlp.datasets.annomi import TALK_TYPES as TALK_TYPES
from empathic.nlp.datasets.esconv import STRATEGIES as STRATEGIES
from empathic.nlp.datasets.single_text import EMOTIONS as EMOTIONS
from empathic.nlp.datasets.single_text import HOSTILITY as HOSTILITY

if TYPE_CHECKING:
    from empathic.analysis.ruptures import Rupture
    from empathic.analysis.transcripts.confidence import PractitionerDetection
    from empathic.nlp.alliance import AllianceSignal
    from empathic.nlp.concerns import Concern
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
    # The MI gold head (signals@2): its likeliest of 15 MITI-derived codes, and the probability
    # that the turn is MI-inconsistent (advise without permission, confront, direct, warn).
    miti_code: str = ""
    mi_inconsistent: float = 0.0
    # No concern shown, but the learned concern head suspects one: no strong ER/IP credit
    # (empathic.nlp.concerns.read_concerns).
    credit_doubted: bool = False


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
    # P(frustration), P(distress) from the client-state head (signals@2); {} in older analyses
    state_probabilities: dict[str, float] = field(default_factory=dict)
    states: tuple[str, ...] = ()  # the states over the head's decision thresholds

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
    mechanism: str  # "er", "ip" or "ex"; "risk" for words of risk to life (no rewrite then)
    what: str  # what was missing, in one sentence
    why: str  # why it matters, in one sentence


@dataclass(frozen=True)
class Suggestion:
    text: str  # the rewritten turn
    adds: tuple[str, ...]  # mechanisms it adds
    source: str  # "library" or "generator"
    levels: dict[str, int]  # its own EPITOME levels after re-scoring


@dataclass(frozen=True)
class ConcernItem:
    """Feedback on one concern; it leads the turn's feedback (empathic.nlp.concerns.vocabulary)."""

    kind: str
    phrase: str  # the turn's words that carry it
    what: str
    why: str
    instead: str


@dataclass(frozen=True)
class Feedback:
    missing: tuple[str, ...]  # mechanisms at level 0 in this turn
    items: tuple[FeedbackItem, ...]
    suggestions: tuple[Suggestion, ...]  # rewrites never keep a phrase that carried a concern
    concerns: tuple[ConcernItem, ...] = ()  # shown before `items`


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
    # MI-inconsistent or harmful behaviours (kind, start, end, score), text order. A turn with one
    # is never credited as empathic: `empathy` then reports ER and IP at 0, and `credit_withheld`
    # names the mechanisms the model had put above 0 (empathic.nlp.concerns.apply_concern_rule).
    concerns: tuple[Concern, ...] = ()
    credit_withheld: tuple[str, ...] = ()
    # Mechanisms raised because the MI head read a confident spoken reflection
    # (empathic.analysis.spoken_credit): ("ip",) or ().
    credit_added: tuple[str, ...] = ()
    # Client turns: where the client turns against the practitioner/service ("confrontation") or
    # pulls out ("withdrawal"), (kind, start, end, score, cue); empathic.nlp.alliance.
    alliance: tuple[AllianceSignal, ...] = ()

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
class QualityPart:
    """One part of the session quality index (empathic/analysis/quality)."""

    name: str  # one of quality.index.PARTS
    value: float | None  # None: undefined in this session (contributes 0)
    contribution: float  # weight x standardised value, in logit units (sums to the index)
    target: float  # where the upper quarter of high-quality AnnoMI sessions begins


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
    # Defaults so a Summary built before the index is known stays valid; the pipeline fills them.
    quality_index: float | None = None  # 0-100, empathic/analysis/quality/QUALITY_INDEX.md
    quality_index_parts: tuple[QualityPart, ...] = ()
    quality_index_grow: str | None = None  # the part whose growth would raise it most
    quality_index_model: str = ""  # quality-index@1.3.1
    # Alliance ruptures and whether they were repaired; the shape is in empathic.analysis.ruptures.
    ruptures: tuple[Rupture, ...] = ()


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
    # The heuristic's confidence in the practitioner and every speaker's score (or "given").
    practitioner_detection: PractitionerDetection | None = None

    @property
    def missed_moments(self) -> list[TurnAnalysis]:
        return [t for t in self.turns if t.missed_empathy]

    @property
    def ruptures(self) -> tuple[Rupture, ...]:
        return self.summary.ruptures

    def to_dict(self) -> dict[str, Any]:
        """The `--json` shape. Ruptures are `summary.ruptures`, a list of {client_turn, kind,
        start, end, score, cue, trigger_turn, trigger_concerns, repaired, repair_turn,
        repair_attempts, repair_moves, client_reengaged, continued_turns} (turn numbers are
        0-based `index`es; see empathic.analysis.ruptures); a client turn's phrases are
        `turns[i].alliance`. Both are empty lists in analyses stored before ruptures existed."""
        data = asdict(self)
        data["summary"]["reflection_to_question"]["rating"] = (
            self.summary.reflection_to_question.rating
        )
        data["summary"]["percent_complex_reflections"]["rating"] = (
            self.summary.percent_complex_reflections.rating
        )
        if self.practitioner_detection is not None:
            data["practitioner_detection"] = self.practitioner_detection.to_dict()
        return data
