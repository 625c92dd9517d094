"""Per-turn signals from the shared encoder: EPITOME + MI + strategy for practitioner turns,
emotions + distress + hostility + talk type for client turns.

Every turn is encoded once, as the pair (the turns before it, turn) (empathic.nlp.context), and
every head of its role reads that pass.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from empathic.analysis.results import (
    EMOTIONS,
    HOSTILITY,
    MI_BEHAVIOURS,
    STRATEGIES,
    TALK_TYPES,
    ClientSignals,
    LabelScore,
    PractitionerSignals,
)
from empathic.nlp.concerns import Concern, read_concerns
from empathic.nlp.datasets.mi_gold import MI_INCONSISTENT
from empathic.nlp.signal_heads import SignalModel, dense_features

if TYPE_CHECKING:
    from collections.abc import Sequence

    from empathic.nlp.concerns.learned import ConcernModel
    from empathic.nlp.results import EmpathyScore
    from empathic.nlp.scorer import EmpathyScorer

SUBTYPE_CODES = {
    ("reflection", "simple"): "simple_reflection",
    ("reflection", "complex"): "complex_reflection",
    ("question", "open"): "open_question",
    ("question", "closed"): "closed_question",
    ("therapist_input", "information"): "information",
    ("therapist_input", "advice"): "advice",
    # MITI counts offering options as (permissioned) advice-giving, and goal negotiation has no
    # code of its own in our list.
    ("therapist_input", "options"): "advice",
    ("therapist_input", "negotiation"): "other",
}
AFFIRMING_STRATEGY = "Affirmation and Reassurance"
"""AnnoMI has no affirmation label; an "other" turn the strategy head reads as affirming is one."""

Pair = tuple[str, str]
REFLECTIONS = ("simple_reflection", "complex_reflection")
MI_INCONSISTENT_AT = 0.5
"""P(advise without permission + confront + direct + warn) from the MI gold head at which a turn
read as a reflection is not coded one."""


class TurnSignals:
    def __init__(
        self, scorer: EmpathyScorer, signals: SignalModel, concerns: ConcernModel | None = None
    ) -> None:
        self.scorer = scorer
        self.signals = signals
        self.concerns = concerns  # the learned concern heads; None: patterns alone

    @property
    def models(self) -> dict[str, str]:
        models = {"epitome": self.scorer.model, "signals": self.signals.model}
        if self.concerns is not None:
            models["concerns"] = self.concerns.model
        return models

    def practitioner_turns(
        self, pairs: Sequence[Pair]
    ) -> list[tuple[EmpathyScore, PractitionerSignals]]:
        """(context, turn) pairs -> EPITOME score and MI/strategy signals, in input order."""
        return [(score, signals) for score, signals, _ in self._practitioner(pairs, False)]

    def practitioner_turns_with_concerns(
        self, pairs: Sequence[Pair]
    ) -> list[tuple[EmpathyScore, PractitionerSignals, tuple[Concern, ...]]]:
        """As `practitioner_turns`, with each turn's concerns: the patterns, and the learned
        heads over the same encoder pass (empathic.nlp.concerns.read_concerns); a doubted turn is
        marked in its signals (`credit_doubted`)."""
        return self._practitioner(pairs, True)

    def practitioner_turn_with_concerns(
        self, context: str, text: str
    ) -> tuple[EmpathyScore, PractitionerSignals, tuple[Concern, ...]]:
        return self._practitioner([(context, text)], True)[0]

    def _practitioner(
        self, pairs: Sequence[Pair], with_concerns: bool
    ) -> list[tuple[EmpathyScore, PractitionerSignals, tuple[Concern, ...]]]:
        if not pairs:
            return []
        scores, pooled = self.scorer.score_with_features(pairs)
        dense = dense_features(pooled)
        fields = [{"text": text, "context": context} for context, text in pairs]
        behaviour = self.signals.head("therapist_behaviour").predict_proba(dense, fields)
        strategy = self.signals.head("strategy").predict_proba(dense, fields)
        subtypes = {
            name: self.signals.head(f"{name}_subtype").predict_proba(dense, fields)
            for name in ("reflection", "question", "therapist_input")
        }
        miti_head = self.signals.heads.get("mi_code")  # signals@2 and later
        miti = None if miti_head is None else miti_head.predict_proba(dense, fields)
        labels = miti_head.labels if miti_head is not None else ()
        inconsistent = [i for i, code in enumerate(labels) if code in MI_INCONSISTENT]
        out = []
        for row, score in enumerate(scores):
            main = MI_BEHAVIOURS[int(np.argmax(behaviour[row]))]
            best_strategy = STRATEGIES[int(np.argmax(strategy[row]))]
            context, text = pairs[row]
            concerns, doubted = (
                read_concerns(text, context, features=dense[row], model=self.concerns)
                if with_concerns
                else ((), False)
            )
            code = self._mi_code(main, best_strategy, subtypes, row)
            against = 0.0 if miti is None else float(miti[row, inconsistent].sum())
            if code in REFLECTIONS and (concerns or against >= MI_INCONSISTENT_AT):
                # "You should have called us sooner" has a reflection's shape; a turn that
                # blames, directs or warns is never credited as a reflection, here or in MITI.
                code = "other"
            out.append((score, PractitionerSignals(
                mi_behaviour=main,
                mi_code=code,
                miti_code="" if miti is None else miti_head.labels[int(np.argmax(miti[row]))],
                mi_inconsistent=round(against, 4),
                credit_doubted=doubted,
                mi_probabilities=_named(MI_BEHAVIOURS, behaviour[row]),
                strategy=best_strategy,
                strategy_probabilities=_named(STRATEGIES, strategy[row]),
            ), concerns))  # fmt: skip
        return out

    def practitioner_turn(
        self, context: str, text: str
    ) -> tuple[EmpathyScore, PractitionerSignals]:
        return self.practitioner_turns([(context, text)])[0]

    def _mi_code(self, main: str, strategy: str, subtypes: dict, row: int) -> str:
        if main == "other":
            return "affirmation" if strategy == AFFIRMING_STRATEGY else "other"
        head = self.signals.head(f"{main}_subtype")
        subtype = head.labels[int(np.argmax(subtypes[main][row]))]
        return SUBTYPE_CODES[(main, subtype)]

    def client_turns(self, pairs: Sequence[Pair]) -> list[ClientSignals]:
        """(context, client turn) pairs -> client signals, in input order."""
        if not pairs:
            return []
        dense = dense_features(self.scorer.features(list(pairs)))
        fields = [{"text": text, "context": context} for context, text in pairs]
        emotion_head = self.signals.head("emotion")
        emotions = emotion_head.predict_proba(dense, fields)
        thresholds = emotion_head.thresholds
        hostility = self.signals.head("hostility").predict_proba(dense, fields)
        talk = self.signals.head("client_talk_type").predict_proba(dense, fields)
        state_head = self.signals.heads.get("client_state")  # signals@2 and later
        states = None if state_head is None else state_head.predict_proba(dense, fields)
        reactions_head = self.signals.head("reactions")
        reactions = reactions_head.predict(dense, fields)
        distress_column = reactions_head.labels.index("distress")
        out = []
        for row in range(len(pairs)):
            out.append(ClientSignals(
                emotions=_emotions(emotions[row], thresholds),
                emotion_probabilities=_named(EMOTIONS, emotions[row]),
                distress=round(float(reactions[row, distress_column]), 2),
                hostility=HOSTILITY[int(np.argmax(hostility[row]))],
                hostility_probabilities=_named(HOSTILITY, hostility[row]),
                talk_type=TALK_TYPES[int(np.argmax(talk[row]))],
                talk_type_probabilities=_named(TALK_TYPES, talk[row]),
                state_probabilities=(
                    {} if states is None else _named(state_head.labels, states[row])
                ),
                states=() if states is None else _heard(state_head, states[row]),
            ))  # fmt: skip
        return out


def _heard(head, proba: np.ndarray) -> tuple[str, ...]:
    """The labels of a sigmoid head over their decision thresholds (chosen at training)."""
    thresholds = head.thresholds if head.thresholds is not None else np.full(len(proba), 0.5)
    return tuple(
        label for label, p, t in zip(head.labels, proba, thresholds, strict=True) if p >= t
    )


def _named(labels: Sequence[str], values: np.ndarray) -> dict[str, float]:
    return {label: round(float(v), 4) for label, v in zip(labels, values, strict=True)}


def _emotions(proba: np.ndarray, thresholds: np.ndarray | None) -> tuple[LabelScore, ...]:
    """Labels over their threshold, most likely first; the single likeliest when none is."""
    chosen = np.flatnonzero(proba >= thresholds) if thresholds is not None else []
    if not len(chosen):
        chosen = [int(np.argmax(proba))]
    ordered = sorted(chosen, key=lambda j: -proba[j])
    return tuple(LabelScore(EMOTIONS[j], round(float(proba[j]), 4)) for j in ordered)
