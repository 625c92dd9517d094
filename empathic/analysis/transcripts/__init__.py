"""Session transcripts in, speaker turns out: WebVTT and SRT (as Zoom and Teams export them),
plain text, CSV and JSON.

Every failure raises `TranscriptError` with one line fit to show the user: empty, binary or
undecodable files, malformed captions, a transcript with fewer than two speakers, an unknown
--practitioner name. A file over one of the `Limits` (bytes, turns, characters in a turn, words)
raises `LimitExceeded`, a `TranscriptError`, as soon as the parser crosses the limit.
"""

from empathic.analysis.transcripts.builder import check_limits
from empathic.analysis.transcripts.model import (
    MAX_BYTES,
    MAX_TURNS,
    SUPPORTED_FORMATS,
    Limits,
    Transcript,
    Turn,
)
from empathic.analysis.transcripts.practitioner import identify_practitioner
from empathic.analysis.transcripts.reader import parse_bytes, parse_file, parse_text, sniff_format

__all__ = [
    "MAX_BYTES",
    "MAX_TURNS",
    "SUPPORTED_FORMATS",
    "Limits",
    "Transcript",
    "Turn",
    "check_limits",
    "identify_practitioner",
    "parse_bytes",
    "parse_file",
    "parse_text",
    "sniff_format",
]
