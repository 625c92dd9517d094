"""Read one client turn for confrontation and withdrawal, and one practitioner turn for repair.

    from empathic.nlp.alliance import detect_alliance_signals, HeadReadings
    detect_alliance_signals("Are you kidding me? Don't put this on me.")
    # (AllianceSignal(kind='confrontation', start=0, end=18, score=0.7, cue='incredulous'),
    #  AllianceSignal(kind='confrontation', start=20, end=41, score=0.85, cue='blame_back'))

Why patterns first: the trained client heads miss what a practitioner needs to see. The
hostility head learned hate speech from tweets and scores "Are you kidding me? Don't put this on
me" 0.02; the emotion head hears annoyance, but as often in anger at a landlord as at the
practitioner. So a phrase aimed at the practitioner or the service carries the signal, and the
heads' readings (`HeadReadings`) only move its score: anger or annoyance raises a confrontation,
positive feeling lowers a flat reply ("Fine, thanks!"), and a high hostility reading in a turn that
addresses "you" is a confrontation even without a known phrase.

Spans are offsets into the text exactly as given (curly apostrophes are normalised on a copy of the
same length), so ``text[s.start:s.end]`` is the phrase a report highlights.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import TYPE_CHECKING

from empathic.nlp.alliance.patterns import (
    ADDRESS,
    NEGATED,
    QUOTED,
    REPAIR,
    REPORTED,
    RULES,
    SENTENCE,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

MODEL = "alliance@1.0.0"
"""Name@version of this pattern layer, stored beside every analysis that uses it."""

KINDS = ("confrontation", "withdrawal")
SIGNAL_THRESHOLD = 0.5
"""A signal at or above this score is reported (and can open a rupture)."""

WHOLE_TURN_WORDS = 6  # a "Fine." or "I guess." rule fires only on a turn this short
FLAT_WORDS = 3  # a reply this short may be flat, after longer ones
FLAT_BASELINE = 10  # ... when the client's earlier turns had at least this many words (median)
HOSTILITY_ADDRESSED = 0.6  # P(hate)+P(offensive) that counts when the turn addresses "you"
POSITIVE_DAMPING = 0.5  # a flat reply the emotion head reads as warm is rarely withdrawal


@dataclass(frozen=True)
class HeadReadings:
    """What the trained client heads said about the turn (probabilities 0..1), when known."""

    anger: float = 0.0  # max(anger, annoyance)
    disapproval: float = 0.0
    positive: float = 0.0  # max of the warm emotions (gratitude, joy, relief, ...)
    hostility: float = 0.0  # P(hate) + P(offensive)


@dataclass(frozen=True)
class AllianceSignal:
    """The client turns against the practitioner/service (confrontation) or pulls out
    (withdrawal); text[start:end] carries it."""

    kind: str  # one of KINDS
    start: int
    end: int
    score: float  # 0..1
    cue: str  # which rule fired (patterns.py), or "flat_reply" / "hostility_head"


@dataclass(frozen=True)
class RepairMove:
    """A practitioner phrase that repairs a rupture: text[start:end] carries it."""

    move: str  # apology | acknowledgement | reflection | autonomy
    start: int
    end: int


def detect_alliance_signals(
    text: str,
    *,
    earlier_words: Sequence[int] = (),
    answers_closed_question: bool = False,
    heads: HeadReadings | None = None,
) -> tuple[AllianceSignal, ...]:
    """Signals at or above SIGNAL_THRESHOLD in one client turn, in text order.

    ``earlier_words``: word counts of the client's earlier turns (most recent last), for "a very
    short flat reply after longer ones"; ``answers_closed_question``: the practitioner's turn
    before was a closed question, to which a short answer is the expected one.
    """
    heads = heads or HeadReadings()
    norm = text.replace("’", "'").replace("‘", "'")
    words = len(text.split())
    quoted = [m.span() for m in QUOTED.finditer(norm)]
    baseline = statistics.median(earlier_words[-5:]) if earlier_words else 0.0
    found: list[AllianceSignal] = []
    for sentence in SENTENCE.finditer(norm):
        offset, body = sentence.start(), sentence.group()
        for rule in RULES:
            if rule.whole_turn:
                continue
            for match in rule.pattern.finditer(body):
                start, end = offset + match.start(), offset + match.end()
                if start == end or any(a <= start < b for a, b in quoted):
                    continue
                before = norm[offset:start]  # reported or negated in the same sentence
                if REPORTED.search(before) or NEGATED.search(before):
                    continue
                score = _score(rule.kind, rule.score, heads, baseline=baseline)
                if score >= SIGNAL_THRESHOLD:
                    found.append(AllianceSignal(rule.kind, start, end, score, rule.cue))
    if words <= WHOLE_TURN_WORDS:  # "Fine." is a flat reply; "fine print" in a sentence is not
        lead = len(norm) - len(norm.lstrip())
        stripped = norm.strip()
        for rule in RULES:
            if rule.whole_turn and rule.pattern.search(stripped):
                score = _score(rule.kind, rule.score, heads, baseline=baseline)
                if score >= SIGNAL_THRESHOLD:
                    span = (lead, lead + len(stripped))
                    found.append(AllianceSignal(rule.kind, *span, score, rule.cue))
                break
    found = _dedupe(found)
    if not any(s.kind == "confrontation" for s in found):
        found += _hostile_address(norm, heads)
    if not found and not answers_closed_question:
        found += _flat_reply(norm, words, baseline, heads)
    return tuple(sorted(found, key=lambda s: (s.start, s.kind)))


def detect_repair_moves(text: str) -> tuple[RepairMove, ...]:
    """Phrases in a practitioner turn that own, apologise for or reflect the client's reaction,
    or hand the choice back; text order. The analysis adds reflections the EPITOME model
    credits."""
    norm = text.replace("’", "'").replace("‘", "'")
    moves = [
        RepairMove(rule.move, m.start(), m.end())
        for rule in REPAIR
        for m in rule.pattern.finditer(norm)
        if m.end() > m.start()
    ]
    return tuple(sorted(moves, key=lambda m: (m.start, m.move)))


def _score(kind: str, base: float, heads: HeadReadings, *, baseline: float) -> float:
    if kind == "confrontation":
        # The heads confirm what the phrase says; they never create it (see the module note).
        score = base + 0.15 * max(heads.anger, heads.disapproval) + 0.1 * heads.hostility
        if heads.positive >= 0.6:  # "you people have been amazing"
            score *= POSITIVE_DAMPING
    else:
        score = base + (0.1 if baseline >= FLAT_BASELINE else 0.0)
        if heads.positive >= 0.5:
            score *= POSITIVE_DAMPING
    return round(min(score, 0.99), 3)


def _hostile_address(norm: str, heads: HeadReadings) -> list[AllianceSignal]:
    """Abuse the patterns do not list ("you're a joke, mate") still reads hostile to the head
    trained on it; it counts only when the turn speaks to "you"."""
    if heads.hostility < HOSTILITY_ADDRESSED:
        return []
    for sentence in SENTENCE.finditer(norm):
        body = sentence.group()
        if ADDRESS.search(body) and not REPORTED.search(body):
            start = sentence.start() + len(body) - len(body.lstrip())
            end = sentence.start() + len(body.rstrip())
            score = round(min(0.99, 0.85 * heads.hostility), 3)
            if score >= SIGNAL_THRESHOLD:
                return [AllianceSignal("confrontation", start, end, score, "hostility_head")]
    return []


def _flat_reply(
    norm: str, words: int, baseline: float, heads: HeadReadings
) -> list[AllianceSignal]:
    """A reply of a few words after long ones: the client has stopped offering anything. Weak on
    its own (a short answer is often just an answer), so it needs a long baseline."""
    stripped = norm.strip()
    if not stripped or words > FLAT_WORDS or baseline < FLAT_BASELINE or "?" in stripped:
        return []
    score = 0.35 + 0.25 * min(1.0, (baseline - FLAT_BASELINE) / 10)
    if heads.positive >= 0.5:
        score *= POSITIVE_DAMPING
    if score < SIGNAL_THRESHOLD:
        return []
    lead = len(norm) - len(norm.lstrip())
    return [AllianceSignal("withdrawal", lead, lead + len(stripped), round(score, 3), "flat_reply")]


def _dedupe(signals: list[AllianceSignal]) -> list[AllianceSignal]:
    """Overlapping spans of one kind become one, with the higher score (and its cue)."""
    out: list[AllianceSignal] = []
    for signal in sorted(signals, key=lambda s: (s.kind, s.start, -s.score)):
        last = out[-1] if out else None
        if last and last.kind == signal.kind and signal.start < last.end:
            best = last if last.score >= signal.score else signal
            out[-1] = AllianceSignal(
                best.kind, last.start, max(last.end, signal.end), best.score, best.cue
            )
        else:
            out.append(signal)
    return out
