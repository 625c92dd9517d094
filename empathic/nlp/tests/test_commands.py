"""The CLI commands, run through a Typer app the way empathic/cli.py registers them."""

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from empathic.nlp.commands import register

from .helpers import TINY_ROWS, write_epitome_csv

app = typer.Typer()
register(app)
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_evaluate_json_has_exactly_the_specified_shape(tiny_csv: Path):
    result = run("evaluate", "epitome", "--data", str(tiny_csv), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) == {"task", "n", "model", "seconds", "metrics"}
    assert (report["task"], report["n"], report["model"]) == ("epitome", 3, "epitome@2.1.0")
    assert isinstance(report["seconds"], float)
    metrics = report["metrics"]
    assert set(metrics) == {"er", "ip", "ex", "rationale_token_f1"}
    for m in ("er", "ip", "ex"):
        assert set(metrics[m]) == {"macro_f1", "accuracy"}
        assert 0.0 <= metrics[m]["macro_f1"] <= 1.0
        assert 0.0 <= metrics["rationale_token_f1"][m] <= 1.0


def test_evaluate_prints_a_table_without_json(tiny_csv: Path):
    result = run("evaluate", "epitome", "--data", str(tiny_csv))
    assert result.exit_code == 0
    assert "macro-F1" in result.stdout and "explorations" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("evaluate", "sentiment", "--data", "x.csv"), "unknown task 'sentiment'"),
        (("evaluate", "epitome", "--data", "/nonexistent.csv"), "no such file"),
        (("train", "nope", "--data", "."), "unknown task 'nope'"),
        (("train", "epitome", "--data", "/nonexistent"), "no such file"),
    ],
)
def test_bad_task_or_path_is_one_line_and_exit_2(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_wrong_columns_and_bad_encoding_exit_2(tmp_path: Path):
    columns = tmp_path / "columns.csv"
    columns.write_text("a,b\n1,2\n", encoding="utf-8")
    latin = write_epitome_csv(tmp_path / "latin.csv", TINY_ROWS)
    latin.write_bytes(
        latin.read_bytes().replace(b"Good luck.", "Buena suerte, señor".encode("latin-1"))
    )
    for path, message in ((columns, "missing columns"), (latin, "not UTF-8")):
        result = run("evaluate", "epitome", "--data", str(path), "--json")
        assert result.exit_code == 2
        assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_workload_is_deterministic_and_realistic():
    from empathic.nlp.bench import generate_workload

    first, again = generate_workload(50), generate_workload(50)
    assert first == again
    seeker_words = [len(s.split()) for s, _ in first]
    response_words = [len(r.split()) for _, r in first]
    assert 40 <= sum(seeker_words) / 50 <= 150 and 8 <= sum(response_words) / 50 <= 40
