"""`ConversationAnalysis.from_dict` reads back what `to_dict()` wrote (the `--json` shape and what
the platform stores), exactly, and reads older stored analyses that lack the newer keys."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from empathic.analysis.pipeline import analyse_file
from empathic.analysis.report.common import highlight_segments
from empathic.analysis.report.ruptures import rupture_views
from empathic.analysis.results import ConversationAnalysis, TurnAnalysis

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "session.txt"


@pytest.fixture(scope="module")
def analysis() -> ConversationAnalysis:
    return analyse_file(SAMPLE)


def test_the_sample_round_trips_exactly(analysis: ConversationAnalysis):
    data = analysis.to_dict()
    back = ConversationAnalysis.from_dict(data)
    assert back == analysis
    assert back.to_dict() == data
    # The sample has what the newer keys hold, so the round trip covers them.
    assert analysis.ruptures and any(t.concerns for t in analysis.turns)
    assert analysis.summary.quality_index is not None and analysis.practitioner_detection


def test_the_stored_json_round_trips_exactly(analysis: ConversationAnalysis):
    """Through JSON, as the platform's JSONField holds it: lists where tuples were."""
    stored = json.loads(json.dumps(analysis.to_dict()))
    back = ConversationAnalysis.from_dict(stored)
    assert back == analysis
    assert json.loads(json.dumps(back.to_dict())) == stored


def _older(data: dict) -> dict:
    """The analysis as a version before concerns, ruptures, alliance signals, the signals@2
    heads, spoken credit, the quality index and the practitioner's detection would store it."""
    old = copy.deepcopy(data)
    old.pop("practitioner_detection")
    old.pop("warnings")
    summary = old["summary"]
    for key in (
        "ruptures",
        "quality_index",
        "quality_index_parts",
        "quality_index_grow",
        "quality_index_model",
    ):
        summary.pop(key)
    for turn in old["turns"]:
        for key in ("concerns", "credit_withheld", "credit_added", "alliance"):
            turn.pop(key)
        for key in ("miti_code", "mi_inconsistent", "credit_doubted"):
            (turn["practitioner"] or {}).pop(key, None)
        for key in ("state_probabilities", "states"):
            (turn["client"] or {}).pop(key, None)
        if turn["feedback"]:
            turn["feedback"].pop("concerns")
    return old


def test_an_older_analysis_without_the_newer_keys_reads_with_their_defaults(analysis):
    back = ConversationAnalysis.from_dict(_older(analysis.to_dict()))
    assert back.ruptures == () and back.summary.quality_index is None
    assert back.practitioner_detection is None and back.warnings == ()
    for turn, original in zip(back.turns, analysis.turns, strict=True):
        assert (turn.concerns, turn.credit_withheld, turn.alliance) == ((), (), ())
        assert turn.text == original.text and turn.empathy == original.empathy
        if turn.client is not None:
            assert turn.client.state_probabilities == {} and turn.client.states == ()
            assert turn.client.distress == original.client.distress
        if turn.practitioner is not None:
            assert turn.practitioner.miti_code == "" and not turn.practitioner.credit_doubted
    # ... and the reports' helpers run on it as on a fresh analysis.
    assert rupture_views(back) == []
    assert all("".join(s.text for s in highlight_segments(t)) == t.text for t in back.turns)


def test_malformed_entries_are_skipped_and_a_missing_required_key_is_an_error(analysis):
    data = json.loads(json.dumps(analysis.to_dict()))
    data["summary"]["ruptures"] += [{"client_turn": "x"}, None, {"kind": "withdrawal"}]
    turn = next(t for t in data["turns"] if t["concerns"])
    turn["concerns"].append({"kind": "blaming", "start": "0", "end": 4, "score": 1.0})
    turn["empathy"]["er"]["rationale"].append({"start": None, "end": 3, "text": "x"})
    back = ConversationAnalysis.from_dict(data)
    assert back.ruptures == analysis.ruptures
    assert back.turns == analysis.turns
    del data["turns"][0]["speaker"]
    with pytest.raises(TypeError):
        ConversationAnalysis.from_dict(data)


def test_a_turn_with_no_scores_reads_as_its_text_alone(analysis):
    turn = {"index": 0, "speaker": "Client", "role": "client", "text": "Hi.", "start": None}
    assert ConversationAnalysis.from_dict(
        {
            "source": "text",
            "source_format": "txt",
            "practitioner": "P",
            "clients": ["Client"],
            "practitioner_method": "given",
            "turns": [turn],
            "summary": analysis.to_dict()["summary"],
            "models": {},
            "seconds": 0.0,
        }
    ).turns == (TurnAnalysis(0, "Client", "client", "Hi.", None),)
