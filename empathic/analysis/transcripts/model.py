"""The parsed shape of a transcript, shared by every format, and the limits on input."""

from __future__ import annotations

from dataclasses import dataclass, field

SUPPORTED_FORMATS = ("vtt", "srt", "txt", "csv", "json")

MAX_BYTES = 20_000_000
"""Refuse larger input. A 10-hour session transcribed with timestamps is about 1 MB, so 20 MB
leaves a wide margin for verbose exports (Teams VTT repeats cue ids and voice tags) while keeping
a mistaken upload (a video, a database dump) from being decoded and held in memory."""

MAX_TURNS = 5_000
"""Refuse transcripts with more turns (after merging a speaker's consecutive cues). A 2-hour
session has 1,000 to 1,500 (a brisk chat perhaps 3,000); more means the file is not one
conversation. Each turn adds about 2 kB to a report, so this also keeps the largest report
(5,000 short turns: 8.3 MB measured) under MAX_REPORT_BYTES."""

MAX_TURN_CHARS = 10_000
"""Refuse a turn longer than this. A long monologue in a real session (a client telling a story
for several minutes) is a few thousand characters; 10,000 is about 1,700 words or 11 minutes of
uninterrupted speech at 150 words a minute. A longer "turn" is a file whose speaker labels were
lost, and one turn of megabytes made a report page of tens of megabytes."""

MAX_WORDS = 40_000
"""Refuse transcripts with more words. A 2-hour session at 150 words a minute is about 18,000
words (both speakers); 40,000 still passes a 4-hour one. Analysis time grows with the words
(about 1 minute per 18,000 words with suggestions on 2 cores), so this bounds one upload's hold
on a worker."""

MAX_SECONDS = 900.0
"""Stop an analysis that runs longer than this (15 minutes). A 2-hour session takes about a
minute on 2 cores; the largest transcript the limits above allow (5,000 short turns, 38,000
words) took 8 minutes on 2 cores shared with other work, and 210 MB. A suggestion endpoint
(EMPATHIC_SUGGESTION_API_BASE) that is slow to answer may need a larger budget."""

MAX_REPORT_BYTES = 15_000_000
"""Refuse to write or send a report larger than this. A 2-hour session's report is about 2 MB
and the limits above keep any report near 10 MB; this catches what they cannot (a conversation
stored before they applied: one 5 MB turn made a 35 MB page)."""


@dataclass(frozen=True)
class Limits:
    """The limits on one conversation. The platform builds one from its settings; the defaults
    (read when an instance is made, so tests can lower the module constants) serve the CLI."""

    max_bytes: int = field(default_factory=lambda: MAX_BYTES)
    max_turns: int = field(default_factory=lambda: MAX_TURNS)
    max_turn_chars: int = field(default_factory=lambda: MAX_TURN_CHARS)
    max_words: int = field(default_factory=lambda: MAX_WORDS)
    max_seconds: float | None = field(default_factory=lambda: MAX_SECONDS)  # None: no budget
    max_report_bytes: int = field(default_factory=lambda: MAX_REPORT_BYTES)


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

    @property
    def words(self) -> int:
        return sum(len(turn.text.split()) for turn in self.turns)
