"""CSV cells that a spreadsheet would run as a formula, neutralised (OWASP "CSV Injection").

Excel, LibreOffice and Google Sheets treat a cell starting with =, +, -, @, a tab or a carriage
return as a formula, so a name like ``=HYPERLINK(...)`` typed into the platform would run on the
trainer's machine. Such text cells get a leading single quote, which spreadsheets show as text.
Numbers are left alone: a negative score is a number, not a formula.
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in row]


class SafeWriter:
    """`csv.writer` whose rows pass through `safe_cell`."""

    def __init__(self, buffer: Any, **kwargs: Any) -> None:
        self._writer = csv.writer(buffer, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
