"""Fuzzing the transcript parsers with hypothesis: whatever comes in, a parser either returns a
well-formed Transcript or raises TranscriptError, never another exception; and transcripts
written in any format read back as the turns they were written from."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from empathic.analysis.errors import TranscriptError
from empathic.analysis.transcripts import SUPPORTED_FORMATS, Transcript, parse_bytes, parse_text

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
FORMATS = (*SUPPORTED_FORMATS, None)  # None: sniff the format from the content

# conftest.py's autouse settings fixture is function-scoped; it does not change between examples.
fuzz = settings(
    max_examples=100,
    deadline=None,  # charset-normalizer's first call is slow; no test asserts on time
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def check(transcript: Transcript) -> None:
    """What every successful parse guarantees to the analysis."""
    assert transcript.source_format in SUPPORTED_FORMATS
    assert len(transcript.speakers) >= 2
    for before, turn in zip(transcript.turns, transcript.turns[1:], strict=False):
        assert before.speaker != turn.speaker  # consecutive pieces of one speaker were merged
    for turn in transcript.turns:
        assert turn.text and turn.text == " ".join(turn.text.split())
        assert turn.speaker and turn.speaker == turn.speaker.strip()
        assert turn.start is None or (math.isfinite(turn.start) and turn.start >= 0)


def parse_or_refuse(call: object, *args: object, **kwargs: object) -> None:
    try:
        transcript = call(*args, **kwargs)  # type: ignore[operator]
    except TranscriptError as exc:
        message = str(exc)
        assert message and "\n" not in message
    else:
        check(transcript)


@pytest.mark.parametrize("fmt", FORMATS)
@fuzz
@given(data=st.binary(max_size=2_000))
@example(data=b"\xff\xfe")
@example(data=b"WEBVTT\n\n00:00:00.000 --> 99999999999:00:00.000\nA: x\n")
@example(data=b"1\n99999999999999:00:00,000 --> 00:00:01,000\nA: x\n\n")
def test_arbitrary_bytes(fmt: str | None, data: bytes) -> None:
    parse_or_refuse(parse_bytes, data, filename="upload", format=fmt)


@pytest.mark.parametrize("fmt", SUPPORTED_FORMATS)
@fuzz
@given(text=st.text(max_size=1_000))
def test_arbitrary_text(fmt: str, text: str) -> None:
    parse_or_refuse(parse_text, text, fmt)


# Text that looks like transcripts: names, colons, brackets, tags, times, arrows, quotes.
PIECES = st.sampled_from(
    ["Ana: ", "Bo: ", "[Ana] ", "<v Bo>", "</v>", "<i>", "WEBVTT", "\n", "\n\n", "1\n",
     "00:00:01.000 --> 00:00:02.000", "00:00:01,000 --> 00:00:02,000", "-->", "[00:01:02] ",
     "0:03", "speaker,text,start\n", ",", ";", '"', "{", "}", "[", "]", '"speaker"', '"text"',
     ":", " ", "hi", "Note: ", "&amp;", "\t", "99999999999:", "?", "It sounds like"]
)  # fmt: skip


@pytest.mark.parametrize("fmt", FORMATS)
@fuzz
@given(pieces=st.lists(PIECES | st.text(max_size=5), max_size=60))
def test_transcript_like_text(fmt: str | None, pieces: list[str]) -> None:
    parse_or_refuse(parse_bytes, "".join(pieces).encode(), format=fmt)


SAMPLE_NAMES = ("session.vtt", "session-teams.vtt", "session.srt", "session.txt",
                "session.csv", "session.json")  # fmt: skip


@pytest.mark.parametrize("name", SAMPLE_NAMES)
@fuzz
@given(edits=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 8), st.binary(max_size=4))))
def test_damaged_samples(name: str, edits: list[tuple[float, int, bytes]]) -> None:
    data = bytearray((SAMPLES / name).read_bytes())
    for where, cut, insert in edits:  # cut a few bytes somewhere and insert others
        at = int(where * len(data))
        data[at : at + cut] = insert
    parse_or_refuse(parse_bytes, bytes(data), filename=name)


# --- round trip: write turns in each format, read the same turns back ---------------------------

NAMES = st.sampled_from(["Sam Rivera", "Jordan Lee", "Client", "Ana Díaz", "Practitioner 2"])
# Words without characters that carry meaning in some format (":", "<", "[", "-->", "&").
WORDS = st.text(
    alphabet=st.characters(
        categories=("L", "N"), include_characters="'.,!?\"()", exclude_characters="\x00"
    ),
    min_size=1,
    max_size=12,
)
TURNS = st.lists(
    st.tuples(NAMES, st.lists(WORDS, min_size=1, max_size=8).map(" ".join)), min_size=2
)


def stamp(seconds: float, sep: str) -> str:
    ms = round(seconds * 1000)
    return (
        f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}{sep}{ms % 1000:03d}"
    )


def write(fmt: str, turns: list[tuple[str, str]]) -> str:
    if fmt == "vtt":
        return "WEBVTT\n\n" + "".join(
            f"{stamp(i, '.')} --> {stamp(i + 0.5, '.')}\n<v {who}>{text}</v>\n\n"
            for i, (who, text) in enumerate(turns)
        )
    if fmt == "srt":
        return "".join(
            f"{i + 1}\n{stamp(i, ',')} --> {stamp(i + 0.5, ',')}\n{who}: {text}\n\n"
            for i, (who, text) in enumerate(turns)
        )
    if fmt == "txt":
        return "".join(
            f"[{stamp(i, '.')[:8]}] {who}: {text}\n" for i, (who, text) in enumerate(turns)
        )
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["speaker", "text", "start"])
        writer.writerows([who, text, i] for i, (who, text) in enumerate(turns))
        return out.getvalue()
    return json.dumps(
        [{"speaker": who, "text": text, "start": i} for i, (who, text) in enumerate(turns)]
    )


def merged(turns: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for who, text in turns:
        if out and out[-1][0] == who:
            out[-1] = (who, f"{out[-1][1]} {text}")
        else:
            out.append((who, text))
    return out


@pytest.mark.parametrize("fmt", SUPPORTED_FORMATS)
@fuzz
@given(turns=TURNS)
def test_round_trip(fmt: str, turns: list[tuple[str, str]]) -> None:
    expected = merged(turns)
    text = write(fmt, turns)
    if len({who for who, _ in expected}) < 2:
        with pytest.raises(TranscriptError, match="only one speaker"):
            parse_text(text, fmt)
        return

    transcript = parse_bytes(text.encode(), filename=f"session.{fmt}")

    assert [(t.speaker, t.text) for t in transcript.turns] == expected
    assert transcript.turns[0].start == 0.0
