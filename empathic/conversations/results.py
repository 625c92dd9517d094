"""From a conversation analysis to the field values of the rows that store it: pure, no database.

The analysis job computes, these functions map, and ``actions.store_analysis`` writes (with its
audit row): the action knows rows, not the analysis layer's internals.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the analysis layer loads the models' runtime: only the job imports it
    from empathic.analysis.results import ConversationAnalysis, TurnAnalysis


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
