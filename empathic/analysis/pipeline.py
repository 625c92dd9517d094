"""Analyse a transcript: roles, per-turn signals, missed-empathy moments, feedback, summary."""

from __future__ import annotations

import functools
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from empathic.analysis.errors import AnalysisTimeout
from empathic.analysis.feedback import (
    OpenAICompatibleGenerator,
    SuggestionGenerator,
    build_feedback,
)
from empathic.analysis.feedback.builder import rewrite_candidates
from empathic.analysis.feedback.language import client_feeling
from empathic.analysis.feedback.selection import rewrite_share, turns_to_rewrite
from empathic.analysis.miti import summarise
from empathic.analysis.quality.index import with_quality_index
from empathic.analysis.results import ClientSignals, ConversationAnalysis, TurnAnalysis
from empathic.analysis.ruptures import with_ruptures
from empathic.analysis.spoken_credit import spoken_levels
from empathic.analysis.transcripts import (
    Limits,
    Transcript,
    Turn,
    check_limits,
    parse_file,
)
from empathic.analysis.transcripts.confidence import detect_practitioner
from empathic.analysis.turn_signals import TurnSignals
from empathic.nlp.alliance import MODEL as ALLIANCE_MODEL
from empathic.nlp.concerns import apply_concern_rule
from empathic.nlp.concerns.learned import load_for_scorer
from empathic.nlp.context import CONTEXT_TURNS, dialogue_context
from empathic.nlp.scorer import load_scorer
from empathic.nlp.signal_heads import load_signals

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

STRONG_EMOTION = 0.5
"""A client turn whose likeliest negative emotion reaches this probability, or whose hostility
(P(hate) + P(offensive)) does, calls for an empathic answer; a practitioner turn right after it
with neither emotional reaction nor interpretation is a missed moment."""

REWRITES_PER_TURN = 2
"""Two rewrites a turn: the best, and one that adds something different; a third was mostly a
near-twin in the supervisor's reading (see the README's judged suggestions)."""

SCORING_CHUNK = 64
"""Turns scored per call between two looks at the time budget (under a second on 2 cores).
Scoring is one pair per encoder call, so chunking changes no level; a probability may move in
its 7th decimal (float rounding in differently padded batches)."""

_T = TypeVar("_T")


@functools.cache
def get_analyser(threads: int | None = None) -> TurnSignals:
    """The process-wide analyser (model files load once, ~0.5 s)."""
    scorer = load_scorer(threads=threads)
    return TurnSignals(scorer, load_signals(scorer), load_for_scorer(scorer))


def analyse_file(
    path: str | Path,
    *,
    practitioner: str | None = None,
    suggestions: bool = True,
    analyser: TurnSignals | None = None,
    limits: Limits | None = None,
) -> ConversationAnalysis:
    transcript = parse_file(path, limits=limits)
    return analyse_transcript(
        transcript,
        practitioner=practitioner,
        suggestions=suggestions,
        analyser=analyser,
        source=Path(path).name,
        limits=limits,
    )


def analyse_transcript(
    transcript: Transcript,
    *,
    practitioner: str | None = None,
    suggestions: bool = True,
    analyser: TurnSignals | None = None,
    generator: SuggestionGenerator | None = None,
    source: str = "text",
    limits: Limits | None = None,
    clock: Callable[[], float] = time.monotonic,
    share: float | None = None,
    roles: Sequence[str] | None = None,
) -> ConversationAnalysis:
    """Raises LimitExceeded for a transcript over `limits` (one stored before they applied)
    and AnalysisTimeout once the analysis runs past `limits.max_seconds`.

    `roles`, when the caller already knows them (the platform stores each turn's role), gives
    each turn's role ("practitioner" or "client") instead of deriving them from the
    practitioner's speaker name; `practitioner` then only names the practitioner in the result."""
    started = time.perf_counter()
    limits = limits or Limits()
    check_limits(transcript, limits)
    budget = _Budget(limits.max_seconds, clock, total=len(transcript.turns))
    analyser = analyser or get_analyser()
    detection = detect_practitioner(transcript, practitioner)  # who, and how sure
    practitioner_name, method = detection.practitioner, detection.explanation
    turns = transcript.turns
    if roles is None:
        roles = ["practitioner" if t.speaker == practitioner_name else "client" for t in turns]
    elif len(roles) != len(turns) or not set(roles) <= {"practitioner", "client"}:
        raise ValueError("roles: one of 'practitioner' or 'client' for each turn")
    p_rows = [i for i, r in enumerate(roles) if r == "practitioner"]
    c_rows = [i for i, r in enumerate(roles) if r == "client"]
    answered = {i: _last_client_text(turns, roles, i) for i in p_rows}  # what each turn answers
    # Every turn is read with the turns before it, as the encoder was trained; `answered`
    # stays the client text feedback and missed moments refer to.
    contexts = encoder_contexts(turns)
    p_pairs = [(contexts[i], turns[i].text) for i in p_rows]
    c_pairs = [(contexts[i], turns[i].text) for i in c_rows]
    # Concerns come with the turn's encoder pass: the learned heads read its pooled features.
    p_scored = _in_chunks(analyser.practitioner_turns_with_concerns, p_pairs, budget, done=0)
    c_scored = _in_chunks(analyser.client_turns, c_pairs, budget, done=len(p_pairs))
    p_results = dict(zip(p_rows, p_scored, strict=True))
    c_results = dict(zip(c_rows, c_scored, strict=True))
    budget.scored = True
    if suggestions and generator is None:
        generator = OpenAICompatibleGenerator.from_env()
    analysed: list[TurnAnalysis] = []
    feedback_inputs: dict[int, tuple] = {}
    last_client: ClientSignals | None = None
    for i, turn in enumerate(turns):
        if roles[i] == "client":
            last_client = c_results[i]
            analysed.append(TurnAnalysis(i, turn.speaker, "client", turn.text, turn.start,
                                         client=last_client))  # fmt: skip
            continue
        budget.check(i)
        empathy, signals, concerns = p_results[i]
        # A confident spoken reflection is an interpretation (see spoken_credit); concerns come
        # after it, so a harmful turn is reported without ER/IP credit everywhere after this.
        empathy, added = spoken_levels(empathy, signals, turn.text)
        empathy, withheld = apply_concern_rule(empathy, concerns, doubted=signals.credit_doubted)
        added = () if withheld else added
        previous_client = last_client if i and roles[i - 1] == "client" else None
        feedback_inputs[i] = (previous_client, empathy, concerns)
        feedback = None
        analysed.append(TurnAnalysis(
            i, turn.speaker, "practitioner", turn.text, turn.start,
            empathy=empathy, practitioner=signals, feedback=feedback,
            missed_empathy=_missed(previous_client, empathy, answered[i]),
            concerns=concerns, credit_withheld=withheld, credit_added=added,
        ))  # fmt: skip
    analysed, ruptures = with_ruptures(analysed)  # client turns get their alliance signals
    if suggestions:
        # The practitioner turns that caused a rupture or talked past it come before the
        # weakest others when rewrites are handed out.
        around = {r.trigger_turn for r in ruptures if r.trigger_turn is not None}
        around |= {i for r in ruptures for i in r.continued_turns}
        analysed = _with_feedback(
            analysed, feedback_inputs, answered, {i: contexts[i] for i in p_rows}, analyser,
            generator, rewrite_share(share), budget, around,
        )  # fmt: skip
    return ConversationAnalysis(
        source=source,
        source_format=transcript.source_format,
        practitioner=practitioner_name,
        clients=tuple(s for s in transcript.speakers if s != practitioner_name),
        practitioner_method=method,
        turns=tuple(analysed),
        summary=replace(with_quality_index(summarise(analysed), analysed), ruptures=ruptures),
        models={**analyser.models, "alliance": ALLIANCE_MODEL},
        seconds=round(time.perf_counter() - started, 3),
        warnings=transcript.warnings,
        practitioner_detection=detection,
    )


def encoder_contexts(turns: Sequence[Turn]) -> list[str]:
    """What each turn is read with: the turns before it (empathic.nlp.context), as the encoder
    was trained."""
    return [
        dialogue_context([t.text for t in turns[max(0, i - CONTEXT_TURNS) : i]])
        for i in range(len(turns))
    ]


def _with_feedback(
    analysed: list[TurnAnalysis],
    inputs: dict[int, tuple],
    answered: dict[int, str],
    contexts: dict[int, str],
    analyser: TurnSignals,
    generator: SuggestionGenerator | None,
    share: float,
    budget: _Budget,
    after_ruptures: set[int],
) -> list[TurnAnalysis]:
    """Every practitioner turn's feedback, and rewrites for the turns where they help most
    (feedback/selection.py); rewrites are scored by the same rules as the turns themselves,
    read in the turn's own context, every chosen turn's library rewrites in one batched pass."""

    scored: dict[tuple[str, str], tuple] = {}  # (context, rewrite) -> its scoring pass

    def score_all(pairs: list[tuple[str, str]]) -> None:
        pairs = list(dict.fromkeys(p for p in pairs if p not in scored))
        for pair, result in zip(
            pairs, analyser.practitioner_turns_with_concerns(pairs), strict=True
        ):
            scored[pair] = result

    def rescore(context: str, response: str):
        if (context, response) not in scored:  # a generator's proposal: scored on its own
            score_all([(context, response)])
        empathy, signals, _ = scored[(context, response)]
        empathy = spoken_levels(empathy, signals, response)[0]
        return apply_concern_rule(empathy, (), doubted=signals.credit_doubted)[0]

    def find_concerns(context: str, response: str):
        if (context, response) not in scored:
            score_all([(context, response)])
        return scored[(context, response)][2]

    def feedback_for(index: int, limit: int):
        client, empathy, concerns = inputs[index]
        return build_feedback(
            client_text=answered[index], turn_text=analysed[index].text, empathy=empathy,
            client=client, rescore=rescore, generator=generator, max_suggestions=limit,
            concerns=concerns, find_concerns=find_concerns, score_context=contexts[index],
            doubted=_doubted(analysed[index]),
        )  # fmt: skip

    plain = {index: feedback_for(index, 0) for index in inputs}
    chosen = turns_to_rewrite(analysed, plain, share=share, after_ruptures=after_ruptures)
    pending = []
    for index in chosen:
        client, empathy, concerns = inputs[index]
        texts = rewrite_candidates(
            client_text=answered[index], turn_text=analysed[index].text, empathy=empathy,
            client=client, concerns=concerns, doubted=_doubted(analysed[index]),
        )  # fmt: skip
        pending += [(contexts[index], text) for text in texts]
    for begin in range(0, len(pending), SCORING_CHUNK):
        budget.check(min(chosen))
        score_all(pending[begin : begin + SCORING_CHUNK])
    rewritten = {}
    for index in chosen:
        budget.check(index)
        rewritten[index] = feedback_for(index, REWRITES_PER_TURN)
    return [
        replace(turn, feedback=rewritten.get(turn.index, plain.get(turn.index)))
        if turn.role == "practitioner"
        else turn
        for turn in analysed
    ]


class _Budget:
    """The time one analysis may take; `check` raises AnalysisTimeout once it is spent."""

    def __init__(self, seconds: float | None, clock: Callable[[], float], *, total: int):
        self.seconds, self.clock, self.total = seconds, clock, total
        self.deadline = None if seconds is None else clock() + seconds
        self.scored = False

    def check(self, done: int) -> None:
        if self.deadline is None or self.clock() <= self.deadline:
            return
        minutes = self.seconds / 60
        shown = f"{minutes:g} minutes" if minutes >= 1 else f"{self.seconds:g} seconds"
        step = "writing feedback" if self.scored else "scoring turns"
        raise AnalysisTimeout(
            f"the analysis ran past its time budget of {shown} and was stopped ({step}, "
            f"{done:,} of {self.total:,} turns done); split the transcript into shorter parts",
            budget=self.seconds,
            done=done,
            total=self.total,
        )


def _in_chunks(
    score: Callable[[Sequence[tuple[str, str]]], list[_T]],
    pairs: list[tuple[str, str]],
    budget: _Budget,
    *,
    done: int,
) -> list[_T]:
    """`score(pairs)`, SCORING_CHUNK pairs at a time, looking at the budget before each."""
    results: list[_T] = []
    for begin in range(0, len(pairs), SCORING_CHUNK):
        budget.check(done + begin)
        results.extend(score(pairs[begin : begin + SCORING_CHUNK]))
    return results


def _doubted(turn: TurnAnalysis) -> bool:
    return turn.practitioner is not None and turn.practitioner.credit_doubted


def _last_client_text(turns, roles: Sequence[str], index: int) -> str:
    """What the practitioner answers: the client's most recent turn before this one."""
    for j in range(index - 1, -1, -1):
        if roles[j] == "client":
            return turns[j].text
    return ""


def _missed(client: ClientSignals | None, empathy, client_text: str = "") -> bool:
    """`empathy` is the reported score: after a concern its ER/IP are 0, so a harmful reply to a
    strong emotion is a missed (harmful) moment. Strong: the emotion head's likeliest negative
    emotion or hostility at STRONG_EMOTION, or a feeling word in the client's own words (the
    heads misread much of speech; "I'm so angry" is not ambiguous)."""
    if client is None or empathy.er.level or empathy.ip.level:
        return False
    strongest = client.strongest_negative
    strong = strongest is not None and strongest.probability >= STRONG_EMOTION
    return strong or client.hostility_score >= STRONG_EMOTION or bool(client_feeling(client_text))
