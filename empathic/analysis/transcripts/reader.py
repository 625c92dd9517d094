"""Entry points: a file, bytes (an upload) or text to a Transcript, choosing the format from the
file name's suffix, else from the content."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from empathic.analysis.errors import LimitExceeded, TranscriptError
from empathic.analysis.transcripts.captions import parse_srt, parse_vtt
from empathic.analysis.transcripts.decoding import clean, decode
from empathic.analysis.transcripts.model import SUPPORTED_FORMATS, Limits, Transcript
from empathic.analysis.transcripts.plain import parse_txt
from empathic.analysis.transcripts.tabular import (
    SPEAKER_KEYS,
    TEXT_KEYS,
    column_key,
    parse_csv,
    parse_json,
)

if TYPE_CHECKING:
    from collections.abc import Callable

_PARSERS: dict[str, Callable[[str, Limits], Transcript]] = {
    "vtt": parse_vtt,
    "srt": parse_srt,
    "txt": parse_txt,
    "csv": parse_csv,
    "json": parse_json,
}
_SUFFIXES = {
    ".vtt": "vtt",
    ".webvtt": "vtt",
    ".srt": "srt",
    ".txt": "txt",
    ".text": "txt",
    ".csv": "csv",
    ".tsv": "csv",
    ".json": "json",
}
_SRT_START = re.compile(r"\d+[ \t]*\r?\n[^\n]*-->")


def parse_file(
    path: str | Path, format: str | None = None, *, limits: Limits | None = None
) -> Transcript:
    """Read and parse a transcript file; its size is checked before it is read."""
    path = Path(path)
    limits = limits or Limits()
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            _check_size(size, path.name, limits)
            # Read one byte past the limit: a pipe or a growing file reports no honest size.
            data = handle.read(limits.max_bytes + 1)
    except FileNotFoundError:
        raise TranscriptError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise TranscriptError(f"{path}: is a directory, not a transcript file") from None
    except PermissionError:
        raise TranscriptError(f"{path}: permission denied") from None
    except OSError as exc:
        raise TranscriptError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return parse_bytes(data, filename=path.name, format=format, limits=limits)


def parse_bytes(
    data: bytes,
    *,
    filename: str = "",
    format: str | None = None,
    limits: Limits | None = None,
) -> Transcript:
    """Parse an uploaded transcript; errors name the file when a filename is given."""
    name = PurePath(filename).name
    limits = limits or Limits()
    try:
        _check_size(len(data), "", limits)
        chosen = _check_format(format) or _SUFFIXES.get(PurePath(filename).suffix.lower())
        text = decode(data)
        return _parse(text, chosen, limits, from_suffix=format is None)
    except TranscriptError as exc:
        if name and not str(exc).startswith(f"{name}: "):
            exc.args = (f"{name}: {exc}",)  # the same error (a LimitExceeded stays one)
        raise


def parse_text(
    text: str, format: str | None = "txt", *, limits: Limits | None = None
) -> Transcript:
    """Parse a transcript already in memory as text (pasted into a form, say); format None
    sniffs it from the content."""
    limits = limits or Limits()
    if len(text) > limits.max_bytes:  # characters, not bytes: close enough to refuse early
        _check_size(len(text.encode("utf-8")), "", limits)
    return _parse(clean(text), _check_format(format), limits, from_suffix=False)


def sniff_format(text: str) -> str:
    """The format the content looks like; plain text when nothing else fits."""
    head = text.lstrip()
    if head.startswith("WEBVTT"):
        return "vtt"
    if head[:1] in "[{":
        try:
            json.loads(text)
        except (ValueError, RecursionError):
            pass
        else:
            return "json"
    head = head[:65_536]  # the rest cannot change the answer, and a file may be one long line
    if _SRT_START.match(head):
        return "srt"
    first_line = head.split("\n", 1)[0]
    for delimiter in (",", ";", "\t", "|"):
        keys = {column_key(cell) for cell in first_line.split(delimiter)}
        if keys & set(SPEAKER_KEYS) and keys & set(TEXT_KEYS):
            return "csv"
    return "txt"


def _parse(text: str, format: str | None, limits: Limits, *, from_suffix: bool) -> Transcript:
    chosen = format or sniff_format(text)
    try:
        return _PARSERS[chosen](text, limits)
    except LimitExceeded:
        raise  # too large in any format: another format's name would not help
    except TranscriptError as exc:
        looks = sniff_format(text) if format is not None and from_suffix else chosen
        if looks in (chosen, "txt"):
            raise
        raise TranscriptError(f"{exc}; the content looks like {looks.upper()}") from None


def _check_format(format: str | None) -> str | None:
    if format is None:
        return None
    chosen = format.strip().lower().lstrip(".")
    if chosen not in SUPPORTED_FORMATS:
        raise TranscriptError(
            f"unknown transcript format {format!r}; use one of {', '.join(SUPPORTED_FORMATS)}"
        )
    return chosen


def _check_size(size: int, name: str, limits: Limits) -> None:
    maximum = limits.max_bytes
    if size > maximum:
        prefix = f"{name}: " if name else ""
        shown, limit = _size(size), _size(maximum)
        if shown == limit:  # 20.0 MB against 20 MB: show bytes so the difference is visible
            shown, limit = f"{size:,} bytes", f"{maximum:,} bytes"
        raise LimitExceeded(
            f"{prefix}file is {shown}; the limit is {limit}", limit="max_bytes", maximum=maximum
        )


def _size(n: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n:,} bytes"
