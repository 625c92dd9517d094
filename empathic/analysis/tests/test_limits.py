"""The limits on one conversation: characters in a turn, words, turns, bytes, analysis time and
report size. Oversized input is refused with a one-line reason while it is parsed; a real
2-hour session passes the defaults."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from empathic.analysis.errors import AnalysisError, AnalysisTimeout, LimitExceeded
from empathic.analysis.pipeline import analyse_transcript, get_analyser
from empathic.analysis.report.html import render_html
from empathic.analysis.transcripts import (
    Limits,
    Transcript,
    Turn,
    check_limits,
    model,
    parse_bytes,
    parse_file,
    parse_text,
)
from empathic.cli import app

from .test_report import HOSTILE, sample_analysis

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SMALL = Limits(max_turn_chars=200, max_words=100, max_turns=50)

CLIENT = "I keep reading the notice over and over and I cannot sleep at night any more."
PRACTITIONER = "It sounds like that notice has taken over your nights. What feels hardest?"


def two_hour_session() -> str:
    """About what a 2-hour session transcribes to: 1,200 turns, 18,000+ words, and one
    client monologue of 7,000 characters (several minutes of telling a story)."""
    lines = []
    for _ in range(600):
        lines.append(f"Sam Rivera: {PRACTITIONER}")
        lines.append(f"Jordan Lee: {CLIENT}")
    lines[301] = "Jordan Lee: " + " ".join([CLIENT] * 90)  # ~7,100 characters
    return "\n".join(lines) + "\n"


def test_a_real_two_hour_session_passes_the_defaults() -> None:
    transcript = parse_text(two_hour_session())

    assert len(transcript.turns) == 1200
    assert transcript.words > 18_000
    assert max(len(turn.text) for turn in transcript.turns) > 7_000


def test_the_defaults_are_stated_and_follow_the_module(monkeypatch: pytest.MonkeyPatch) -> None:
    limits = Limits()
    assert (limits.max_turn_chars, limits.max_words, limits.max_seconds) == (10_000, 40_000, 900)
    assert (limits.max_bytes, limits.max_turns) == (model.MAX_BYTES, model.MAX_TURNS)
    monkeypatch.setattr(model, "MAX_WORDS", 7)
    assert Limits().max_words == 7


def test_a_turn_over_the_limit_is_refused_with_its_number() -> None:
    text = f"Ana: hello\nBo: {'word ' * 50}\nAna: ok\n"

    with pytest.raises(LimitExceeded) as caught:
        parse_text(text, limits=SMALL)

    error = caught.value
    assert (error.limit, error.maximum, error.turn) == ("max_turn_chars", 200, 2)
    assert str(error) == (
        "turn 2 is longer than 200 characters, the limit for one turn "
        "(does every turn start with the speaker's name?)"
    )


def test_a_turn_grows_past_the_limit_across_merged_cues() -> None:
    cues = "".join(
        f"{n}\n00:00:{n:02d},000 --> 00:00:{n:02d},900\nAna: {'words and words ' * 4}\n\n"
        for n in range(1, 10)
    )
    with pytest.raises(LimitExceeded, match="turn 1 is longer than 200"):
        parse_bytes(cues.encode(), filename="session.srt", limits=SMALL)


def test_one_huge_turn_is_refused_while_it_is_read() -> None:
    """The finding: a single-turn file of megabytes. Refused at that turn, under the byte limit,
    before the rest of the file is looked at (no redaction, no analysis)."""
    data = b"Ana: hello\nBo: " + b"so tired " * 400_000 + b"\nAna: I see.\n"  # 3.6 MB

    with pytest.raises(LimitExceeded) as caught:
        parse_bytes(data, filename="big.txt")

    assert caught.value.limit == "max_turn_chars"
    assert str(caught.value).startswith("big.txt: turn 2 is longer than 10,000 characters")


def test_words_over_the_limit_are_refused() -> None:
    text = "".join("Ana: one two three four\nBo: five six seven eight\n" for _ in range(20))

    with pytest.raises(LimitExceeded) as caught:
        parse_text(text, limits=SMALL)

    assert caught.value.limit == "max_words"
    assert str(caught.value) == (
        "more than 100 words, the limit for one conversation (split the file)"
    )


def test_turns_and_bytes_over_their_limits_are_limit_errors() -> None:
    with pytest.raises(LimitExceeded) as turns:
        parse_text("Ana: a\nBo: b\n" * 30, limits=SMALL)
    with pytest.raises(LimitExceeded) as size:
        parse_bytes(b"Ana: a\nBo: b\n" * 100, filename="s.txt", limits=Limits(max_bytes=100))

    assert turns.value.limit == "max_turns" and size.value.limit == "max_bytes"
    assert str(size.value) == "s.txt: file is 1.3 kB; the limit is 100 bytes"


def test_a_limit_error_names_no_other_format() -> None:
    """WebVTT saved as .txt, over a limit: too large in any format, so no "looks like VTT"."""
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAna: hi\n\n"
    text += f"00:00:03.000 --> 00:00:09.000\nBo: {'word ' * 50}\n"

    with pytest.raises(LimitExceeded) as caught:
        parse_bytes(text.encode(), filename="s.txt", limits=SMALL)

    assert "looks like" not in str(caught.value)


def test_check_limits_applies_to_transcripts_built_elsewhere() -> None:
    long = Transcript((Turn("A", "hi", None), Turn("B", "x" * 201, None)), "txt")

    with pytest.raises(LimitExceeded, match="turn 2 is longer"):
        check_limits(long, SMALL)
    check_limits(long, Limits())


# --- analysis time ---------------------------------------------------------------------------


class Ticking:
    """A clock that moves one second each time it is read."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def test_the_analysis_stops_with_a_reason_once_its_budget_is_spent() -> None:
    transcript = parse_file(SAMPLES / "session.txt")

    with pytest.raises(AnalysisTimeout) as caught:
        analyse_transcript(
            transcript,
            practitioner="Sam Rivera",
            suggestions=False,
            analyser=get_analyser(),
            limits=Limits(max_seconds=3),
            clock=Ticking(),
        )

    error = caught.value
    assert error.budget == 3 and error.total == len(transcript.turns)
    assert error.done < error.total
    assert re.fullmatch(
        r"the analysis ran past its time budget of 3 seconds and was stopped "
        r"\((scoring turns|writing feedback), \d+ of \d+ turns done\); "
        r"split the transcript into shorter parts",
        str(error),
    )


def test_no_budget_means_no_stop() -> None:
    transcript = parse_file(SAMPLES / "session.txt")
    analysis = analyse_transcript(
        transcript,
        practitioner="Sam Rivera",
        suggestions=False,
        analyser=get_analyser(),
        limits=Limits(max_seconds=None),
        clock=Ticking(),
    )
    assert len(analysis.turns) == len(transcript.turns)


def test_a_stored_transcript_over_the_limits_is_refused_before_scoring() -> None:
    transcript = Transcript(
        (Turn("Practitioner", "Hello.", None), Turn("Client", "word " * 60, None)), "txt"
    )
    with pytest.raises(LimitExceeded, match="turn 2"):
        analyse_transcript(transcript, practitioner="Practitioner", limits=SMALL, analyser=object())


# --- the standalone report -------------------------------------------------------------------


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(sample_analysis(" " + HOSTILE))


def test_the_report_has_a_content_security_policy_before_anything_it_governs(page: str) -> None:
    head = page.split("</head>", 1)[0]
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', head)
    assert policy is not None
    directives = {d.split()[0]: d.split()[1:] for d in policy.group(1).split("; ")}
    assert directives["default-src"] == ["'none'"]
    assert directives["style-src"] == ["'unsafe-inline'"]  # its <style> and style="" attributes
    assert directives["base-uri"] == ["'none'"] and directives["form-action"] == ["'none'"]
    assert "script-src" not in directives  # none: default-src 'none' forbids every script
    assert head.index("Content-Security-Policy") < head.index("<style")
    # What the policy relies on: nothing in the page loads a script or a URL.
    assert "<script" not in page and not re.search(r'\s(?:src|href)="(?!#)', page)


def test_a_report_over_its_size_limit_is_refused(page: str) -> None:
    size = len(page.encode())
    analysis = sample_analysis(" " + HOSTILE)

    assert render_html(analysis, max_bytes=size)
    with pytest.raises(AnalysisError, match=r"the HTML report would be .* MB, over the"):
        render_html(analysis, max_bytes=size - 1)


# --- the CLI ---------------------------------------------------------------------------------


def test_the_cli_refuses_an_oversized_turn_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "session.txt"
    path.write_text(f"Sam: Hello.\nAlex: {'so tired ' * 2000}\nSam: I hear you.\n")

    result = CliRunner().invoke(app, ["analyze", str(path), "--no-suggestions"])

    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "error: session.txt: turn 2 is longer than 10,000 characters, the limit for one turn "
        "(does every turn start with the speaker's name?)\n"
    )


def test_the_cli_writes_no_report_over_the_size_limit(tmp_path: Path, monkeypatch) -> None:
    from empathic.analysis import commands

    path, html = tmp_path / "session.txt", tmp_path / "report.html"
    path.write_text("Sam: Hello.\nAlex: Hi.\n")
    monkeypatch.setattr(commands, "_analyse_file", lambda *a, **k: sample_analysis(" " + HOSTILE))
    monkeypatch.setattr(model, "MAX_REPORT_BYTES", 1_000)

    result = CliRunner().invoke(app, ["analyze", str(path), "--html", str(html)])

    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"error: {html}: the HTML report would be ")
    assert len(result.stderr.splitlines()) == 1 and not html.exists()
