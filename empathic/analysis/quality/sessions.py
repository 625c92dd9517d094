"""AnnoMI sessions rebuilt as transcripts, the way `empathic analyze` would see them.

The quality index is fitted and the practitioner detector measured on these: each session's rows,
in utterance order, go through the same `TurnBuilder` the file readers use (so a speaker's
consecutive utterances merge into one turn, as they would in an uploaded file). The speakers are
named "Therapist" and "Client", which tells the detector nothing: it sees only the words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from empathic.analysis.transcripts.builder import TurnBuilder, parse_time
from empathic.nlp.datasets.common import choice, read_csv_rows

if TYPE_CHECKING:
    from empathic.analysis.transcripts.model import Transcript

PRACTITIONER = "Therapist"
CLIENT = "Client"
QUALITIES = ("high", "low")
_COLUMNS = ("transcript_id", "mi_quality", "utterance_id", "interlocutor", "utterance_text")


@dataclass(frozen=True)
class Session:
    split: str  # "train" or "dev": the file it came from
    transcript_id: str
    quality: str  # AnnoMI's session label: "high" or "low" MI quality
    transcript: Transcript


def read_sessions(path: str | Path, split: str) -> list[Session]:
    """The sessions of one AnnoMI main file (train.csv / dev.csv), in file order."""
    path = Path(path)
    rows = read_csv_rows(path, _COLUMNS)
    grouped: dict[str, list[tuple[int, int, dict[str, str]]]] = {}
    quality: dict[str, str] = {}
    for line, row in enumerate(rows, start=2):
        tid = row["transcript_id"]
        quality.setdefault(tid, choice(path, line, row["mi_quality"], QUALITIES, "mi_quality"))
        grouped.setdefault(tid, []).append((int(row["utterance_id"]), line, row))
    sessions = []
    for tid, items in grouped.items():
        builder = TurnBuilder()
        for _utterance, line, row in sorted(items, key=lambda item: item[0]):
            who = choice(path, line, row["interlocutor"], ("therapist", "client"), "interlocutor")
            builder.add(
                PRACTITIONER if who == "therapist" else CLIENT,
                row["utterance_text"],
                _start(row.get("timestamp", "")),
            )
        transcript = builder.build("csv", no_names="no speakers", skipped="row")
        sessions.append(Session(split, tid, quality[tid], transcript))
    return sessions


def read_annomi(directory: str | Path) -> list[Session]:
    """train.csv then dev.csv of an AnnoMI folder (the shared data's layout)."""
    directory = Path(directory)
    return [
        *read_sessions(directory / "train.csv", "train"),
        *read_sessions(directory / "dev.csv", "dev"),
    ]


def _start(value: str) -> float | None:
    try:
        return parse_time(value)
    except ValueError:  # a start time only places a turn on the chart; never worth failing for
        return None
