"""`empathic evaluate critique`: a stable JSON shape, and one-line errors for bad files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from empathic.nlp.commands import register

app = typer.Typer()
register(app)
runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data"


def run(*args: str):
    return runner.invoke(app, list(args))


def write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_critique_json_has_exactly_the_specified_keys(tmp_path: Path):
    data = write(
        tmp_path / "c.csv",
        [
            {"context": "I'm furious!", "response": "Calm down, it's not a big deal.",
             "label": "harmful"},
            {"context": "I'm furious!", "response": "You're furious, and that makes sense.",
             "label": "empathic"},
            {"context": "Hi.", "response": "What brings you in today?", "label": "neutral"},
        ],
    )  # fmt: skip
    result = run("evaluate", "critique", "--data", str(data), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) == {"task", "n", "model", "metrics"}
    assert report["task"] == "critique" and report["n"] == 3
    assert set(report["metrics"]) == {"concern", "harmful_credited_rate"}
    assert set(report["metrics"]["concern"]) == {"recall", "precision", "f1", "false_flag_rate"}
    assert report["metrics"]["concern"]["recall"] == 1.0
    assert report["metrics"]["concern"]["false_flag_rate"] == 0.0
    assert report["metrics"]["harmful_credited_rate"] == 0.0


def test_the_shipped_dev_set_meets_the_targets():
    result = run("evaluate", "critique", "--data", str(DATA / "dev.csv"), "--json")
    concern = json.loads(result.stdout)["metrics"]["concern"]
    assert concern["recall"] >= 0.85 and concern["false_flag_rate"] <= 0.10


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"context,reply,label\na,b,harmful\n", "missing column(s) response"),
        (b"context,response,label\na,b,awful\n", "label 'awful' is not one of"),
        (b"context,response,label\n", "no rows"),
        (b"context,response,label\n\xff\xfe,b,harmful\n", "not UTF-8"),
    ],
)
def test_bad_files_exit_2_with_one_line(tmp_path: Path, content: bytes, message: str):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    result = run("evaluate", "critique", "--data", str(path), "--json")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_missing_file_exits_2(tmp_path: Path):
    result = run("evaluate", "critique", "--data", str(tmp_path / "none.csv"), "--json")
    assert result.exit_code == 2 and "no such file" in result.stderr
