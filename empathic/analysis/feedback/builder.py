"""Feedback for a practitioner turn that missed an EPITOME mechanism: what was missing, why it
matters, and rewrites that keep the turn and add the mechanism, each re-scored so a report never
suggests something less empathic than what the practitioner said."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from empathic.analysis.errors import GeneratorError
from empathic.analysis.feedback.generator import SuggestionGenerator
from empathic.analysis.feedback.language import client_feeling, extract_topic
from empathic.analysis.feedback.phrasings import EMOTION_FEELINGS, PHRASINGS, Phrasing
from empathic.analysis.results import ClientSignals, Feedback, FeedbackItem, Suggestion
from empathic.nlp.results import EmpathyScore

logger = logging.getLogger(__name__)

MECHANISMS = ("er", "ip", "ex")
TEMPLATES_PER_MECHANISM = 2
"""Library candidates tried per missing mechanism (and combinations tried for all of them).
Each is re-scored (~5 ms on 2 cores), so this knob sets the cost of feedback: re-scoring is what
makes a full analysis with suggestions ~8x slower than without (see README, bench). Two, not
one, because a phrasing that lands for one client's words may not for another's; three found a
passing suggestion slightly more often at 1.4x the cost."""

Rescore = Callable[[str, str], EmpathyScore]


def gettext_noop(message: str) -> str:
    """Marks a string for translation without translating it here (this package has no Django);
    Django's makemessages collects `gettext_noop` calls, and a view translates the text."""
    return message


_EXPLANATIONS: dict[str, tuple[str, str]] = {
    "er": (
        gettext_noop(
            "The reply did not express warmth, compassion or concern about what the client "
            "is feeling."
        ),
        gettext_noop(
            "When people hear that their feelings matter to you, they feel safe enough to "
            "keep talking, and trust grows."
        ),
    ),
    "ip": (
        gettext_noop(
            "The reply did not show that you understood the client's feelings or experience, "
            "for example by reflecting them back."
        ),
        gettext_noop(
            "A reflection lets the client hear that they were understood and lets them correct "
            "you when you were not."
        ),
    ),
    "ex": (
        gettext_noop(
            "The reply did not invite the client to say more about their experience with an "
            "open question."
        ),
        gettext_noop(
            "Open questions show interest and bring out what matters most to the client, "
            "instead of what you assume matters."
        ),
    ),
}


def explain(mechanism: str) -> tuple[str, str]:
    """(what was missing, why it matters) for one mechanism, in plain words for a practitioner."""
    try:
        return _EXPLANATIONS[mechanism]
    except KeyError:
        raise ValueError(
            f"unknown EPITOME mechanism {mechanism!r}; expected er, ip or ex"
        ) from None


@dataclass(frozen=True)
class _Candidate:
    text: str
    source: str  # "library" or "generator"
    parts: tuple[Phrasing, ...] = ()  # the library phrasings it was composed from


def build_feedback(
    *,
    client_text: str,
    turn_text: str,
    empathy: EmpathyScore,
    client: ClientSignals | None,
    rescore: Rescore,
    generator: SuggestionGenerator | None = None,
    max_suggestions: int = 3,
) -> Feedback | None:
    """Feedback for a turn with at least one mechanism at level 0, else None.

    `rescore(context, response)` scores a candidate rewrite; only candidates at or above the
    original level on every mechanism that also raise a missing one are kept, best first
    (highest total level, then shortest). A failing generator is logged and skipped."""
    original = _levels(empathy)
    missing = tuple(m for m in MECHANISMS if original[m] == 0)
    if not missing:
        return None
    items = tuple(FeedbackItem(m, *explain(m)) for m in missing)
    if max_suggestions <= 0:
        return Feedback(missing=missing, items=items, suggestions=())

    feeling = feeling_word(client_text, client)
    candidates = library_candidates(
        client_text=client_text, turn_text=turn_text, missing=missing, feeling=feeling
    )
    if generator is not None:
        try:
            proposed = generator.suggest(
                client_text=client_text, turn_text=turn_text, missing=missing, emotion=feeling
            )
        except GeneratorError as error:
            logger.warning("suggestion generator failed, using the library only: %s", error)
            proposed = []
        candidates += [_Candidate(t.strip(), "generator") for t in proposed if t and t.strip()]

    slots = _slots(client_text, feeling)
    cache: dict[str, dict[str, int]] = {}

    def assess(candidate: _Candidate) -> tuple[dict[str, int], Suggestion | None]:
        if candidate.text not in cache:  # each distinct text is scored once
            cache[candidate.text] = _levels(rescore(client_text, candidate.text))
        levels = cache[candidate.text]
        adds = tuple(m for m in missing if levels[m] > 0)
        if adds and all(levels[m] >= original[m] for m in MECHANISMS):
            return levels, Suggestion(candidate.text, adds, candidate.source, levels)
        return levels, None

    kept: dict[str, Suggestion] = {}
    for candidate in candidates:
        if candidate.text == turn_text.strip() or candidate.text in kept:
            continue
        levels, suggestion = assess(candidate)
        # The model rarely credits every mechanism in one turn: a combined rewrite with a
        # sentence that did not land is retried without it, and the shorter rewrite replaces
        # it when that passes on its own.
        landed = tuple(p for p in candidate.parts if levels[p.mechanism] > 0)
        if 0 < len(landed) < len(candidate.parts):
            pruned = _Candidate(_compose(turn_text, landed, slots), "library", landed)
            _, shorter = assess(pruned)
            if shorter is not None:
                suggestion = shorter
        if suggestion is not None:
            kept.setdefault(suggestion.text, suggestion)
    return Feedback(
        missing=missing, items=items, suggestions=_best(list(kept.values()), max_suggestions)
    )


def feeling_word(client_text: str, client: ClientSignals | None) -> str | None:
    """The client's own feeling word when they used one, else the detected negative emotion in
    plain words ("nervousness" -> "anxious"), else None."""
    own = client_feeling(client_text)
    if own:
        return own
    strongest = client.strongest_negative if client is not None else None
    return EMOTION_FEELINGS.get(strongest.label) if strongest is not None else None


def library_candidates(
    *, client_text: str, turn_text: str, missing: Sequence[str], feeling: str | None
) -> list[_Candidate]:
    """Rewrites that add each missing mechanism alone, then all of them together: the turn kept
    word for word, with phrasings filled from the client's words placed around it."""
    slots = _slots(client_text, feeling)
    usable = {
        m: _ordered(
            [p for p in PHRASINGS if p.mechanism == m and all(slots[s] for s in p.slots)],
            f"{client_text}\x00{turn_text}\x00{m}",
        )[:TEMPLATES_PER_MECHANISM]
        for m in missing
    }
    combos: list[list[Phrasing]] = [[p] for m in missing for p in usable[m]]
    if len(missing) > 1:
        for i in range(TEMPLATES_PER_MECHANISM):
            combo = [usable[m][i] for m in missing if i < len(usable[m])]
            if len(combo) > 1:
                combos.append(combo)
    return [_Candidate(_compose(turn_text, c, slots), "library", tuple(c)) for c in combos]


def _slots(client_text: str, feeling: str | None) -> dict[str, str | None]:
    return {"feeling": feeling, "topic": extract_topic(client_text)}


def _ordered(phrasings: list[Phrasing], key: str) -> list[Phrasing]:
    """The phrasings rotated by a stable hash of the turn: varied across turns, identical across
    runs (Python's hash() is salted per process, so it would not be reproducible)."""
    if not phrasings:
        return []
    start = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big")
    start %= len(phrasings)
    return phrasings[start:] + phrasings[:start]


def _compose(turn_text: str, combo: Sequence[Phrasing], slots: dict[str, str | None]) -> str:
    before = [_fill(p, slots) for p in combo if p.placement == "before"]
    after = [_fill(p, slots) for p in combo if p.placement == "after"]
    turn = turn_text.strip()
    if after and turn and turn[-1] not in ".!?":
        turn += "."  # the question must start a new sentence; the turn itself stays intact
    return " ".join([*before, turn, *after]).strip()


def _fill(phrasing: Phrasing, slots: dict[str, str | None]) -> str:
    text = phrasing.template.format(**{k: v or "" for k, v in slots.items()})
    return text[:1].upper() + text[1:]


def _best(suggestions: list[Suggestion], limit: int) -> tuple[Suggestion, ...]:
    """Highest total level first, ties to the shorter text; but the best of each different set
    of added mechanisms comes before a second variant of the same set, so a report shows, say,
    a reflection beside a warmer question rather than three near-twins. When the organisation
    configured a generator and one of its rewrites passed, it keeps a place: they asked for it."""
    ranked = sorted(suggestions, key=lambda s: (-sum(s.levels.values()), len(s.text), s.text))
    firsts: dict[tuple[str, ...], Suggestion] = {}
    for suggestion in ranked:
        firsts.setdefault(suggestion.adds, suggestion)
    ordered = list(firsts.values()) + [s for s in ranked if s not in firsts.values()]
    chosen = ordered[:limit]
    if not any(s.source == "generator" for s in chosen):
        generated = [s for s in ordered if s.source == "generator"]
        if generated and chosen:
            chosen[-1] = generated[0]
    return tuple(chosen)


def _levels(score: EmpathyScore) -> dict[str, int]:
    return {m: int(s.level) for m, s in score.mechanisms.items()}
