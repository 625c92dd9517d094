"""Typed results of a conversation analysis; `to_dict()` is the `--json` shape (and what the
platform stores), and `ConversationAnalysis.from_dict` reads it back, so a stored analysis is shown
by the same code as a fresh one (the reports, the conversation page)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Any, Literal, TypeVar

# Real imports, not annotation-only: `from_dict` builds these.
from empathic.analysis.ruptures import Rupture
from empathic.analysis.transcripts.confidence import Candidate, PractitionerDetection
from empathic.nlp.alliance import AllianceSignal
from empathic.nlp.concerns import Concern

# The label sets are the datasets' (the heads' classes), re-exported for the analysis layer:
# AnnoMI behaviours and talk types, ESConv strategies (Liu et al. 2021), Davidson et al.'s
# hostility classes, GoEmotions' 27 emotions + neutral (Demszky et al. 2020).
from empathic.nlp.datasets.annomi import BEHAVIOURS
from empathic.nlp.datasets.annomi import TALK_TYPES as TALK_TYPES
from empathic.nlp.datasets.esconv import STRATEGIES as STRATEGIES
from empathic.nlp.datasets.single_text import EMOTIONS as EMOTIONS
from empathic.nlp.datasets.single_text import HOSTILITY as HOSTILITY
from empathic.nlp.results import EmpathyScore, MechanismScore, RationaleSpan

if TYPE_CHECKING:
    from collections.abc import Iterable

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

POSITIVE_EMOTIONS = frozenset(
    {"admiration", "amusement", "approval", "caring", "excitement", "gratitude", "joy", "love",
     "optimism", "pride", "relief"}
)  # fmt: skip
"""GoEmotions' positive labels (the emotion chart's other line); the rest are ambiguous or
neutral (curiosity, desire, realization, surprise, neutral)."""


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ConversationAnalysis:
        """The analysis `to_dict()` (or its JSON) describes: `from_dict(a.to_dict()) == a`.

        Keys added since an analysis was stored take their defaults (an analysis of 2024 has no
        concerns, ruptures or quality index; they read as none), keys derived on the way out (a
        band's rating) are ignored, and a malformed entry in a list of phrases, concerns or
        ruptures is skipped rather than failing the whole analysis. A missing key with no
        default is an error (KeyError or TypeError): that is not an analysis."""
        return _make(
            cls,
            data,
            clients=tuple,
            turns=lambda turns: tuple(turn_from_dict(t) for t in turns),
            summary=summary_from_dict,
            warnings=tuple,
            # Its practitioner and explanation are the analysis' own (pipeline.analyse_transcript).
            practitioner_detection=lambda d: _detection(
                d, data["practitioner"], data["practitioner_method"]
            ),
        )


# Reading `to_dict()` back. The readers follow the dataclasses field by field (`_make`); the
# nested ones name how their values are read.

_T = TypeVar("_T")


def _bad(what: str) -> Any:
    raise TypeError(f"not a stored {what}")


def _make(cls: type[_T], data: Mapping[str, Any], **read: Callable[[Any], Any]) -> _T:
    """`cls` from its `asdict` mapping: keys it does not know are ignored, missing ones take the
    field's default, and `read[name]` converts a nested value (a None stays None)."""
    if not isinstance(data, Mapping):
        _bad(cls.__name__)
    values: dict[str, Any] = {}
    for f in fields(cls):  # type: ignore[arg-type]
        if f.name in data:
            value = data[f.name]
            convert = read.get(f.name)
            values[f.name] = convert(value) if convert is not None and value is not None else value
    return cls(**values)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _ints(
    *names: str, optional: tuple[str, ...] = (), lists: tuple[str, ...] = ()
) -> Callable[[_T], _T]:
    """A check that a record's offsets and turn numbers are whole numbers: the reports slice
    and compare them, so a record with anything else there is refused (and skipped)."""

    def check(record: _T) -> _T:
        ok = (
            all(_is_int(getattr(record, n)) for n in names)
            and all(getattr(record, n) is None or _is_int(getattr(record, n)) for n in optional)
            and all(all(_is_int(v) for v in getattr(record, n)) for n in lists)
        )
        return record if ok else _bad(type(record).__name__)

    return check


def _entries(items: Iterable[Any], read: Callable[[Any], _T]) -> tuple[_T, ...]:
    """Each entry read; a malformed one is skipped so one bad record costs only itself."""
    out = []
    for item in items if isinstance(items, list | tuple) else ():
        try:
            out.append(read(item))
        except (KeyError, TypeError, ValueError):
            continue
    return tuple(out)


_located = _ints("start", "end")  # a phrase, a concern, an alliance signal


def _span(data: Any) -> RationaleSpan:
    return _located(_make(RationaleSpan, data))


def _mechanism(data: Any) -> MechanismScore:
    return _make(
        MechanismScore,
        data,
        probabilities=tuple,
        rationale=lambda spans: _entries(spans, _span),
    )


def _empathy(data: Any) -> EmpathyScore:
    return _make(EmpathyScore, data, er=_mechanism, ip=_mechanism, ex=_mechanism)


def _client(data: Any) -> ClientSignals:
    return _make(
        ClientSignals,
        data,
        emotions=lambda items: tuple(_make(LabelScore, e) for e in items),
        states=tuple,
    )


def _feedback(data: Any) -> Feedback:
    return _make(
        Feedback,
        data,
        missing=tuple,
        items=lambda items: tuple(_make(FeedbackItem, i) for i in items),
        suggestions=lambda items: tuple(_make(Suggestion, s, adds=tuple) for s in items),
        concerns=lambda items: tuple(_make(ConcernItem, c) for c in items),
    )


def _concern(data: Any) -> Concern:
    return _located(_make(Concern, data))


def _alliance(data: Any) -> AllianceSignal:
    return _located(_make(AllianceSignal, data))


def turn_from_dict(data: Mapping[str, Any]) -> TurnAnalysis:
    """One turn of `to_dict()["turns"]` (see `ConversationAnalysis.from_dict`)."""
    return _make(
        TurnAnalysis,
        data,
        empathy=_empathy,
        practitioner=lambda d: _make(PractitionerSignals, d),
        client=_client,
        feedback=_feedback,
        concerns=lambda items: _entries(items, _concern),
        credit_withheld=tuple,
        credit_added=tuple,
        alliance=lambda items: _entries(items, _alliance),
    )


_located_rupture = _ints(
    "client_turn",
    "start",
    "end",
    optional=("trigger_turn", "repair_turn", "client_reengaged"),
    lists=("repair_attempts", "continued_turns"),
)


def _rupture(data: Any) -> Rupture:
    return _located_rupture(
        _make(
            Rupture,
            data,
            trigger_concerns=tuple,
            repair_attempts=tuple,
            repair_moves=tuple,
            continued_turns=tuple,
        )
    )


def summary_from_dict(data: Mapping[str, Any]) -> Summary:
    """`to_dict()["summary"]`, as the platform stores it (see `ConversationAnalysis.from_dict`)."""
    return _make(
        Summary,
        data,
        reflection_to_question=lambda d: _make(Band, d),
        percent_complex_reflections=lambda d: _make(Band, d),
        quality_index_parts=lambda parts: tuple(_make(QualityPart, p) for p in parts),
        ruptures=lambda items: _entries(items, _rupture),
    )


def _detection(
    data: Mapping[str, Any], practitioner: str, explanation: str
) -> PractitionerDetection:
    """`PractitionerDetection.to_dict()` leaves out what the analysis holds beside it."""
    return _make(
        PractitionerDetection,
        {**data, "practitioner": practitioner, "explanation": explanation},
        candidates=lambda items: tuple(_make(Candidate, c) for c in items),
    )
