from pathlib import Path

import pytest

from empathic.nlp.datasets.epitome import read_epitome_csv
from empathic.nlp.errors import DataError

from .helpers import TINY_ROWS, write_epitome_csv


def test_reads_levels_rationales_and_char_spans(tiny_csv: Path):
    rows = read_epitome_csv(tiny_csv)
    assert len(rows) == 3
    first = rows[0]
    assert first.levels == {"er": 1, "ip": 0, "ex": 2}
    assert first.rationales["er"] == ("That sounds devastating.",)
    start, end = first.rationale_char_spans("ex")[0]
    assert first.response_post[start:end] == "What has the last week been like for you?"


def test_missing_file(tmp_path: Path):
    with pytest.raises(DataError, match="no such file"):
        read_epitome_csv(tmp_path / "absent.csv")


def test_wrong_columns(tmp_path: Path):
    path = tmp_path / "bad.csv"
    path.write_text("text,label\nhello,1\n", encoding="utf-8")
    with pytest.raises(DataError, match="missing columns seeker_post"):
        read_epitome_csv(path)


def test_not_utf8(tmp_path: Path):
    path = write_epitome_csv(tmp_path / "latin1.csv", TINY_ROWS)
    path.write_bytes(path.read_bytes() + "caf\xe9,\n".encode("latin-1"))
    with pytest.raises(DataError, match="not UTF-8"):
        read_epitome_csv(path)


def test_bad_level_and_empty_file(tmp_path: Path):
    row = dict(TINY_ROWS[0], er_level="3")
    with pytest.raises(DataError, match="er_level must be 0, 1 or 2"):
        read_epitome_csv(write_epitome_csv(tmp_path / "level.csv", [row]))
    with pytest.raises(DataError, match="no data rows"):
        read_epitome_csv(write_epitome_csv(tmp_path / "empty.csv", []))
