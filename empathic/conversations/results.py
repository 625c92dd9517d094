"""A conversation analysis and the rows that store it, both ways: pure, no queries.

The analysis job computes, ``analysis_rows`` maps, and ``actions.store_analysis`` writes (with its
audit row): the action knows rows, not the analysis layer's internals. ``stored_analysis`` reads
the rows back into the analysis (``ConversationAnalysis.from_dict``), so the page shows a stored
analysis with the reports' own code, never a second reading of the JSON.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

# The typed results only (no model runtime): reading them back needs the classes.
from empathic.analysis.results import (
    Band,
    ConversationAnalysis,
    Summary,
    TurnAnalysis,
    summary_from_dict,
    turn_from_dict,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from empathic.conversations.models import Conversation, ConversationSummary, Turn

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AnalysisRows:
    """What one analysis writes: a ``TurnScore`` per turn (in turn order) and the
    ``ConversationSummary``, both without the keys the action adds (turn, conversation, owner
    organisation, team, practitioner, date), plus what the conversation and audit rows note."""

    turn_scores: tuple[dict[str, Any], ...]
    summary: dict[str, Any]
    model_versions: dict[str, str]
    seconds: float


def _rate(value: float | None) -> float | None:
    return None if value is None else float(value)


def turn_score_fields(result: TurnAnalysis, data: dict[str, Any]) -> dict[str, Any]:
    """A ``TurnScore``'s columns from one turn's analysis; ``data`` is that turn's ``to_dict()``
    entry, stored without its text (the turn row holds the redacted text once)."""
    empathy, client, practitioner = result.empathy, result.client, result.practitioner
    return {
        "er": empathy.er.level if empathy else None,
        "ip": empathy.ip.level if empathy else None,
        "ex": empathy.ex.level if empathy else None,
        "mi_code": practitioner.mi_code if practitioner else "",
        "strategy": practitioner.strategy if practitioner else "",
        "emotion": client.emotions[0].label if client and client.emotions else "",
        "distress": client.distress if client else None,
        "hostility": client.hostility_score if client else None,
        "talk_type": client.talk_type if client else "",
        "missed_empathy": result.missed_empathy,
        "analysis": {key: value for key, value in data.items() if key != "text"},
    }


def summary_fields(analysis: ConversationAnalysis, data: dict[str, Any]) -> dict[str, Any]:
    """A ``ConversationSummary``'s columns; ``data`` is the analysis' ``to_dict()["summary"]``."""
    summary = analysis.summary
    rates = summary.mechanism_rates
    return {
        "practitioner_turns": summary.practitioner_turns,
        "client_turns": summary.client_turns,
        "reflection_to_question": _rate(summary.reflection_to_question.value),
        "percent_complex_reflections": _rate(summary.percent_complex_reflections.value),
        "percent_open_questions": _rate(summary.percent_open_questions),
        "practitioner_talk_share": _rate(summary.practitioner_talk_share),
        "er_rate": float(rates.get("er", 0.0)),
        "ip_rate": float(rates.get("ip", 0.0)),
        "ex_rate": float(rates.get("ex", 0.0)),
        "missed_moments": summary.missed_moments,
        "change_talk": summary.change_talk,
        "sustain_talk": summary.sustain_talk,
        "data": data,
        "warnings": list(analysis.warnings),
    }


def analysis_rows(analysis: ConversationAnalysis) -> AnalysisRows:
    data = analysis.to_dict()
    return AnalysisRows(
        turn_scores=tuple(
            turn_score_fields(result, turn_data)
            for result, turn_data in zip(analysis.turns, data["turns"], strict=True)
        ),
        summary=summary_fields(analysis, data["summary"]),
        model_versions=dict(analysis.models),
        seconds=round(float(analysis.seconds), 2),
    )


_NO_FIGURES = Band(None, 0.0, 0.0)
NO_SUMMARY = Summary(
    **dict.fromkeys(
        ("practitioner_turns", "client_turns", "reflections", "complex_reflections", "questions",
         "open_questions", "missed_moments", "change_talk", "sustain_talk"),
        0,
    ),
    reflection_to_question=_NO_FIGURES,
    percent_complex_reflections=_NO_FIGURES,
    percent_open_questions=None,
    practitioner_talk_share=0.0,
    mechanism_rates={},
    strong_mechanism_rates={},
)  # fmt: skip
"""The summary of an analysis whose summary row is missing: its turns still show."""


def _stored_turn(turn: Turn) -> TurnAnalysis:
    """The turn row (text, speaker, place) with its score's analysis; a turn with no score, or
    one whose stored analysis cannot be read, shows as its text alone, never as an error page."""
    row = {
        "index": turn.index,
        "speaker": turn.speaker,
        "role": turn.role,
        "text": turn.text,
        "start": turn.start,
    }
    score = getattr(turn, "score", None)  # the reverse one-to-one raises when there is none
    if score is not None:
        try:
            return turn_from_dict({**score.analysis, **row})
        except (KeyError, TypeError, ValueError):
            logger.warning("turn %s: stored analysis unreadable, shown without it", turn.pk)
    return TurnAnalysis(**row)


def stored_analysis(
    conversation: Conversation, turns: Iterable[Turn], summary: ConversationSummary | None
) -> ConversationAnalysis:
    """The analysis a conversation's rows hold: its turns (``selectors.report_turns``, with their
    scores) and its summary row. What the rows do not keep (the transcript's file name, the
    seconds it took, how sure the practitioner heuristic was) reads as empty."""
    analysed = tuple(_stored_turn(turn) for turn in turns)
    figures = NO_SUMMARY
    if summary is not None:
        try:
            figures = summary_from_dict(summary.data)
        except (KeyError, TypeError, ValueError):
            logger.warning("conversation %s: stored summary unreadable", conversation.pk)
    return ConversationAnalysis(
        source=conversation.title,
        source_format=conversation.source_format,
        practitioner=next((t.speaker for t in analysed if t.role == "practitioner"), ""),
        clients=tuple(dict.fromkeys(t.speaker for t in analysed if t.role == "client")),
        practitioner_method=conversation.practitioner_method,
        turns=analysed,
        summary=figures,
        models=dict(conversation.model_versions or {}),
        seconds=0.0,
        warnings=tuple(summary.warnings) if summary is not None else (),
    )
