"""Analyse a transcript: roles, per-turn signals, missed-empathy moments, feedback, summary."""

from __future__ import annotations

import functools
import time
from pathlib import Path

from empathic.analysis.feedback import (
    OpenAICompatibleGenerator,
    SuggestionGenerator,
    build_feedback,
)
from empathic.analysis.miti import summarise
from empathic.analysis.results import ClientSignals, ConversationAnalysis, TurnAnalysis
from empathic.analysis.signals import TurnSignals
from empathic.analysis.transcripts import Transcript, identify_practitioner, parse_file
from empathic.nlp.scorer import load_scorer
from empathic.nlp.signals import load_signals

STRONG_EMOTION = 0.5
"""A client turn whose likeliest negative emotion reaches this probability, or whose hostility
(P(hate) + P(offensive)) does, calls for an empathic answer; a practitioner turn right after it
with neither emotional reaction nor interpretation is a missed moment."""


@functools.cache
def get_analyser(threads: int | None = None) -> TurnSignals:
    """The process-wide analyser (model files load once, ~0.5 s)."""
    scorer = load_scorer(threads=threads)
    return TurnSignals(scorer, load_signals(scorer))


def analyse_file(
    path: str | Path,
    *,
    practitioner: str | None = None,
    suggestions: bool = True,
    analyser: TurnSignals | None = None,
) -> ConversationAnalysis:
    transcript = parse_file(path)
    return analyse_transcript(
        transcript,
        practitioner=practitioner,
        suggestions=suggestions,
        analyser=analyser,
        source=Path(path).name,
    )


def analyse_transcript(
    transcript: Transcript,
    *,
    practitioner: str | None = None,
    suggestions: bool = True,
    analyser: TurnSignals | None = None,
    generator: SuggestionGenerator | None = None,
    source: str = "text",
) -> ConversationAnalysis:
    started = time.perf_counter()
    analyser = analyser or get_analyser()
    practitioner_name, method = identify_practitioner(transcript, practitioner)
    turns = transcript.turns
    roles = ["practitioner" if t.speaker == practitioner_name else "client" for t in turns]
    p_rows = [i for i, r in enumerate(roles) if r == "practitioner"]
    c_rows = [i for i, r in enumerate(roles) if r == "client"]
    answered = {i: _last_client_text(turns, roles, i) for i in p_rows}  # what each turn answers
    p_pairs = [(answered[i], turns[i].text) for i in p_rows]
    c_pairs = [(turns[i - 1].text if i else "", turns[i].text) for i in c_rows]
    p_results = dict(zip(p_rows, analyser.practitioner_turns(p_pairs), strict=True))
    c_results = dict(zip(c_rows, analyser.client_turns(c_pairs), strict=True))
    if suggestions and generator is None:
        generator = OpenAICompatibleGenerator.from_env()
    analysed: list[TurnAnalysis] = []
    last_client: ClientSignals | None = None
    for i, turn in enumerate(turns):
        if roles[i] == "client":
            last_client = c_results[i]
            analysed.append(TurnAnalysis(i, turn.speaker, "client", turn.text, turn.start,
                                         client=last_client))  # fmt: skip
            continue
        empathy, signals = p_results[i]
        previous_client = last_client if i and roles[i - 1] == "client" else None
        feedback = None
        if suggestions:
            feedback = build_feedback(
                client_text=answered[i],
                turn_text=turn.text,
                empathy=empathy,
                client=previous_client,
                rescore=lambda c, r: analyser.scorer.score(context=c, response=r),
                generator=generator,
            )
        analysed.append(TurnAnalysis(
            i, turn.speaker, "practitioner", turn.text, turn.start,
            empathy=empathy, practitioner=signals, feedback=feedback,
            missed_empathy=_missed(previous_client, empathy),
        ))  # fmt: skip
    return ConversationAnalysis(
        source=source,
        source_format=transcript.source_format,
        practitioner=practitioner_name,
        clients=tuple(s for s in transcript.speakers if s != practitioner_name),
        practitioner_method=method,
        turns=tuple(analysed),
        summary=summarise(analysed),
        models=analyser.models,
        seconds=round(time.perf_counter() - started, 3),
        warnings=transcript.warnings,
    )


def _last_client_text(turns, roles: list[str], index: int) -> str:
    """What the practitioner answers: the client's most recent turn before this one."""
    for j in range(index - 1, -1, -1):
        if roles[j] == "client":
            return turns[j].text
    return ""


def _missed(client: ClientSignals | None, empathy) -> bool:
    if client is None or empathy.er.level or empathy.ip.level:
        return False
    strongest = client.strongest_negative
    strong = strongest is not None and strongest.probability >= STRONG_EMOTION
    return strong or client.hostility_score >= STRONG_EMOTION
