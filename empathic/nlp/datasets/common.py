"""Shared strict CSV reading for the labelled datasets: one-line DataError on any bad input."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

from empathic.nlp.errors import DataError

if TYPE_CHECKING:
    from collections.abc import Sequence

csv.field_size_limit(10_000_000)


def read_csv_rows(path: Path, required: Sequence[str]) -> list[dict[str, str]]:
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such file")
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise DataError(f"{path}: missing columns {', '.join(missing)}")
            rows = [{k: (v or "") for k, v in row.items() if k is not None} for row in reader]
    except UnicodeDecodeError as error:
        raise DataError(f"{path}: not UTF-8 ({error.reason} at byte {error.start})") from None
    except csv.Error as error:
        raise DataError(f"{path}: malformed CSV ({error})") from None
    if not rows:
        raise DataError(f"{path}: no data rows")
    return rows


def choice(path: Path, line: int, value: str, allowed: Sequence[str], column: str) -> str:
    value = value.strip()
    if value not in allowed:
        raise DataError(
            f"{path}:{line}: {column} must be one of {', '.join(allowed)}, got {value!r}"
        )
    return value


def number(path: Path, line: int, value: str, column: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise DataError(f"{path}:{line}: {column} must be a number, got {value!r}") from None
