"""The parsed shape of a transcript, shared by every format, and the limits on input."""

from __future__ import annotations

from dataclasses import dataclass, field

SUPPORTED_FORMATS = ("vtt", "srt", "txt", "csv", "json")

MAX_BYTES = 20_000_000
"""Refuse larger input. A 10-hour session transcribed with timestamps is about 1 MB, so 20 MB
leaves a wide margin for verbose exports (Teams VTT repeats cue ids and voice tags) while keeping
a mistaken upload (a video, a database dump) from being decoded and held in memory."""

MAX_TURNS = 20_000
"""Refuse transcripts with more turns (after merging a speaker's consecutive cues). A 10-hour
session has a few thousand; more means the file is not one conversation, and scoring each turn
would take hours."""


@dataclass(frozen=True)
class Turn:
    speaker: str
    text: str
    start: float | None  # seconds from the start of the session, when the source has it


@dataclass(frozen=True)
class Transcript:
    turns: tuple[Turn, ...]
    source_format: str  # one of SUPPORTED_FORMATS
    # Things the parser skipped on purpose (cues before the first speaker name, ...), one line
    # each, so a report can show them instead of losing text silently.
    warnings: tuple[str, ...] = field(default=())

    @property
    def speakers(self) -> tuple[str, ...]:
        """Speakers in the order they first speak."""
        return tuple(dict.fromkeys(turn.speaker for turn in self.turns))
