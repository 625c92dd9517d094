"""Transcript parsing: the samples in every format, each format's details, bad input and the
choice of practitioner. Fuzzing is in test_transcripts_fuzz.py."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from empathic.analysis.errors import TranscriptError
from empathic.analysis.transcripts import (
    SUPPORTED_FORMATS,
    Transcript,
    Turn,
    identify_practitioner,
    model,
    parse_bytes,
    parse_file,
    parse_text,
)

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAMPLE_FILES = (
    "session.vtt",
    "session-teams.vtt",
    "session.srt",
    "session.txt",
    "session.csv",
    "session.json",
)
SAM, JORDAN = "Sam Rivera", "Jordan Lee"


def pairs(transcript: Transcript) -> list[tuple[str, str]]:
    return [(turn.speaker, turn.text) for turn in transcript.turns]


def error_of(data: bytes | str, **kwargs: object) -> str:
    with pytest.raises(TranscriptError) as caught:
        if isinstance(data, str):
            parse_text(data, **kwargs)  # type: ignore[arg-type]
        else:
            parse_bytes(data, **kwargs)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    return message


# --- the samples --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reference() -> list[dict[str, object]]:
    return json.loads((SAMPLES / "session.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_every_sample_gives_the_same_turns(name: str, reference: list[dict[str, object]]) -> None:
    transcript = parse_file(SAMPLES / name)

    assert pairs(transcript) == [(t["speaker"], t["text"]) for t in reference]
    assert transcript.speakers == (SAM, JORDAN)
    assert transcript.source_format == name.rsplit(".", 1)[1]
    # Every format carries start times; whole seconds where the format rounds them.
    for turn, expected in zip(transcript.turns, reference, strict=True):
        assert turn.start is not None
        assert abs(turn.start - float(expected["start"])) < 1  # type: ignore[arg-type]


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_samples_are_recognised_without_a_file_name(name: str) -> None:
    data = (SAMPLES / name).read_bytes()

    assert parse_bytes(data).source_format == name.rsplit(".", 1)[1]


def test_zoom_cues_of_one_speaker_merge_into_one_turn() -> None:
    text = (SAMPLES / "session.vtt").read_text(encoding="utf-8")
    transcript = parse_text(text, "vtt")

    assert text.count("-->") > len(transcript.turns) == 38
    assert transcript.turns[5].text.startswith("That I've failed my kids.")
    assert transcript.turns[5].text.endswith("I can't do that to her.")


def test_plain_text_sample_warns_about_its_skipped_title() -> None:
    transcript = parse_file(SAMPLES / "session.txt")

    assert transcript.warnings == ("2 lines were skipped before the first speaker name",)


def test_sample_readme_says_the_session_is_fictional() -> None:
    assert "fictional" in (SAMPLES / "README.md").read_text(encoding="utf-8").lower()


# --- WebVTT -------------------------------------------------------------------------------------

TWO_CUES = "00:00:01.000 --> 00:00:02.000\n{}\n\n00:00:03.000 --> 00:00:04.000\n{}\n"


def test_vtt_voice_tags_with_classes_and_other_tags_stripped() -> None:
    text = "WEBVTT\n\n" + TWO_CUES.format(
        "<v.loud Ana Díaz>I <i>really</i> can't &amp; won't</v>", "<v Bo><c.yellow>Why?</c></v>"
    )

    assert pairs(parse_text(text, "vtt")) == [
        ("Ana Díaz", "I really can't & won't"),
        ("Bo", "Why?"),
    ]


def test_vtt_cue_without_a_name_continues_the_previous_speaker() -> None:
    cues = TWO_CUES.format("Ana: I lost", "my job.") + "\n00:00:05.000 --> 00:00:06.000\nBo: Oh.\n"

    transcript = parse_text("WEBVTT\n\n" + cues, "vtt")

    assert pairs(transcript) == [("Ana", "I lost my job."), ("Bo", "Oh.")]
    assert [turn.start for turn in transcript.turns] == [1.0, 5.0]


def test_vtt_cues_before_the_first_name_are_skipped_with_a_warning() -> None:
    cues = TWO_CUES.format("[music]", "Ana: Hi.") + "\n00:00:05.000 --> 00:00:06.000\nBo: Hi.\n"

    transcript = parse_text("WEBVTT\n\n" + cues, "vtt")

    assert pairs(transcript) == [("Ana", "Hi."), ("Bo", "Hi.")]
    assert transcript.warnings == ("1 cue was skipped before the first speaker name",)


def test_vtt_without_any_speaker_names() -> None:
    message = error_of(("WEBVTT\n\n" + TWO_CUES.format("Hello.", "Hi.")).encode(), filename="a.vtt")

    assert message.startswith("a.vtt: no speaker names found")


def test_vtt_without_the_header_line() -> None:
    message = error_of(TWO_CUES.format("Ana: Hi", "Bo: Hi").encode(), filename="session.vtt")

    assert message == "session.vtt: not a WebVTT file (line 1 must start with WEBVTT)"


def test_vtt_with_a_broken_timing_line_names_the_line() -> None:
    text = "WEBVTT\n\n" + TWO_CUES.format("Ana: Hi", "Bo: Hi").replace("00:00:03.000", "00:0x:03")

    assert "line 6" in error_of(text, format="vtt")
    assert "malformed WebVTT cue timings" in error_of(text, format="vtt")


def test_vtt_with_an_impossible_timestamp_is_refused_not_skipped() -> None:
    text = "WEBVTT\n\n" + TWO_CUES.format("Ana: Hi", "Bo: Hi").replace(
        "00:00:03.000", "00:00:75.000"
    )

    assert "line 6" in error_of(text, format="vtt")


def test_vtt_header_without_cues() -> None:
    assert (
        error_of("WEBVTT\n\nNOTE nothing here\n", format="vtt")
        == "no cues found in the WebVTT file"
    )


def test_srt_content_in_a_vtt_file_gets_a_hint() -> None:
    data = (SAMPLES / "session.srt").read_bytes()

    message = error_of(data, filename="session.vtt")

    assert "not a WebVTT file" in message
    assert message.endswith("the content looks like SRT")


# --- SRT ----------------------------------------------------------------------------------------


def test_srt_with_name_prefixes_and_formatting_tags() -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,500\nAna: <i>Hello</i>\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\n{\\an8}Bo: How are you?\n"
    )

    transcript = parse_text(text, "srt")

    assert pairs(transcript) == [("Ana", "Hello"), ("Bo", "How are you?")]
    assert transcript.turns[1].start == 3.0


def test_srt_with_text_outside_cues_names_the_line() -> None:
    text = "\nSession notes\n\n1\n00:00:01,000 --> 00:00:02,000\nAna: Hi\n"

    message = error_of(text, format="srt")

    assert message == (
        "not a valid SRT file (line 2 is not part of a numbered cue: 'Session notes')"
    )


def test_srt_keeps_blank_lines_inside_a_cue_as_its_text() -> None:
    # The srt library tolerates blank lines in cue text, as many real files have them.
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nAna: Hi\n\nthere\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\nBo: Yo\n"
    )

    assert pairs(parse_text(text, "srt")) == [("Ana", "Hi there"), ("Bo", "Yo")]


# --- plain text ---------------------------------------------------------------------------------


def test_txt_continuation_lines_and_timestamps() -> None:
    text = (
        "[00:01:05] Ana Díaz: I got the letter\n"
        "on Friday.\n"
        "\n"
        "00:01:20 - Bo: What did it say?\n"
        "(1:30) Ana Díaz: That I have to leave.\n"
    )

    transcript = parse_text(text)

    assert pairs(transcript) == [
        ("Ana Díaz", "I got the letter on Friday."),
        ("Bo", "What did it say?"),
        ("Ana Díaz", "That I have to leave."),
    ]
    assert [turn.start for turn in transcript.turns] == [65.0, 80.0, 90.0]


def test_txt_guards_against_false_speakers() -> None:
    text = (
        "Ana: My sister called.\n"
        "She said: you can stay with us.\n"
        "Note: she has a small flat.\n"
        "10:30 is when she finishes work.\n"
        "See https://example.org for details.\n"
        "Bo: That sounds hopeful.\n"
    )

    transcript = parse_text(text)

    assert transcript.speakers == ("Ana", "Bo")
    assert transcript.turns[0].text == (
        "My sister called. She said: you can stay with us. Note: she has a small flat. "
        "10:30 is when she finishes work. See https://example.org for details."
    )


def test_txt_name_and_time_on_their_own_line_as_otter_writes_it() -> None:
    text = "Sam de la Cruz  0:03\nHello, how are you?\n\nClient 1  0:07\nNot good.\nReally not.\n"

    transcript = parse_text(text)

    assert pairs(transcript) == [
        ("Sam de la Cruz", "Hello, how are you?"),
        ("Client 1", "Not good. Really not."),
    ]
    assert [turn.start for turn in transcript.turns] == [3.0, 7.0]


def test_txt_name_time_and_text_as_rev_writes_it() -> None:
    text = "Speaker 1 (00:01:05): Hello.\nSpeaker 2 [01:10]:\nHi.\nMonday 10:30 works for me.\n"

    transcript = parse_text(text)

    assert pairs(transcript) == [
        ("Speaker 1", "Hello."),
        ("Speaker 2", "Hi. Monday 10:30 works for me."),
    ]
    assert [turn.start for turn in transcript.turns] == [65.0, 70.0]


def test_txt_with_full_width_colons_and_question_marks() -> None:
    transcript = parse_text("山田：こんにちは。\n佐藤：元気ですか？大丈夫ですか？\n")

    assert pairs(transcript) == [("山田", "こんにちは。"), ("佐藤", "元気ですか？大丈夫ですか？")]
    # Two full-width questions outscore speaking first.
    assert identify_practitioner(transcript)[0] == "佐藤"


def test_parse_text_sniffs_the_format_when_asked() -> None:
    text = (SAMPLES / "session-teams.vtt").read_text(encoding="utf-8")

    assert parse_text(text, None).source_format == "vtt"


def test_speaker_names_differing_in_case_are_one_speaker() -> None:
    transcript = parse_text("Ana: Hi.\nBo: Hi.\nANA: How are you?\n")

    assert transcript.speakers == ("Ana", "Bo")


def test_txt_without_names() -> None:
    message = error_of("Just some notes\nabout a session.\n", format="txt")

    assert message == "no speaker names found (expected 'Name: text' lines)"


# --- CSV ----------------------------------------------------------------------------------------


def test_csv_with_aliased_columns_in_another_order_and_semicolons() -> None:
    text = "Timestamp;Message;Name\n0:05;Hello, there;Ana\n65.5;Hi;Bo\n;and you?;\n"

    transcript = parse_text(text, "csv")

    assert pairs(transcript) == [("Ana", "Hello, there"), ("Bo", "Hi and you?")]
    assert [turn.start for turn in transcript.turns] == [5.0, 65.5]


def test_csv_without_a_header_reads_the_time_column() -> None:
    transcript = parse_text("00:00:01,Ana,Hi\n00:00:02,Bo,Hello\n", "csv")

    assert pairs(transcript) == [("Ana", "Hi"), ("Bo", "Hello")]
    assert transcript.turns[1].start == 2.0


def test_csv_without_a_text_column() -> None:
    message = error_of(b"speaker,start\nAna,1\nBo,2\n", filename="s.csv")

    assert message == (
        "s.csv: no text column (the header has: speaker, start; "
        "expected one of text, utterance, message, content)"
    )


def test_csv_with_a_bad_start_time_names_the_line() -> None:
    message = error_of("speaker,text,start\nAna,Hi,0:01\nBo,Hello,soon\n", format="csv")

    assert message == "line 3: start 'soon' is not a time (use seconds or HH:MM:SS)"


def test_csv_without_a_header_or_recognisable_columns() -> None:
    assert error_of("a,b,c,d\n1,2,3,4\n", format="csv").startswith("no header row")


# --- JSON ---------------------------------------------------------------------------------------


def test_json_object_with_turns_and_numbered_speakers() -> None:
    data = {"turns": [{"Speaker": 0, "Text": "Hi", "start": "0:01"}, {"speaker": 1, "text": "Yo"}]}

    transcript = parse_text(json.dumps(data), "json")

    assert pairs(transcript) == [("Speaker 0", "Hi"), ("Speaker 1", "Yo")]
    assert [turn.start for turn in transcript.turns] == [1.0, None]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ('{"speaker": "Ana"}', "not a list of turns"),
        ("42", "not a list of turns"),
        ('["Ana: hi"]', "turn 1 is not an object"),
        ('[{"speaker": "Ana"}]', 'turn 1 has no "text"'),
        ('[{"speaker": "Ana", "text": 5}]', 'turn 1: "text" must be a string'),
        ('[{"speaker": ["Ana"], "text": "hi"}]', 'turn 1: "speaker" must be a string'),
        ('[{"speaker": "Ana", "text": "hi", "start": -1}]', 'turn 1: "start" is not a time'),
        ('[{"speaker": "Ana", "text": "hi", "start": 1e999}]', 'turn 1: "start" is not a time'),
        ('[{"speaker": "Ana", "text": "hi"', "not valid JSON (line 1, column 33)"),
        ("[" * 100_000 + "]" * 100_000, "JSON nested too deeply to be a transcript"),
    ],
)
def test_json_shapes_that_are_refused(data: str, expected: str) -> None:
    assert error_of(data, format="json").startswith(expected)


# --- encodings, empty, binary, size -------------------------------------------------------------

DIALOGUE = "Ana: Ça va? J'ai reçu la lettre, señor.\nBo: Désolé d'apprendre ça, vraiment désolé.\n"


@pytest.mark.parametrize(
    "data",
    [
        DIALOGUE.encode("utf-8"),
        codecs.BOM_UTF8 + DIALOGUE.encode("utf-8"),
        DIALOGUE.encode("utf-16"),  # with its byte-order mark
        codecs.BOM_UTF16_BE + DIALOGUE.encode("utf-16-be"),
        DIALOGUE.encode("latin-1"),
        DIALOGUE.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "latin-1", "cp1252"],
)
def test_encodings_are_decoded_right(data: bytes) -> None:
    transcript = parse_bytes(data, filename="chat.txt")

    assert transcript.turns[0].text == "Ça va? J'ai reçu la lettre, señor."
    assert transcript.turns[1].text == "Désolé d'apprendre ça, vraiment désolé."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "x.txt: file is empty"),
        (b" \n\r\n\t ", "x.txt: file is empty"),
        (codecs.BOM_UTF8, "x.txt: file is empty"),
        (b"Ana: hi\x00\nBo: hi\n", "x.txt: binary data, not a transcript (it has NUL bytes"),
        (DIALOGUE.encode("utf-16-le"), "x.txt: binary data, not a transcript (it has NUL bytes"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(1, 256)) * 8, "x.txt: binary data, not a transcript"),
        (b"\x01\x02\x03Ana: hi\x04\x05\nBo: yo\x06\x07", "x.txt: binary data, not a transcript"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "x.txt: not valid UTF-16 text despite its"),
    ],
    ids=["empty", "blank", "bom-only", "nul", "utf-16-no-bom", "png", "controls", "bad-utf-16"],
)
def test_empty_and_binary_input(data: bytes, expected: str) -> None:
    assert error_of(data, filename="x.txt").startswith(expected)


def test_a_few_stray_control_characters_are_dropped() -> None:
    text = "Ana: I got the letter on Friday and I \x07have not slept.\nBo: That is hard.\n" * 3

    transcript = parse_text(text)

    assert transcript.turns[0].text == "I got the letter on Friday and I have not slept."
    assert not any("\x07" in turn.text for turn in transcript.turns)


def test_bytes_over_the_limit_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "MAX_BYTES", 1_000)

    message = error_of(b"Ana: hi\nBo: hi\n" * 500, filename="big.txt")

    assert message == "big.txt: file is 7.5 kB; the limit is 1 kB"


def test_a_file_just_over_the_limit_shows_exact_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "MAX_BYTES", 20_000_000)

    message = error_of(b" " * 20_000_001, filename="big.txt")

    assert message == "big.txt: file is 20,000,001 bytes; the limit is 20,000,000 bytes"


def test_a_210_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.vtt"
    with path.open("wb") as handle:
        handle.truncate(210_000_000)  # sparse: no disk space, no memory, same reported size

    with pytest.raises(TranscriptError) as caught:
        parse_file(path)

    assert str(caught.value) == "huge.vtt: file is 210 MB; the limit is 20 MB"


def test_too_many_turns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "MAX_TURNS", 3)

    message = error_of("Ana: 1\nBo: 2\nAna: 3\nBo: 4\n")

    assert message == "more than 3 turns; this is not one conversation (split the file)"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(TranscriptError, match=r"no such file$"):
        parse_file(tmp_path / "nope.vtt")
    with pytest.raises(TranscriptError, match="is a directory"):
        parse_file(tmp_path)


def test_unknown_format() -> None:
    message = error_of(b"Ana: hi\nBo: hi\n", format="docx")

    assert message == "unknown transcript format 'docx'; use one of vtt, srt, txt, csv, json"


def test_formats_list() -> None:
    assert SUPPORTED_FORMATS == ("vtt", "srt", "txt", "csv", "json")


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("Ana: hi\nAna: still me\n", "txt"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ana>hi\n", "vtt"),
        ("speaker,text\nAna,hi\nANA,again\n", "csv"),
        ('[{"speaker": "Ana", "text": "hi"}]', "json"),
    ],
)
def test_one_speaker_is_not_a_conversation(text: str, fmt: str) -> None:
    assert error_of(text, format=fmt) == "only one speaker (Ana); a conversation needs two"


# --- the practitioner ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def session() -> Transcript:
    return parse_file(SAMPLES / "session.json")


@pytest.mark.parametrize(
    ("name", "expected", "method"),
    [
        ("Sam Rivera", SAM, "named with --practitioner"),
        ("  jordan   LEE ", JORDAN, "named with --practitioner"),
        ("sam", SAM, "named with --practitioner ('sam' matched Sam Rivera)"),
        ("Jor", JORDAN, "named with --practitioner ('Jor' matched Jordan Lee)"),
    ],
)
def test_named_practitioner(session: Transcript, name: str, expected: str, method: str) -> None:
    assert identify_practitioner(session, name) == (expected, method)


def test_unknown_practitioner_lists_the_speakers(session: Transcript) -> None:
    with pytest.raises(TranscriptError) as caught:
        identify_practitioner(session, "Alex")

    assert str(caught.value) == "no speaker named 'Alex'; the speakers are Sam Rivera, Jordan Lee"


def test_ambiguous_and_empty_practitioner() -> None:
    transcript = Transcript(
        (Turn("Sam Rivera", "Hi?", None), Turn("Sam Lee", "Hi.", None)), source_format="txt"
    )

    with pytest.raises(TranscriptError, match="matches Sam Rivera, Sam Lee; give the full name"):
        identify_practitioner(transcript, "sam")
    with pytest.raises(TranscriptError, match="--practitioner is empty"):
        identify_practitioner(transcript, " ")


def test_heuristic_finds_the_social_worker_in_the_sample(session: Transcript) -> None:
    name, method = identify_practitioner(session)

    assert name == SAM
    assert method.startswith("heuristic: Sam Rivera scores highest")
    assert "Sam Rivera: 10 questions, 2 reflective openers, spoke first" in method
    assert "Jordan Lee: 1 question, 0 reflective openers" in method


def test_heuristic_prefers_questions_and_reflections_over_speaking_first() -> None:
    transcript = parse_text(
        "Client: I can't cope any more.\n"
        "Worker: It sounds like everything has piled up. What has been hardest?\n"
        "Client: The money.\n"
        "Worker: What worries you most about it?\n"
    )

    assert identify_practitioner(transcript)[0] == "Worker"


def test_heuristic_tie_takes_the_first_speaker_and_says_so() -> None:
    transcript = parse_text("Ana: Hello.\nBo: Why?\nAna: Fine.\n")

    name, method = identify_practitioner(transcript)

    assert name == "Ana"
    assert "Ana and Bo tie on the score" in method
    assert "the earliest to speak, Ana, is taken as the practitioner" in method


def test_practitioner_of_a_one_speaker_transcript() -> None:
    transcript = Transcript((Turn("Ana", "Hi", None),), source_format="txt")

    with pytest.raises(TranscriptError, match=r"only one speaker \(Ana\)"):
        identify_practitioner(transcript)
