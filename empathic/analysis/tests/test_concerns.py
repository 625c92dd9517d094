"""Concerns in the analysis: the `--json` interface, the no-credit rule and the reports."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from empathic.analysis.report import render_text
from empathic.cli import app

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
BLAME = "You should have called us as soon as the hours got cut"


def test_analyze_json_gives_every_practitioner_turn_its_concerns():
    result = CliRunner().invoke(
        app, ["analyze", str(SAMPLES / "session.vtt"), "--json", "--no-suggestions"]
    )
    assert result.exit_code == 0, result.output
    turns = json.loads(result.stdout)["turns"]
    for turn in turns:
        if turn["role"] == "practitioner":
            for concern in turn["concerns"]:
                assert set(concern) == {"kind", "start", "end", "score"}
                assert 0 <= concern["start"] < concern["end"] <= len(turn["text"])
                assert 0 <= concern["score"] <= 1
    (blaming,) = [t for t in turns if BLAME in t["text"]]
    kinds = {c["kind"]: c for c in blaming["concerns"]}
    assert "blaming" in kinds
    span = kinds["blaming"]
    assert blaming["text"][span["start"] : span["end"]] == BLAME
    assert blaming["empathy"]["er"]["level"] == 0 and blaming["empathy"]["ip"]["level"] == 0
    good = [t for t in turns if t["text"].startswith("It sounds like that notice")]
    assert good and good[0]["concerns"] == []


def test_the_report_leads_the_turn_with_its_concern():
    from empathic.analysis.pipeline import analyse_file

    analysis = analyse_file(SAMPLES / "session.txt")
    text = render_text(analysis, color=False)
    block = text[text.index(f"[{BLAME}](CONCERN)") - 200 :]
    assert f"!! Concern: blaming: “{BLAME}”" in block
    assert block.index("Feedback: blaming") < block.index("Feedback: missing")
    (turn,) = [t for t in analysis.turns if BLAME in t.text]
    assert turn.feedback is not None and turn.feedback.concerns[0].kind == "blaming"
    assert all(BLAME not in s.text for s in turn.feedback.suggestions)
