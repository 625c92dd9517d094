"""``empathic redact FILE`` and ``empathic redact --jsonl FILE``: output, offsets, errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from empathic.cli import app
from empathic.redaction import redact

runner = CliRunner()


def _run(args: list[str], stdin: bytes | None = None):
    return runner.invoke(app, ["redact", *args], input=stdin)


def test_text_file_prints_the_redacted_text(tmp_path) -> None:
    text = "Hi José, call me on 07700 900123.\nI live at 42 elm street.\n"
    path = tmp_path / "session.txt"
    path.write_text(text, "utf-8")
    result = _run([str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == redact(text).text
    assert result.stdout == "Hi [NAME], call me on [PHONE].\nI live at [ADDRESS].\n"


def test_jsonl_prints_one_record_per_line_with_offsets_into_the_input(tmp_path) -> None:
    texts = ["my son jake, born 4 march 1978", "Email Lucía at lucia@example.org", ""]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"text": t, "id": i}) + "\n" for i, t in enumerate(texts)))
    result = _run(["--jsonl", str(path)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 3
    for text, record in zip(texts, records, strict=True):
        assert set(record) == {"text", "spans"}
        assert record["text"] == redact(text).text
        for span in record["spans"]:
            assert set(span) == {"start", "end", "type"}
    first, second = records[0]["spans"], records[1]["spans"]
    assert [(texts[0][s["start"] : s["end"]], s["type"]) for s in first] == [
        ("jake", "NAME"),
        ("4 march 1978", "DATE"),
    ]
    assert [(texts[1][s["start"] : s["end"]], s["type"]) for s in second] == [
        ("Lucía", "NAME"),
        ("lucia@example.org", "EMAIL"),
    ]


def test_dash_reads_standard_input() -> None:
    result = _run(["-"], stdin=b"Mr Okafor rang.")
    assert result.exit_code == 0
    assert result.stdout == "Mr [NAME] rang."


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["/no/such/file.txt"], None, "cannot read"),
        (["-"], b"\x00\x01binary", "binary"),
        (["-"], "café".encode("latin-1"), "not UTF-8"),
        (["-"], b"  \n", "empty"),
        (["--jsonl", "-"], b'{"text": "ok"}\n{"text": \n', "line 2: not valid JSON"),
        (["--jsonl", "-"], b'{"text": "ok"}\n{"body": "x"}\n', 'line 2: no "text" field'),
        (["--jsonl", "-"], b'{"text": 3}\n', "line 1"),
        (["--jsonl", "-"], b"[1, 2]\n", "line 1"),
        (["--jsonl", "-"], b"\n\n", "empty"),
    ],
)
def test_bad_input_is_one_line_on_stderr_exit_2_and_nothing_printed(args, stdin, message) -> None:
    result = _run(args, stdin=stdin)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
