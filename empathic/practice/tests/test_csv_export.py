"""The workshop results CSV: names and titles people typed cannot run as spreadsheet formulas."""

from __future__ import annotations

import csv
import datetime
import io
from types import SimpleNamespace

from empathic.practice.presentation import workshop_csv


def test_cells_that_start_a_formula_are_quoted_and_numbers_are_not():
    assignment = SimpleNamespace(title="+cmd|'/C calc'!A0", due_date=datetime.date(2026, 3, 2))
    row = SimpleNamespace(
        trainee=SimpleNamespace(full_name='=HYPERLINK("http://evil.test","Pat")', email="@x.test"),
        statuses=[SimpleNamespace(assignment=assignment, done=1, total=2)],
        attempts=[object()],
        latest={"er": 1.5, "ip": 0.0, "ex": 2.0},
        growth={"er": -0.5, "ip": 0.0, "ex": 0.25},
    )

    header, cells = list(csv.reader(io.StringIO(workshop_csv([row]))))

    assert header[0] == "trainee"
    assert cells[:3] == [
        '\'=HYPERLINK("http://evil.test","Pat")',
        "'@x.test",
        "'+cmd|'/C calc'!A0",
    ]
    assert cells[3:7] == ["2026-03-02", "1", "2", "1"]
    assert cells[-3] == "-0.5"  # a negative growth is a number, left as it is
