"""`empathic analyze`, run through the real `empathic` Typer app.

Tests of output and of --html run on a hand-built analysis (the pipeline is replaced); the tests
in the last block run the real pipeline on the shipped samples.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from empathic.analysis import commands
from empathic.analysis.errors import TranscriptError
from empathic.cli import app

from .test_report import HOSTILE, sample_analysis

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["analyze", *args])


def assert_one_line_error(result, message: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.fixture
def transcript(tmp_path: Path) -> Path:
    path = tmp_path / "session.txt"
    path.write_text("Sam: Hello.\nAlex: Hi.\n", encoding="utf-8")
    return path


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Replace the pipeline with the hand-built analysis; records how it was called."""
    calls: list[dict] = []

    def analyse(path: Path, *, practitioner: str | None, suggestions: bool):
        calls.append({"path": path, "practitioner": practitioner, "suggestions": suggestions})
        return sample_analysis(" " + HOSTILE)

    monkeypatch.setattr(commands, "_analyse_file", analyse)
    return calls


def test_json_is_one_object_with_the_analysis(transcript: Path, fake_pipeline):
    result = run(str(transcript), "--json", "--practitioner", "Sam", "--no-suggestions")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"source", "practitioner", "practitioner_method", "turns", "summary"}
    assert data["summary"]["reflection_to_question"]["rating"] == "fair"
    assert data["summary"]["percent_complex_reflections"]["rating"] == "good"
    assert data["turns"][4]["empathy"]["ex"]["rationale"][0]["text"] == "Have you paid the rent"
    assert fake_pipeline == [{"path": transcript, "practitioner": "Sam", "suggestions": False}]


def test_text_report_without_colour_when_not_a_terminal(transcript: Path, fake_pipeline):
    result = run(str(transcript))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Empathic analysis: session.vtt")
    assert "\x1b[" not in result.stdout and "[That sounds exhausting](ER)" in result.stdout


def test_color_option_forces_ansi_even_in_a_pipe(transcript: Path, fake_pipeline):
    result = run(str(transcript), "--color")
    assert result.exit_code == 0
    assert "\x1b[1;4;33mThat sounds exhausting\x1b[0m" in result.stdout


def test_html_is_written_whole_and_nothing_else_is_left(tmp_path, transcript, fake_pipeline):
    out = tmp_path / "report.html"
    out.write_text("old", encoding="utf-8")
    result = run(str(transcript), "--html", str(out), "--json")
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "&lt;script&gt;" in page
    assert json.loads(result.stdout)["source"] == "session.vtt"  # stdout stays pure JSON
    assert f"HTML report written to {out}" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "session.txt"]


def test_failed_html_write_leaves_no_temp_file_and_keeps_the_old_report(
    tmp_path, transcript, fake_pipeline, monkeypatch
):
    out = tmp_path / "report.html"
    out.write_text("old", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(commands.os, "replace", broken_replace)
    result = run(str(transcript), "--html", str(out))
    assert_one_line_error(result, f"{out}: No space left on device")
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "session.txt"]


def test_transcript_errors_become_one_line(transcript: Path, monkeypatch: pytest.MonkeyPatch):
    def analyse(path, **_kwargs):
        raise TranscriptError(f"{path.name}: only one speaker")

    monkeypatch.setattr(commands, "_analyse_file", analyse)
    assert_one_line_error(run(str(transcript)), "session.txt: only one speaker")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "missing.vtt", "missing.vtt: no such file"),
        (lambda tmp: tmp, "is a directory"),
    ],
)
def test_missing_path_or_directory(tmp_path: Path, make, message, fake_pipeline):
    assert_one_line_error(run(str(make(tmp_path))), message)
    assert fake_pipeline == []  # refused before any analysis


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("nowhere/report.html", "no such directory for --html"),
        (".", "is a directory; give a file name for --html"),
    ],
)
def test_unwritable_html_path_fails_before_analysing(
    tmp_path: Path, transcript: Path, target: str, message: str, fake_pipeline
):
    result = run(str(transcript), "--html", str(tmp_path / target))
    assert_one_line_error(result, message)
    assert fake_pipeline == []


@pytest.mark.parametrize(
    ("denied", "html", "message"),
    [(os.R_OK, False, "session.txt: permission denied"), (os.W_OK, True, "permission denied")],
)
def test_permission_denied_on_the_transcript_or_the_html_folder(
    tmp_path, transcript, fake_pipeline, monkeypatch, denied, html, message
):
    # Checked through os.access, which these tests (run as root here) would otherwise pass.
    target = tmp_path if html else transcript
    real_access = os.access
    monkeypatch.setattr(
        commands.os,
        "access",
        lambda path, mode: (
            False if Path(path) == target and mode == denied else real_access(path, mode)
        ),
    )
    args = [str(transcript), "--html", str(tmp_path / "r.html")] if html else [str(transcript)]
    assert_one_line_error(run(*args), message)
    assert fake_pipeline == []


# --- the real pipeline on the shipped samples ------------------------------------------------
# These need empathic.analysis.pipeline (written alongside this command); they run as soon as it
# exists and are skipped only while it does not.
needs_pipeline = pytest.mark.skipif(
    importlib.util.find_spec("empathic.analysis.pipeline") is None,
    reason="empathic.analysis.pipeline is not written yet",
)


@needs_pipeline
def test_empty_file_is_a_one_line_error(tmp_path: Path):
    empty = tmp_path / "empty.vtt"
    empty.write_bytes(b"")
    assert_one_line_error(run(str(empty)), "")  # the wording is the parser's


@needs_pipeline
def test_binary_file_is_a_one_line_error(tmp_path: Path):
    binary = tmp_path / "session.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    assert_one_line_error(run(str(binary)), "")


@needs_pipeline
@pytest.mark.parametrize("name", ["session.vtt", "session.srt", "session.txt", "session.csv"])
def test_samples_analyse_to_json(name: str):
    result = run(str(SAMPLES / name), "--json", "--no-suggestions")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["source_format"] == name.rsplit(".", 1)[1]
    assert data["practitioner"] and data["practitioner_method"]
    roles = {t["role"] for t in data["turns"]}
    assert roles == {"practitioner", "client"}


@needs_pipeline
def test_sample_renders_text_and_html(tmp_path: Path):
    out = tmp_path / "report.html"
    result = run(str(SAMPLES / "session.json"), "--html", str(out), "--no-color")
    assert result.exit_code == 0, result.output
    assert "MITI summary" in result.stdout and "Moments worth a supervisor's time" in result.stdout
    page = out.read_text(encoding="utf-8")
    assert "<svg" in page and "Practitioner" in page
