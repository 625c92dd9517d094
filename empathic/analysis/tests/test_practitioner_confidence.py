"""How sure the practitioner heuristic is, and what `empathic analyze` does when it is not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from empathic.analysis.transcripts import parse_file, parse_text
from empathic.analysis.transcripts.builder import TurnBuilder
from empathic.analysis.transcripts.confidence import (
    CONFIDENCE_THRESHOLD,
    SMOOTHING,
    detect_practitioner,
    margin,
)
from empathic.cli import app

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
runner = CliRunner()


def _annomi_like(rows: list[tuple[str, str]]):
    """Rows as an AnnoMI session is rebuilt (quality/sessions.py): Therapist and Client."""
    builder = TurnBuilder()
    for who, text in rows:
        builder.add(who, text)
    return builder.build("csv", no_names="no speakers", skipped="row")


def test_margin_is_zero_on_a_tie_and_grows_with_the_gap_and_the_evidence():
    assert margin([4, 4]) == 0.0
    assert margin([1, 0]) == round(1 / (1 + SMOOTHING), 4)
    assert margin([3, 1]) < margin([30, 5]) < 1.0
    assert margin([7]) == round(7 / (7 + SMOOTHING), 4)  # one speaker scored


def test_a_clear_annomi_like_session_is_detected_with_high_confidence():
    transcript = _annomi_like([
        ("Therapist", "Thanks for coming in. What brings you here today?"),
        ("Client", "My doctor said I should cut down on drinking."),
        ("Therapist", "It sounds like you're not sure it's needed. How do you see it?"),
        ("Client", "I drink less than my friends."),
        ("Therapist", "So you're comparing yourself with them. What worries you, if anything?"),
        ("Client", "Maybe the mornings."),
    ])  # fmt: skip
    found = detect_practitioner(transcript)
    assert found.practitioner == "Therapist" and found.method == "detected"
    assert found.confidence >= CONFIDENCE_THRESHOLD and not found.needs_confirmation
    assert [c.speaker for c in found.candidates] == ["Therapist", "Client"]
    assert found.candidates[0].questions == 3 and found.candidates[0].reflections == 2


def test_a_client_who_asks_more_is_a_doubtful_pick_and_asks_for_confirmation():
    transcript = _annomi_like([
        ("Therapist", "Let's look at your form."),
        ("Client", "Why do you need that? Is this going on my record?"),
        ("Therapist", "It stays here. You drink four times a week."),
        ("Client", "Is that a lot?"),
    ])  # fmt: skip
    found = detect_practitioner(transcript)
    assert found.practitioner == "Client"  # wrong, and it says so
    assert found.confidence < CONFIDENCE_THRESHOLD and found.needs_confirmation
    assert found.to_dict()["needs_confirmation"] is True


def test_a_named_practitioner_is_given_and_never_needs_confirmation():
    transcript = parse_text("A: Did you go?\nB: Why?\nA: The meeting?\nB: Yes.\n")
    found = detect_practitioner(transcript, "b")
    assert found.practitioner == "B" and found.method == "given"
    assert found.confidence == 1.0 and not found.needs_confirmation


def test_the_sample_session_is_detected_confidently():
    found = detect_practitioner(parse_file(SAMPLES / "session.vtt"))
    assert found.practitioner == "Sam Rivera"
    assert found.confidence >= CONFIDENCE_THRESHOLD


@pytest.mark.slow
def test_analyze_warns_on_a_doubtful_pick_and_records_the_detection(tmp_path: Path):
    doubtful = tmp_path / "doubtful.txt"
    doubtful.write_text("A: Did you go?\nB: What do you mean? Why?\nA: The meeting, you know?\n"
                        "B: Yes.\n", encoding="utf-8")  # fmt: skip
    result = runner.invoke(app, ["analyze", str(doubtful), "--json", "--no-suggestions"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["practitioner"] == "A"
    detection = data["practitioner_detection"]
    assert detection["method"] == "detected" and detection["confidence"] < CONFIDENCE_THRESHOLD
    assert {c["speaker"] for c in detection["candidates"]} == {"A", "B"}
    warning = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warning) == 1 and "'A'" in warning[0] and "--practitioner NAME" in warning[0]

    named = runner.invoke(
        app, ["analyze", str(doubtful), "--json", "--no-suggestions", "--practitioner", "A"]
    )
    assert named.exit_code == 0 and "warning:" not in named.stderr
    assert json.loads(named.stdout)["practitioner_detection"]["method"] == "given"


@pytest.mark.slow
def test_analyze_is_quiet_about_a_confident_pick():
    result = runner.invoke(
        app, ["analyze", str(SAMPLES / "session.vtt"), "--json", "--no-suggestions"]
    )
    assert result.exit_code == 0, result.output
    assert "warning:" not in result.stderr
    detection = json.loads(result.stdout)["practitioner_detection"]
    assert detection["method"] == "detected" and detection["threshold"] == CONFIDENCE_THRESHOLD
