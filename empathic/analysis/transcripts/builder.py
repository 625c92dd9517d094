"""What every format shares: merging a speaker's consecutive pieces into one turn, telling a
speaker's name from ordinary text, and reading start times."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from empathic.analysis.errors import LimitExceeded, TranscriptError
from empathic.analysis.transcripts.model import Limits, Transcript, Turn

_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Collapse runs of whitespace (line breaks from wrapped cues included) to single spaces."""
    return _SPACE.sub(" ", text).strip()


# --- speaker names -------------------------------------------------------------------------------

MAX_NAME_CHARS = 40
MAX_NAME_WORDS = 4

# Words that end in a colon in ordinary writing or transcript headers, or are sound annotations
# in brackets: never a speaker.
_NOT_NAMES = frozenset(
    {
        "note", "notes", "nb", "ps", "re", "subject", "date", "time", "session", "title",
        "location", "duration", "participants", "attendees", "transcript", "recording",
        "meeting", "summary", "http", "https", "ftp", "mailto", "warning", "important",
        "example", "music", "inaudible", "laughter", "laughs", "crosstalk", "silence",
        "applause", "noise", "pause", "unintelligible", "background noise", "sighs",
    }
)  # fmt: skip
# Lower-case words that may sit inside a name ("Sam de la Cruz"); any other lower-case word after
# the first means ordinary text ("He said: ...").
_PARTICLES = frozenset(
    {"de", "la", "le", "van", "von", "der", "den", "da", "del", "di", "du", "dos", "das", "bin",
     "al", "el", "ter", "ten", "y", "st."}
)  # fmt: skip
_NAME_CHARS = re.compile(r"[^\W\d_][\w .'’()/&-]*")
_PARENTHETICAL = re.compile(r"\([^)]*\)")
# "Name: text"; the colon must be followed by a space or the end, so "https://..." and "10:30"
# are never split. A full-width colon (CJK text) needs no space after it.
_COLON_PREFIX = re.compile(r"([^:：\n]{1,60}?)(?::(?:\s|$)|：)(.*)", re.DOTALL)
_BRACKET_PREFIX = re.compile(r"\[([^\]\n]{1,60})\](.*)", re.DOTALL)


def speaker_name(candidate: str) -> str | None:
    """The candidate as a speaker name, or None when it reads as ordinary text.

    A name has at most four words (a parenthetical such as "(she/her)" not counted), at most 40
    characters, starts with a letter, is not a header word such as "Note" or "Date", and every
    word after the first is capitalised, a number or a name particle ("de", "van", ...).
    """
    name = squash(candidate)
    if not name or len(name) > MAX_NAME_CHARS or not _NAME_CHARS.fullmatch(name):
        return None
    if name.casefold() in _NOT_NAMES:
        return None
    words = _PARENTHETICAL.sub(" ", name).split()
    if not words or len(words) > MAX_NAME_WORDS:
        return None
    # Caseless scripts (no upper/lower) pass: only a lower-case letter marks ordinary text.
    if any(w[0].islower() and w.casefold() not in _PARTICLES for w in words[1:]):
        return None
    return name


def split_speaker(line: str) -> tuple[str | None, str]:
    """Split "Name: text" or "[Name] text" into (name, text); (None, line) when there is none."""
    stripped = line.lstrip()
    for pattern in (_COLON_PREFIX, _BRACKET_PREFIX):
        match = pattern.match(stripped)
        if match:
            name = speaker_name(match.group(1))
            if name is not None:
                return name, match.group(2)
    return None, line


# --- start times ---------------------------------------------------------------------------------

_CLOCK = re.compile(r"(?:(\d{1,6}):)?(\d{1,4}):(\d{1,2})(?:[.,](\d{1,6}))?")
_SECONDS = re.compile(r"\d{1,9}(?:\.\d{1,9})?")
TIME_PATTERN = r"(?:\d{1,6}:)?\d{1,4}:\d{2}(?:[.,]\d{1,6})?"
"""A clock time as written in transcripts, for other modules' regexes."""


def parse_time(value: str) -> float | None:
    """Seconds from "HH:MM:SS[.mmm]", "MM:SS" or a plain number of seconds; None when blank.

    Raises ValueError for anything else, so callers can name the row it came from.
    """
    value = value.strip()
    if not value:
        return None
    if _SECONDS.fullmatch(value):
        return float(value)
    match = _CLOCK.fullmatch(value)
    if not match:
        raise ValueError(value)
    hours, minutes, seconds, fraction = match.groups()
    if int(seconds) > 59 or (hours is not None and int(minutes) > 59):
        raise ValueError(value)
    total = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return total + (float(f"0.{fraction}") if fraction else 0.0)


def seconds_value(value: object) -> float | None:
    """A start time from JSON: a number of seconds, a time string or null."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        if not math.isfinite(value) or value < 0:
            raise ValueError(value)
        return float(value)
    if isinstance(value, str):
        return parse_time(value)
    raise ValueError(value)


# --- building turns ------------------------------------------------------------------------------


@dataclass
class _Draft:
    speaker: str
    start: float | None
    parts: list[str] = field(default_factory=list)
    chars: int = 0  # of the joined text


class TurnBuilder:
    """Collects (speaker, text, start) pieces in order and merges a speaker's consecutive pieces.

    A piece without a speaker continues the current speaker (cues without a name, wrapped lines);
    before any speaker is known it is skipped and counted, and `build` reports it as a warning.
    A piece with a speaker and no text only makes that speaker current ("Name:" on its own line).
    Speaker names that differ only in case are one speaker, spelt as first seen.

    The limits on turns, characters per turn and words are checked as pieces arrive, so an
    oversized file is refused as soon as it crosses one, before the rest is parsed.
    """

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self._drafts: list[_Draft] = []
        self._spelling: dict[str, str] = {}
        self._current: str | None = None
        self._current_start: float | None = None
        self.skipped = 0
        self.words = 0

    def add(self, speaker: str | None, text: str, start: float | None = None) -> None:
        if speaker is not None:
            speaker = squash(speaker)
            speaker = self._spelling.setdefault(speaker.casefold(), speaker) if speaker else None
        if speaker is not None and speaker != self._current:
            self._current, self._current_start = speaker, start
        text = squash(text)
        if self._current is None:
            self.skipped += bool(text)
            return
        if not text:
            return
        last = self._drafts[-1] if self._drafts else None
        if last is not None and last.speaker == self._current:
            last.parts.append(text)
            last.chars += 1 + len(text)
        else:
            check_turn_count(len(self._drafts) + 1, self.limits)
            begin = self._current_start if self._current_start is not None else start
            last = _Draft(self._current, begin, [text], len(text))
            self._drafts.append(last)
        check_turn_chars(last.chars, len(self._drafts), self.limits)
        self.words += text.count(" ") + 1  # squashed: one space between words, none around
        check_words(self.words, self.limits)

    def build(self, source_format: str, *, no_names: str, skipped: str) -> Transcript:
        """The transcript; `no_names` is the error when nothing had a speaker, `skipped` the
        noun for what was skipped before the first speaker ("cue", "line", "row")."""
        if not self._drafts:
            raise TranscriptError(no_names if self.skipped else "no text found")
        turns = tuple(Turn(d.speaker, " ".join(d.parts), d.start) for d in self._drafts)
        transcript = Transcript(
            turns=turns,
            source_format=source_format,
            warnings=(
                (
                    f"{self.skipped} {skipped}{'s were' if self.skipped > 1 else ' was'} "
                    "skipped before the first speaker name",
                )
                if self.skipped
                else ()
            ),
        )
        require_two_speakers(transcript)
        return transcript


# --- limits --------------------------------------------------------------------------------------


def check_turn_count(turns: int, limits: Limits) -> None:
    if turns > limits.max_turns:
        limit = limits.max_turns
        raise LimitExceeded(
            f"more than {limit:,} turns; this is not one conversation (split the file)",
            limit="max_turns",
            maximum=limit,
        )


def check_turn_chars(chars: int, turn: int, limits: Limits) -> None:
    if chars > limits.max_turn_chars:
        limit = limits.max_turn_chars
        raise LimitExceeded(
            f"turn {turn:,} is longer than {limit:,} characters, the limit for one turn "
            "(does every turn start with the speaker's name?)",
            limit="max_turn_chars",
            maximum=limit,
            turn=turn,
        )


def check_words(words: int, limits: Limits) -> None:
    if words > limits.max_words:
        limit = limits.max_words
        raise LimitExceeded(
            f"more than {limit:,} words, the limit for one conversation (split the file)",
            limit="max_words",
            maximum=limit,
        )


def check_limits(transcript: Transcript, limits: Limits) -> None:
    """Check a transcript built elsewhere (stored turns, say) against the limits the parser
    applies."""
    check_turn_count(len(transcript.turns), limits)
    words = 0
    for number, turn in enumerate(transcript.turns, start=1):
        check_turn_chars(len(turn.text), number, limits)
        words += len(turn.text.split())
        check_words(words, limits)


def require_two_speakers(transcript: Transcript) -> None:
    speakers = transcript.speakers
    if not speakers:
        raise TranscriptError("no text found")
    if len(speakers) == 1:
        raise TranscriptError(f"only one speaker ({speakers[0]}); a conversation needs two")
