"""`empathic bench`, run through a Typer app the way empathic/cli.py registers it (it lives with
the analysis commands: it times the full analysis as well as the engine)."""

import json

import typer
from typer.testing import CliRunner

from empathic.analysis.commands import register

app = typer.Typer()
register(app)
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_bench_json_shape():
    result = run("bench", "--json", "--pairs", "32", "--turns", "0")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) == {
        "pairs_per_second",
        "encoder_pairs_per_second",
        "p50_single_ms",
        "p95_single_ms",
        "rss_mb",
    }
    assert all(isinstance(v, float) and v > 0 for v in report.values())


def test_bench_adds_full_analysis_figures():
    result = run("bench", "--json", "--pairs", "32", "--turns", "24", "--session-turns", "6")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    for key in ("turns_per_second", "encoder_turns_per_second", "turns_ratio_to_encoder",
                "encoder_turns_per_second_in_context", "turns_ratio_to_encoder_in_context",
                "ratio_to_encoder_in_context_without_suggestions",
                "session_seconds"):  # fmt: skip
        assert report[key] > 0
    assert report["session_turns"] == 6
    # The share of each analysis spent in the encoder is measured inside that run.
    for key in ("encoder_share", "encoder_share_without_suggestions"):
        assert 0 < report[key] <= 1
