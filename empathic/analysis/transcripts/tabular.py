"""Structured transcripts: CSV (csv module) and JSON (json module).

CSV: a header row names the columns, in any order: speaker (or name, speaker_name, participant,
role, ...), text (or utterance, message, content, ...) and optionally start (or time, timestamp,
start_time, ...), in seconds or HH:MM:SS. The delimiter may be a comma, semicolon, tab or bar.
Without a header, two columns are speaker,text and three are start,speaker,text or
speaker,text,start, whichever column holds times.

JSON: a list of {"speaker", "text", "start"?} objects, or an object holding that list under
"turns" (or "utterances", "segments", "messages"); the same column aliases apply to the keys.

A row with an empty speaker continues the previous speaker, as a cue without a name does.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import TYPE_CHECKING

from empathic.analysis.errors import TranscriptError
from empathic.analysis.transcripts.builder import TurnBuilder, parse_time, seconds_value

if TYPE_CHECKING:
    from collections.abc import Iterable

    from empathic.analysis.transcripts.model import Limits, Transcript

SPEAKER_KEYS = ("speaker", "name", "speaker_name", "speaker_label", "participant", "role",
                "who", "author", "sender", "from", "user")  # fmt: skip
TEXT_KEYS = ("text", "utterance", "message", "content", "transcript", "body", "says",
             "speech", "sentence", "caption")  # fmt: skip
START_KEYS = ("start", "start_time", "time", "timestamp", "start_seconds", "start_sec",
              "begin", "offset", "seconds")  # fmt: skip
_LIST_KEYS = ("turns", "utterances", "segments", "messages")
_DELIMITERS = (",", ";", "\t", "|")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # where the csv module ends a row


def column_key(name: str) -> str:
    """ "Start Time", "start-time" and "START_TIME" all read as start_time."""
    return re.sub(r"[\s\-]+", "_", name.strip().lstrip("\ufeff").casefold())


def _find(keys: Iterable[str], wanted: tuple[str, ...]) -> str | None:
    present = list(keys)
    return next((k for k in wanted if k in present), None)


# --- CSV ------------------------------------------------------------------------------------------


def parse_csv(text: str, limits: Limits | None = None) -> Transcript:
    delimiter, header = _header(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    builder = TurnBuilder(limits)
    try:
        if header is None:
            columns = _headerless_columns(text, delimiter)
        else:
            next(row for row in reader if any(cell.strip() for cell in row))  # the header
            columns = header
        speaker_at, text_at, start_at = columns
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            cell = row[text_at] if text_at < len(row) else ""
            speaker = row[speaker_at] if speaker_at < len(row) else ""
            start = _row_start(row, start_at, reader.line_num)
            builder.add(speaker if speaker.strip() else None, cell, start)
    except csv.Error as exc:
        raise TranscriptError(f"not a readable CSV file (line {reader.line_num}: {exc})") from None
    return builder.build(
        "csv", no_names="no speaker names found (the speaker column is empty)", skipped="row"
    )


def _header(text: str) -> tuple[str, tuple[int, int, int | None] | None]:
    """The delimiter and, when the first row is a header, the speaker/text/start columns."""
    first_line = _LINE_BREAK.split(text.lstrip(), maxsplit=1)[0]
    for delimiter in _DELIMITERS:
        try:
            cells = next(csv.reader([first_line], delimiter=delimiter), [])
        except csv.Error:  # a header cell over the field size limit, say
            continue
        keys = [column_key(cell) for cell in cells]
        speaker, body = _find(keys, SPEAKER_KEYS), _find(keys, TEXT_KEYS)
        if speaker is None and body is None:
            continue
        shown = ", ".join(cell.strip() for cell in cells)[:120]
        if body is None:
            raise TranscriptError(
                f"no text column (the header has: {shown}; expected one of "
                f"{', '.join(TEXT_KEYS[:4])})"
            )
        if speaker is None:
            raise TranscriptError(
                f"no speaker column (the header has: {shown}; expected one of "
                f"{', '.join(SPEAKER_KEYS[:4])})"
            )
        start = _find(keys, START_KEYS)
        return delimiter, (
            keys.index(speaker),
            keys.index(body),
            keys.index(start) if start is not None else None,
        )
    try:
        delimiter = csv.Sniffer().sniff(text[:65536], delimiters="".join(_DELIMITERS)).delimiter
    except csv.Error:
        delimiter = ","
    return delimiter, None


def _headerless_columns(text: str, delimiter: str) -> tuple[int, int, int | None]:
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    first = next((row for row in rows if any(cell.strip() for cell in row)), [])
    if len(first) == 2:
        return 0, 1, None
    if len(first) == 3:
        if _is_time(first[0]):
            return 1, 2, 0
        if _is_time(first[2]):
            return 0, 1, 2
    raise TranscriptError(
        "no header row naming the speaker and text columns (e.g. speaker,text,start)"
    )


def _is_time(cell: str) -> bool:
    try:
        return parse_time(cell) is not None
    except ValueError:
        return False


def _row_start(row: list[str], at: int | None, line: int) -> float | None:
    if at is None or at >= len(row):
        return None
    try:
        return parse_time(row[at])
    except ValueError:
        raise TranscriptError(
            f"line {line}: start {row[at].strip()[:40]!r} is not a time (use seconds or HH:MM:SS)"
        ) from None


# --- JSON -----------------------------------------------------------------------------------------

_SHAPE = 'expected [{"speaker": ..., "text": ...}, ...] or {"turns": [...]}'


def parse_json(text: str, limits: Limits | None = None) -> Transcript:
    try:
        data = json.loads(text)
    except RecursionError:
        raise TranscriptError("JSON nested too deeply to be a transcript") from None
    except ValueError as exc:  # JSONDecodeError, and integers too long to convert
        where = f" (line {exc.lineno}, column {exc.colno})" if hasattr(exc, "lineno") else ""
        raise TranscriptError(f"not valid JSON{where}") from None
    if isinstance(data, dict):
        found = _find((column_key(k) for k in data), _LIST_KEYS)
        data = next((v for k, v in data.items() if column_key(k) == found), None)
    if not isinstance(data, list):
        raise TranscriptError(f"not a list of turns ({_SHAPE})")
    builder = TurnBuilder(limits)
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise TranscriptError(f"turn {number} is not an object ({_SHAPE})")
        fields = {column_key(str(k)): v for k, v in item.items()}
        speaker_key, text_key = _find(fields, SPEAKER_KEYS), _find(fields, TEXT_KEYS)
        if text_key is None:
            raise TranscriptError(f'turn {number} has no "text" ({_SHAPE})')
        body = fields[text_key]
        if not isinstance(body, str):
            raise TranscriptError(f'turn {number}: "{text_key}" must be a string')
        speaker = _json_speaker(fields[speaker_key], number) if speaker_key else None
        builder.add(speaker, body, _json_start(fields, number))
    return builder.build(
        "json", no_names='no speaker names found (no turn has a "speaker")', skipped="turn"
    )


def _json_speaker(value: object, number: int) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, int) and not isinstance(value, bool):
        return f"Speaker {value}"  # diarisation output numbers its speakers
    raise TranscriptError(f'turn {number}: "speaker" must be a string')


def _json_start(fields: dict[str, object], number: int) -> float | None:
    key = _find(fields, START_KEYS)
    if key is None:
        return None
    try:
        return seconds_value(fields[key])
    except ValueError:
        raise TranscriptError(
            f'turn {number}: "{key}" is not a time (use seconds or HH:MM:SS)'
        ) from None
