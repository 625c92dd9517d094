"""Session transcripts in, speaker turns out: WebVTT and SRT (as Zoom and Teams export them),
plain text, CSV and JSON.

Every failure raises `TranscriptError` with one line fit to show the user: empty, binary or
undecodable files, files over `MAX_BYTES`, malformed captions, a transcript with fewer than two
speakers, an unknown --practitioner name.
"""

from empathic.analysis.transcripts.model import (
    MAX_BYTES,
    MAX_TURNS,
    SUPPORTED_FORMATS,
    Transcript,
    Turn,
)
from empathic.analysis.transcripts.practitioner import identify_practitioner
from empathic.analysis.transcripts.reader import parse_bytes, parse_file, parse_text, sniff_format

__all__ = [
    "MAX_BYTES",
    "MAX_TURNS",
    "SUPPORTED_FORMATS",
    "Transcript",
    "Turn",
    "identify_practitioner",
    "parse_bytes",
    "parse_file",
    "parse_text",
    "sniff_format",
]
