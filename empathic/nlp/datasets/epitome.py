"""Read EPITOME CSV files (Sharma et al., EMNLP 2020) with strict validation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from empathic.nlp.datasets.common import read_csv_rows
from empathic.nlp.errors import DataError
from empathic.nlp.results import MECHANISMS

"""Emotional reactions, interpretations, explorations."""

LEVELS = (0, 1, 2)
REQUIRED_COLUMNS = (
    "seeker_post",
    "response_post",
    *(f"{m}_level" for m in MECHANISMS),
    *(f"{m}_rationales" for m in MECHANISMS),
)


@dataclass(frozen=True)
class EpitomeRow:
    seeker_post: str
    response_post: str
    levels: dict[str, int]
    rationales: dict[str, tuple[str, ...]]  # annotated substrings of response_post

    def rationale_char_spans(self, mechanism: str) -> list[tuple[int, int]]:
        """Character spans of the annotated rationales found in the response."""
        return find_spans(self.response_post, self.rationales[mechanism])


def find_spans(text: str, fragments: tuple[str, ...]) -> list[tuple[int, int]]:
    spans = []
    for fragment in fragments:
        for candidate in (fragment, fragment.strip()):
            start = text.find(candidate) if candidate else -1
            if start >= 0:
                spans.append((start, start + len(candidate)))
                break
    return spans


def read_epitome_csv(path: Path) -> list[EpitomeRow]:
    """Rows of an EPITOME CSV; raises DataError with a one-line reason on any bad input."""
    rows = read_csv_rows(Path(path), REQUIRED_COLUMNS)
    return [_parse_row(Path(path), line_no, raw) for line_no, raw in enumerate(rows, start=2)]


def _parse_row(path: Path, line_no: int, raw: dict[str, str | None]) -> EpitomeRow:
    levels = {}
    for mechanism in MECHANISMS:
        value = (raw.get(f"{mechanism}_level") or "").strip()
        if value not in {"0", "1", "2"}:
            raise DataError(f"{path}:{line_no}: {mechanism}_level must be 0, 1 or 2, got {value!r}")
        levels[mechanism] = int(value)
    rationales = {
        m: tuple(f for f in (raw.get(f"{m}_rationales") or "").split("|") if f.strip())
        for m in MECHANISMS
    }
    return EpitomeRow(
        seeker_post=raw.get("seeker_post") or "",
        response_post=raw.get("response_post") or "",
        levels=levels,
        rationales=rationales,
    )
