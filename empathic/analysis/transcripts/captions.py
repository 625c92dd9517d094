"""Caption formats: WebVTT (webvtt-py) and SubRip (srt), as Zoom and Teams export them.

Speaker names come from a `<v Name>` voice tag (Teams) or from "Name: " or "[Name] " at the start
of a cue line (Zoom, and SRT files converted from it). Other cue tags (<i>, <c.yellow>, {\\an8})
are dropped. A cue without a name continues the previous speaker, and consecutive cues by one
speaker become one turn, since Zoom splits a sentence across cues.
"""

from __future__ import annotations

import html
import io
import re
from typing import TYPE_CHECKING

import srt
import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError
from webvtt.models import Timestamp
from webvtt.vtt import WebVTTCueBlock

from empathic.analysis.errors import TranscriptError
from empathic.analysis.transcripts.builder import TurnBuilder, split_speaker, squash

if TYPE_CHECKING:
    from empathic.analysis.transcripts.model import Limits, Transcript

_VOICE = re.compile(r"<v(?:\.[^\s>]*)?[ \t]+([^<>]+)>")
# One tag at a time, never spanning another "<": linear even on lines full of unclosed "<".
_TAG = re.compile(r"<[^<>]*>")
_ASS_TAG = re.compile(r"\{\\[^{}]*\}")
_MAX_VOICE_CHARS = 100


def _add_cue(builder: TurnBuilder, lines: list[str], start: float | None) -> None:
    for line in lines:
        voice = _VOICE.search(line)
        speaker = squash(voice.group(1))[:_MAX_VOICE_CHARS] if voice else None
        text = html.unescape(_ASS_TAG.sub("", _TAG.sub("", line)))
        if not speaker:
            speaker, text = split_speaker(text)
        builder.add(speaker, text, start)


def _quote(line: str) -> str:
    return repr(line if len(line) <= 60 else line[:57] + "...")


def parse_vtt(text: str, limits: Limits | None = None) -> Transcript:
    try:
        document = webvtt.from_buffer(io.StringIO(text))
    except MalformedFileError:
        raise TranscriptError("not a WebVTT file (line 1 must start with WEBVTT)") from None
    # webvtt-py skips cues whose timings it cannot read; a skipped cue is a lost turn, so refuse
    # the file instead. "-->" can only appear on a timings line in WebVTT, so when there are
    # more such lines than cues, one of them is broken.
    arrows = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if "-->" in line]
    if len(arrows) != len(document.captions):
        for number, line in arrows:
            if not _valid_timings(line):
                raise TranscriptError(
                    f"malformed WebVTT cue timings on line {number}: {_quote(line)}"
                )
    if not document.captions:
        raise TranscriptError("no cues found in the WebVTT file")
    builder = TurnBuilder(limits)
    for caption in document.captions:
        _add_cue(builder, caption.lines, caption.start_time.in_milliseconds() / 1000)
    return builder.build(
        "vtt",
        no_names="no speaker names found (expected <v Name> tags or 'Name: ' before cue text)",
        skipped="cue",
    )


def _valid_timings(line: str) -> bool:
    match = WebVTTCueBlock.CUE_TIMINGS_PATTERN.match(line)
    if not match:
        return False
    try:
        Timestamp.from_string(match.group(1))
        Timestamp.from_string(match.group(2))
    except MalformedCaptionError:
        return False
    return True


def parse_srt(text: str, limits: Limits | None = None) -> Transcript:
    try:
        subtitles = list(srt.parse(text))
    except srt.SRTParseError as exc:
        unmatched = exc.unmatched_content
        offset = exc.expected_start + len(unmatched) - len(unmatched.lstrip())
        number = text.count("\n", 0, offset) + 1
        line = text[offset:].split("\n", 1)[0]
        raise TranscriptError(
            f"not a valid SRT file (line {number} is not part of a numbered cue: {_quote(line)})"
        ) from None
    except (ValueError, OverflowError):
        # srt.TimestampParseError is a ValueError; timedelta overflows on absurd hours.
        raise TranscriptError("not a valid SRT file (a cue has an unreadable timestamp)") from None
    if not subtitles:
        raise TranscriptError("no cues found in the SRT file")
    builder = TurnBuilder(limits)
    for subtitle in subtitles:
        _add_cue(builder, subtitle.content.split("\n"), subtitle.start.total_seconds())
    return builder.build(
        "srt",
        no_names="no speaker names found (expected 'Name: ' or '[Name] ' before cue text)",
        skipped="cue",
    )
