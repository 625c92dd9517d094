"""Find the concerns in one practitioner turn, and the rule that a turn with one is never
credited as empathic.

    from empathic.nlp.concerns import detect_concerns, apply_concern_rule
    concerns = detect_concerns("I hear you, but you should have called us sooner.")
    # (Concern(kind='blaming', start=13, end=49, score=0.9),)
    shown, withheld = apply_concern_rule(empathy, concerns)

Two layers: the patterns (patterns.py), and, where the caller has the turn's pooled encoder
features, the learned heads (learned.py). A turn is flagged when a pattern fires (its kind and
span) or, failing that, when the flag head's P(harmful) reaches the bundle's threshold (the kind
head's kind, the best-scoring sentence as span, the probability as score).

Spans are offsets into the turn text exactly as given (curly apostrophes are normalised on a copy
of the same length), so ``text[c.start:c.end]`` is the phrase a report highlights.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from empathic.nlp.concerns.patterns import (
    CLAUSE_BOUNDARY,
    EXTRA_RULES,
    IMPERATIVE_LEAD,
    PERMISSION,
    PRIORITY,
    QUOTED,
    REFLECTION_FRAME,
    RULES,
    SENTENCE,
    STRONG_BOUNDARY,
)

if TYPE_CHECKING:  # learned.py loads onnx-side modules; the patterns alone need none of them
    from collections.abc import Sequence

    import numpy as np

    from empathic.nlp.concerns.learned import ConcernModel
    from empathic.nlp.results import EmpathyScore

MODEL = "concerns@1.4.0"
"""Name@version of the concern layer (patterns and learned heads together), stored beside every
score it produces; the learned bundle's manifest carries the same version, so a change to the
patterns is a new version and a retrain (the heads' settings are selected with the patterns)."""

CREDITED = ("er", "ip")
"""The EPITOME mechanisms a turn with a concern is not credited with: an exploration may still be
one (a blaming "Why didn't you call?" is a question), but warmth and understanding are not."""


@dataclass(frozen=True)
class Concern:
    """One MI-inconsistent or harmful behaviour: text[start:end] carries it."""

    kind: str  # one of empathic.nlp.concerns.vocabulary.KINDS
    start: int
    end: int
    score: float  # 0..1: how reliably this phrase is the behaviour


_TRAILING = re.compile(r"[\s.!?…,;:]+$")


def detect_concerns(
    text: str,
    context: str = "",
    *,
    features: np.ndarray | None = None,
    model: ConcernModel | None = None,
) -> tuple[Concern, ...]:
    """Concerns in a practitioner turn, in text order. ``context`` (what the client said) is
    accepted for the shape of the other scorers: the patterns read the turn alone, and the
    learned heads see the context only through ``features``, the turn's pooled pair features
    (mean_all + mean_response of (context, text), as the analyser computes them). Without
    features or model only the patterns run."""
    return read_concerns(text, context, features=features, model=model)[0]


def read_concerns(
    text: str,
    context: str = "",
    *,
    features: np.ndarray | None = None,
    model: ConcernModel | None = None,
) -> tuple[tuple[Concern, ...], bool]:
    """The concerns (as `detect_concerns`) and whether the turn is *doubted*: no concern shown,
    but the flag head's P(harmful) reaches the bundle's lower doubt threshold. A doubted turn
    gets no strong (2) ER or IP credit (`apply_concern_rule`): showing a concern the head is
    unsure of would flag too many empathic replies, crediting a reply it suspects would praise
    a harmful one ("Look, I don't make the rules" read as an interpretation)."""
    del context
    found = _pattern_concerns(text)
    if found or features is None or model is None:
        return found, False
    (reading,) = model.read(features, [text])
    if reading.probability < model.threshold:
        return (), reading.probability >= model.doubt
    concern = Concern(reading.kind, reading.start, reading.end, round(reading.probability, 3))
    return (concern,), False


PATTERN_CACHE_SIZE = 1024
"""Turns whose pattern reading is kept: a rewrite candidate is read three times (is it worth
scoring, its scoring pass, is it worth showing), and the patterns read the text alone."""


@functools.lru_cache(maxsize=PATTERN_CACHE_SIZE)
def _pattern_concerns(text: str) -> tuple[Concern, ...]:
    norm = text.replace("’", "'").replace("‘", "'")
    quoted = [m.span() for m in QUOTED.finditer(norm)]
    asks_permission = PERMISSION.search(norm) is not None
    hits: list[tuple[int, int, int, float]] = []  # (priority, start, end, score)
    for sentence in SENTENCE.finditer(norm):
        offset, body = sentence.start(), sentence.group()
        for rule in (*RULES, *EXTRA_RULES):
            if rule.permission and asks_permission:
                continue
            for match in rule.pattern.finditer(body):
                start, end = match.span()
                if start == end or _inside(offset + start, quoted):
                    continue
                if rule.imperative and not IMPERATIVE_LEAD.match(
                    body[_last_end(CLAUSE_BOUNDARY, body, start) : start]
                ):
                    continue
                if rule.framed and REFLECTION_FRAME.search(
                    body[_last_end(STRONG_BOUNDARY, body, start) : start]
                ):
                    continue
                end = max(end, _clause_end(body, end))
                hits.append((PRIORITY.index(rule.kind), offset + start, offset + end, rule.score))
    return tuple(sorted(_resolve(hits), key=lambda c: (c.start, c.kind)))


def clear_pattern_cache() -> None:
    """Forget the cached pattern readings (for timing the patterns cold)."""
    _pattern_concerns.cache_clear()


def apply_concern_rule(
    empathy: EmpathyScore, concerns: Sequence[Concern], *, doubted: bool = False
) -> tuple[EmpathyScore, tuple[str, ...]]:
    """The levels to report: with a concern, ER and IP are capped to 0 and their phrases dropped
    (the model's probabilities stay, so the uncapped reading is not lost). Returns the capped
    score and the mechanisms whose credit was withheld (those the model had put above 0).
    A doubted turn (`read_concerns`) without a concern keeps at most weak (1) ER and IP, and
    nothing is reported withheld: it is not a concern, only no reason for strong credit."""
    if not concerns:
        if doubted:
            weak = {
                m: replace(empathy.mechanisms[m], level=1)
                for m in CREDITED
                if empathy.mechanisms[m].level > 1
            }
            return replace(empathy, **weak), ()
        return empathy, ()
    withheld = tuple(m for m in CREDITED if empathy.mechanisms[m].level > 0)
    if not withheld:
        return empathy, ()
    capped = {m: replace(empathy.mechanisms[m], level=0, rationale=()) for m in withheld}
    return replace(empathy, **capped), withheld


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= position < b for a, b in spans)


def _last_end(boundary: re.Pattern[str], body: str, before: int) -> int:
    last = 0
    for match in boundary.finditer(body, 0, before):
        last = match.end()
    return last


def _clause_end(body: str, after: int) -> int:
    """The phrase runs to the end of its clause, trailing punctuation left out."""
    boundary = CLAUSE_BOUNDARY.search(body, after)
    end = boundary.start() if boundary else len(body)
    trimmed = _TRAILING.sub("", body[:end])
    return max(after, len(trimmed))


def _resolve(hits: list[tuple[int, int, int, float]]) -> list[Concern]:
    """Overlapping phrases of one kind merge; of two kinds, the earlier in PRIORITY wins."""
    kept: list[list] = []  # [priority, start, end, score]
    for priority, start, end, score in sorted(hits):
        clash = [k for k in kept if start < k[2] and k[1] < end]
        same = [k for k in clash if k[0] == priority]
        if len(same) == len(clash) and same:
            k = same[0]
            k[1], k[2], k[3] = min(k[1], start), max(k[2], end), max(k[3], score)
        elif not clash:
            kept.append([priority, start, end, score])
    return [Concern(PRIORITY[p], s, e, round(float(sc), 3)) for p, s, e, sc in kept]
