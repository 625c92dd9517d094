"""Plain-text transcripts: one "Name: text" line per turn.

- A line without a name prefix continues the current turn (wrapped lines, paragraphs).
- A leading timestamp, "[00:01:23]", "(1:23)" or "00:01:23 -", becomes the turn's start.
- A line holding only a name and a time ("Sam Rivera  0:03", as Otter and Teams write it) or
  only "Name:" starts a turn whose text follows on the next lines; "Name (0:03): text" (Rev)
  is a turn with its start.
- "Name" is taken as a speaker only when it looks like one (see `builder.speaker_name`: at most
  four words, capitalised, not "Note" or "Date"), so "He said: no" stays text.
- Lines before the first speaker (a title, a date) are skipped, with a warning.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from empathic.analysis.transcripts.builder import (
    TIME_PATTERN,
    TurnBuilder,
    parse_time,
    speaker_name,
    split_speaker,
)

if TYPE_CHECKING:
    from empathic.analysis.transcripts.model import Limits, Transcript

_LEADING_TIME = re.compile(rf"[\[(]?({TIME_PATTERN})[\])]?(?:\s*[-–|]\s*|\s+|$)(.*)", re.DOTALL)
_NAME_THEN_TIME = re.compile(rf"(.{{1,60}}?)\s+[\[(]?({TIME_PATTERN})[\])]?:?")
# "Speaker 1 (00:01:23): text", as Rev writes it: brackets and colon required, so "Monday 10:30
# works for me" stays text.
_NAME_TIME_TEXT = re.compile(rf"([^(\[]{{1,60}}?)\s*[\[(]({TIME_PATTERN})[\])]\s*:(?:\s+(.*)|$)")


def parse_txt(text: str, limits: Limits | None = None) -> Transcript:
    builder = TurnBuilder(limits)
    for line in text.splitlines():
        line = line.strip()  # the patterns below then never backtrack over long blank runs
        # Cheap character checks first: most lines are "Name: text" and need neither pattern.
        header = _NAME_THEN_TIME.fullmatch(line) if line[-1:].isdigit() else None
        if header and speaker_name(header.group(1)) is not None:
            builder.add(header.group(1), "", _seconds(header.group(2)))
            continue
        labelled = _NAME_TIME_TEXT.fullmatch(line) if ")" in line[:90] or "]" in line[:90] else None
        if labelled and speaker_name(labelled.group(1)) is not None:
            builder.add(labelled.group(1), labelled.group(3) or "", _seconds(labelled.group(2)))
            continue
        timed = _LEADING_TIME.fullmatch(line) if line and line[0] in "[(0123456789" else None
        if timed:
            speaker, rest = split_speaker(timed.group(2))
            if speaker is not None or not rest.strip():
                builder.add(speaker, rest, _seconds(timed.group(1)))
                continue
            # "10:30 suits me" inside a turn: a time in the text, not a timestamp.
        speaker, rest = split_speaker(line)
        builder.add(speaker, rest)
    return builder.build(
        "txt", no_names="no speaker names found (expected 'Name: text' lines)", skipped="line"
    )


def _seconds(value: str) -> float | None:
    try:
        return parse_time(value)
    except ValueError:
        return None  # "12:75" is not a time; the turn simply has no start
