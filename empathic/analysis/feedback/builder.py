"""Feedback for a practitioner turn: its concerns first, then what this moment called for and
the turn did not do, in this client's words, and rewrites that fix the turn (see rewrites.py),
each re-scored so a report never suggests something less empathic than what was said."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from empathic.analysis.errors import GeneratorError
from empathic.analysis.feedback.language import client_feeling
from empathic.analysis.feedback.phrasings import EMOTION_FEELINGS
from empathic.analysis.feedback.rewrites import (
    PAIN_WORDS,
    Moment,
    called_for,
    candidate_sets,
    compose,
    permission_question,
    read_moment,
)
from empathic.analysis.results import (
    ClientSignals,
    ConcernItem,
    Feedback,
    FeedbackItem,
    Suggestion,
)
from empathic.analysis.spoken_credit import asks_only_closed_questions
from empathic.nlp.concerns import Concern, concern_kind, detect_concerns
from empathic.nlp.concerns.patterns import SENTENCE
from empathic.nlp.i18n import gettext_noop
from empathic.nlp.results import MECHANISMS, EmpathyScore

if TYPE_CHECKING:
    from empathic.analysis.feedback.generator import SuggestionGenerator

logger = logging.getLogger(__name__)

Rescore = Callable[[str, str], EmpathyScore]


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
    adds: tuple[str, ...]  # the mechanisms it was written to add


@dataclass(frozen=True)
class _Plan:
    """What a turn's feedback says, and the library rewrites it would score."""

    original: dict[str, int]
    wanted: tuple[str, ...]
    items: tuple[FeedbackItem, ...]
    concern_items: tuple[ConcernItem, ...]
    concerns: tuple[Concern, ...]
    kept_text: str
    moment: Moment
    candidates: list[_Candidate]
    rewrites: bool  # False: feedback only (no rewrites asked for, or words of risk)


def _plan(
    client_text: str,
    turn_text: str,
    empathy: EmpathyScore,
    client: ClientSignals | None,
    max_suggestions: int,
    concerns: Sequence[Concern] | None,
    doubted: bool = False,
) -> _Plan | None:
    original = _levels(empathy)  # as reported: ER/IP are 0 when the turn has a concern
    missing = tuple(m for m in MECHANISMS if original[m] == 0)
    # None: the caller did not look (a test, a script), so look here; a harm is never kept.
    # The pipeline and practice pass what they found, so no turn is checked twice.
    found = detect_concerns(turn_text, client_text) if concerns is None else tuple(concerns)
    concern_items = tuple(_concern_item(turn_text, c) for c in found)
    # A rewrite keeps the practitioner's words, but never the ones that carried a concern;
    # and of a turn with a concern only its open questions: the sentences around a blaming or
    # commanding one carry the same stance ("There've been police call-outs and you never
    # mentioned him"), and a supervisor would replace the reply, not trim it.
    kept_text = without_concerns(turn_text, found)
    moment = read_moment(client_text, client)
    if found or doubted or moment.angry:
        # The same for a turn the concern layer suspects, and for any turn answering a client
        # angry with the service: a reflection glued in front of "Do you have your lease?"
        # still answers the complaint with the demand it was about.
        kept_text = open_questions_only(kept_text)
    if _stacked_closed_questions(kept_text) and (moment.clause or moment.feeling):
        # "Can you walk there? Is there a friend who could lend you the fare? Could they email
        # it?": the poor practice itself. A supervisor would swap the stack for a reflection
        # of what the client said and one open question (`written` below adds it), not keep it
        # behind a stock sympathy line; with nothing of the client's to say back, it stays.
        kept_text = _without_questions(kept_text)
    key = f"{client_text}\x00{turn_text}"
    if any(c.kind == "advice_without_permission" for c in found) and not moment.declined:
        # The MI-consistent form of the same intent: ask before advising. What followed the
        # advice leans on it ("They can look at the notice"), so it goes too. After a "no",
        # asking again would be pushing, and a client angry with the service needs to be heard
        # before any advice: then the advice just goes.
        kept_text = "" if moment.angry else permission_question(key)
    wanted = called_for(missing, moment, kept_text)
    if found and "ip" not in wanted and moment.spoke and "ip" in missing:
        wanted = tuple(m for m in MECHANISMS if m in {*wanted, "ip"})  # replace it with listening
    written = wanted  # what the rewrites add: what was missing, and what they had to drop
    if "?" in turn_text and "?" not in kept_text and "ex" not in wanted:
        # Its question went with the rest: an open one takes its place, so the rewrite still
        # invites the client to go on (and never scores below the turn on exploration).
        written = (*wanted, *called_for(("ex",), moment, kept_text))
    if not wanted and not found:
        return None
    items = tuple(_item(m, client_text, moment) for m in wanted)
    if moment.danger:
        items = (FeedbackItem("risk", DANGER_WHAT, DANGER_WHY), *items)
    if moment.risk:
        items = (FeedbackItem("risk", RISK_WHAT, RISK_WHY), *items)
    if moment.asked and not moment.risk:
        items = (*items, FeedbackItem("ex", ASKED_WHAT, ASKED_WHY))
    # No template where the practitioner's own words are what the moment needs: risk to life,
    # harm from someone, or a direct question from the client (a phrasing library cannot
    # answer "Are you going to take my kids?", and a reflection in its place dodges it).
    rewrites = max_suggestions > 0 and not (moment.risk or moment.danger or moment.asked)
    candidates = []
    if rewrites:
        candidates = [
            _Candidate(text, "library", adds)
            for adds in candidate_sets(written)
            if (text := compose(kept_text, adds, moment, key)) is not None
        ]
        if found and kept_text and not wanted:
            candidates.append(_Candidate(kept_text, "library", ()))  # the turn without its harm
    return _Plan(original, wanted, items, concern_items, found, kept_text, moment, candidates,
                 rewrites)  # fmt: skip


def _worth_scoring(candidate: _Candidate, turn_text: str, client_text: str) -> bool:
    """Not the turn itself, and no concern the patterns see (never suggest a concern)."""
    return candidate.text != turn_text.strip() and not detect_concerns(candidate.text, client_text)


def rewrite_candidates(
    *,
    client_text: str,
    turn_text: str,
    empathy: EmpathyScore,
    client: ClientSignals | None,
    concerns: Sequence[Concern] | None = None,
    doubted: bool = False,
) -> list[str]:
    """The library rewrites `build_feedback` would score for this turn, so a caller can score
    every turn's candidates in one batched encoder pass first (no generator is asked here)."""
    plan = _plan(client_text, turn_text, empathy, client, 1, concerns, doubted)
    if plan is None:
        return []
    return [c.text for c in plan.candidates if _worth_scoring(c, turn_text, client_text)]


def build_feedback(
    *,
    client_text: str,
    turn_text: str,
    empathy: EmpathyScore,
    client: ClientSignals | None,
    rescore: Rescore,
    generator: SuggestionGenerator | None = None,
    max_suggestions: int = 3,
    concerns: Sequence[Concern] | None = None,
    find_concerns: Callable[[str, str], Sequence[Concern]] | None = None,
    score_context: str | None = None,
    doubted: bool = False,
) -> Feedback | None:
    """Feedback for a turn with a concern or a mechanism this moment called for, else None.

    `rescore(context, response)` scores a candidate rewrite by the same rules as a turn, read
    with `score_context` (the turn's own encoder context; default: the client's text); a
    candidate is kept when it has no concern, stays at or above the original level on every
    mechanism and raises each it adds; best first (highest total level, then shortest). A
    failing generator is logged and skipped. `max_suggestions=0` gives the feedback without
    rewrites (the pipeline rewrites only the turns where it helps most). `doubted`: the concern
    layer suspects the turn (read_concerns), so a rewrite replaces it as it would a concern's."""
    plan = _plan(client_text, turn_text, empathy, client, max_suggestions, concerns, doubted)
    if plan is None:
        return None
    if not plan.rewrites:
        return Feedback(plan.wanted, plan.items, (), plan.concern_items)
    context = client_text if score_context is None else score_context
    candidates = list(plan.candidates)
    if generator is not None and plan.wanted:
        try:
            proposed = generator.suggest(
                client_text=client_text,
                turn_text=plan.kept_text or turn_text,
                missing=plan.wanted,
                emotion=plan.moment.feeling,
            )
        except GeneratorError as error:
            logger.warning("suggestion generator failed, using the library only: %s", error)
            proposed = []
        candidates += [
            _Candidate(t.strip(), "generator", plan.wanted) for t in proposed if t and t.strip()
        ]

    kept: dict[str, Suggestion] = {}
    for candidate in candidates:
        if candidate.text in kept or not _worth_scoring(candidate, turn_text, client_text):
            continue
        levels = _levels(rescore(context, candidate.text))
        if find_concerns is not None and find_concerns(context, candidate.text):
            continue  # ... nor one the learned layer finds (after scoring: same encoder pass)
        # What it adds is what it was written to add and the model then credits; a sentence
        # that happens to be credited for something else is no reason to show it.
        adds = tuple(m for m in candidate.adds if levels[m] > 0)
        # Without an added mechanism, only the turn minus its harm is worth showing.
        harm_removed = bool(plan.concerns) and candidate.source == "library"
        if (adds or harm_removed) and all(levels[m] >= plan.original[m] for m in MECHANISMS):
            kept.setdefault(
                candidate.text, Suggestion(candidate.text, adds, candidate.source, levels)
            )
    return Feedback(
        missing=plan.wanted,
        items=plan.items,
        suggestions=_best(list(kept.values()), max_suggestions),
        concerns=plan.concern_items,
    )


RISK_WHAT = gettext_noop(
    "The client spoke of not wanting to live or of hurting themselves. Ask about it directly "
    "and calmly, stay with it, and follow your service's safety procedure."
)
RISK_WHY = gettext_noop(
    "Asking directly about suicide does not put the idea in someone's head; it tells them they "
    "can talk about it. No rewrite is suggested here: this is a moment for your own words and "
    "your service's risk assessment."
)
ASKED_WHAT = gettext_noop(
    "The client asked you something directly. Answer it honestly and plainly first, even when "
    'the answer is "I don\'t know yet"; then reflect what is behind the question.'
)
ASKED_WHY = gettext_noop(
    "A question that is reflected or deflected instead of answered tells the client they will "
    "not get a straight answer here, and trust goes. No rewrite is suggested: only you know the "
    "honest answer."
)
DANGER_WHAT = gettext_noop(
    "The client spoke of being hurt, threatened or frightened by someone, or of harm to a child "
    "or an adult in their care. Take it seriously: ask what happened and whether they are safe "
    "now, don't minimise it, and follow your service's safeguarding procedure."
)
DANGER_WHY = gettext_noop(
    "People often test the water with a small detail before saying more; a calm, direct "
    "question tells them it is safe to go on. No rewrite is suggested here: this is a moment for "
    "your own words and your service's safeguarding steps."
)
_OPEN_QUESTION = re.compile(
    r"^\s*(what|how|when|where|who|which|tell me|can you tell me|could you tell me)\b", re.I
)
_QUOTE_WORDS = 14
_CLIENT_SENTENCE = re.compile(r"[^.!?]+[.!?]*")


def client_quote(client_text: str) -> str:
    """The client's sentence a supervisor would point to: the one with their feeling or pain,
    else their last, shortened to about fourteen words."""
    sentences = [m.group().strip() for m in _CLIENT_SENTENCE.finditer(client_text)]
    sentences = [s for s in sentences if len(s.split()) >= 2] or sentences
    if not sentences:
        return ""
    painful = (s for s in sentences if client_feeling(s) or PAIN_WORDS.search(s))
    chosen = next(painful, sentences[-1])
    words = chosen.split()
    return chosen if len(words) <= _QUOTE_WORDS else " ".join(words[:_QUOTE_WORDS]) + "…"


def _item(mechanism: str, client_text: str, moment: Moment) -> FeedbackItem:
    """What was missing, naming what the client said; why it matters."""
    quote = client_quote(client_text)
    what, why = explain(mechanism)
    if quote and mechanism == "er":
        what = f"The client said “{quote}”, and the reply showed no warmth or concern about it."
    elif quote and mechanism == "ip":
        feeling = f" and how {moment.feeling} they are" if moment.feeling else ""
        what = f"The reply did not say back what the client told you (“{quote}”){feeling}."
    elif quote and mechanism == "ex":
        what = f"After “{quote}”, the reply did not invite the client to say more."
    return FeedbackItem(mechanism, what, why)


def without_concerns(text: str, concerns: Sequence[Concern]) -> str:
    """The turn without the sentences that carry a concern ("" when every sentence does)."""
    if not concerns:
        return text
    kept = [
        m.group().strip()
        for m in SENTENCE.finditer(text)
        if not any(c.start < m.end() and m.start() < c.end for c in concerns)
    ]
    return " ".join(s for s in kept if s)


_SAFETY_QUESTION = re.compile(
    r"\b(safe|hurt|harm|hit|kill|police|anyone with you|drinking|drunk|taken anything|weapon)\b",
    re.IGNORECASE,
)


def _stacked_closed_questions(text: str) -> bool:
    """Two or more questions, every one plainly closed, none about safety: in a crisis, "Is
    there anyone with you? Have you been drinking?" is the right content in a poor form, and
    dropping it would teach the wrong lesson."""
    return (
        text.count("?") >= 2
        and asks_only_closed_questions(text)
        and not _SAFETY_QUESTION.search(text)
    )


def _without_questions(text: str) -> str:
    kept = (m.group().strip() for m in SENTENCE.finditer(text))
    return " ".join(s for s in kept if s and not s.endswith("?"))


def open_questions_only(text: str) -> str:
    """The open questions of a text ("What happened then?"), in order; "" when it has none."""
    kept = [
        m.group().strip()
        for m in SENTENCE.finditer(text)
        if m.group().strip().endswith("?") and _OPEN_QUESTION.match(m.group())
    ]
    return " ".join(kept)


def _concern_item(turn_text: str, concern: Concern) -> ConcernItem:
    kind = concern_kind(concern.kind)
    phrase = turn_text[concern.start : concern.end]
    return ConcernItem(concern.kind, phrase, kind.what, kind.why, kind.instead)


def feeling_word(client_text: str, client: ClientSignals | None) -> str | None:
    """The client's own feeling word when they used one, else the detected negative emotion in
    plain words ("nervousness" -> "anxious"), else None."""
    own = client_feeling(client_text)
    if own:
        return own
    strongest = client.strongest_negative if client is not None else None
    return EMOTION_FEELINGS.get(strongest.label) if strongest is not None else None


def _best(suggestions: list[Suggestion], limit: int) -> tuple[Suggestion, ...]:
    """A reflection first, then the fewest added parts, then highest total level, ties to the
    shorter text: one move that fits the moment reads as a reply, where reflection + sympathy
    + question stacked on every turn reads as a formula (a blind MI supervisor's most common
    fault). The best of each different set of added mechanisms comes before a second variant of
    the same set, so a report shows, say, a reflection beside a warmer question rather than
    near-twins. When the organisation configured a generator and one of its rewrites passed, it
    keeps a place: they asked for it."""
    ranked = sorted(
        suggestions,
        key=lambda s: (
            "ip" not in s.adds,
            len(s.adds),
            -sum(s.levels.values()),
            len(s.text),
            s.text,
        ),
    )
    firsts: dict[tuple[str, ...], Suggestion] = {}
    for suggestion in ranked:
        firsts.setdefault(suggestion.adds, suggestion)
    ordered: list[Suggestion] = []
    for suggestion in [*firsts.values(), *(s for s in ranked if s not in firsts.values())]:
        # A variant that only adds or drops a stock sentence of one already shown is a
        # near-twin ("They lost your paperwork. What's been the worst of it?" beside the same
        # with "I'm sorry" in the middle): it teaches nothing, so it is not shown.
        if not any(_near_twin(suggestion.text, shown.text) for shown in ordered):
            ordered.append(suggestion)
    chosen = ordered[:limit]
    if not any(s.source == "generator" for s in chosen):
        generated = [s for s in ordered if s.source == "generator"]
        if generated and chosen:
            chosen[-1] = generated[0]
    return tuple(chosen)


def _near_twin(a: str, b: str) -> bool:
    """Whether one text's sentences are all among the other's."""
    first, second = _sentences(a), _sentences(b)
    return first <= second or second <= first


def _sentences(text: str) -> frozenset[str]:
    parts = (m.group().strip().lower() for m in SENTENCE.finditer(text))
    return frozenset(p for p in parts if p)


def _levels(score: EmpathyScore) -> dict[str, int]:
    return {m: int(s.level) for m, s in score.mechanisms.items()}
