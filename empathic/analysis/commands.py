"""`empathic analyze`: a transcript in, a report out (terminal text, --json, --html); and
`empathic bench`, which times the scorer and the full analysis together.

The command is thin: it checks paths, calls the pipeline and a renderer. Every failure a user can
cause (missing or unreadable file, bad transcript, unwritable --html) is one `error:` line and
exit code 2; the HTML file is written atomically, so it is never left half-written.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from empathic.nlp.errors import NlpError

if TYPE_CHECKING:
    from empathic.analysis.results import ConversationAnalysis

EXIT_BAD_INPUT = 2


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code=EXIT_BAD_INPUT)


def _analyse_file(
    path: Path, *, practitioner: str | None, suggestions: bool
) -> ConversationAnalysis:
    # Imported here: the models load only when a conversation is analysed, not for `--help`.
    from empathic.analysis.pipeline import analyse_file  # noqa: PLC0415

    return analyse_file(path, practitioner=practitioner, suggestions=suggestions)


def _check_input(path: Path) -> None:
    if not path.exists():
        raise _fail(f"{path}: no such file")
    if path.is_dir():
        raise _fail(f"{path}: is a directory, not a transcript")
    if not os.access(path, os.R_OK):
        raise _fail(f"{path}: permission denied")


def _check_output(path: Path) -> None:
    """Fail before the (slow) analysis when the report could not be written anyway."""
    if path.is_dir():
        raise _fail(f"{path}: is a directory; give a file name for --html")
    parent = path.parent
    if not parent.is_dir():
        raise _fail(f"{parent}: no such directory for --html")
    if not os.access(parent, os.W_OK):
        raise _fail(f"{parent}: permission denied for --html")


def write_atomically(path: Path, text: str) -> None:
    """Write to a temp file beside `path`, then rename over it: readers see old or new, whole."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)  # mkstemp makes 0600; a report is meant to be shared
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def analyze(
    path: Annotated[
        Path,
        # readable=False: click's own check prints a usage box; ours prints the one-line error.
        typer.Argument(help="Transcript: .vtt, .srt, .txt, .csv or .json.", readable=False),
    ],
    practitioner: Annotated[
        str | None,
        typer.Option(help="The practitioner's speaker name; default: inferred from the talk."),
    ] = None,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html", help="Also write a self-contained HTML report here.", readable=False
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the full analysis as one JSON object.")
    ] = False,
    suggestions: Annotated[
        bool,
        typer.Option(
            "--suggestions/--no-suggestions", help="Rewrite suggestions for missed turns."
        ),
    ] = True,
    color: Annotated[
        bool | None,
        typer.Option("--color/--no-color", help="Colour highlights; default: when a terminal."),
    ] = None,
) -> None:
    """Analyse a session transcript: empathy, MI codes, client signals, feedback."""
    _check_input(path)
    if html is not None:
        _check_output(html)
    try:
        analysis = _analyse_file(path, practitioner=practitioner, suggestions=suggestions)
    except NlpError as error:  # AnalysisError and TranscriptError derive from it
        raise _fail(str(error)) from None
    except OSError as error:
        raise _fail(f"{path}: {error.strerror or error}") from None
    _warn_if_unsure(analysis)

    # Jinja2 and the report modules (~0.3 s): loaded once there is something to render.
    from empathic.analysis.report import render_html, render_text  # noqa: PLC0415

    if html is not None:
        try:
            write_atomically(html, render_html(analysis))
        except NlpError as error:  # a report over the size limit
            raise _fail(f"{html}: {error}") from None
        except OSError as error:
            raise _fail(f"{html}: {error.strerror or error}") from None
    if as_json:
        typer.echo(json.dumps(analysis.to_dict(), ensure_ascii=False))
    else:
        if color is None:
            color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        typer.echo(render_text(analysis, color=color), nl=False, color=color)
    if html is not None:
        typer.echo(f"HTML report written to {html}", err=True)


def _warn_if_unsure(analysis: ConversationAnalysis) -> None:
    """One stderr line when the practitioner was guessed with little margin: a wrong guess
    turns every score around, so say whom we took and how to name the right one."""
    detection = analysis.practitioner_detection
    if detection is None or not detection.needs_confirmation:
        return
    typer.echo(
        f"warning: took {analysis.practitioner!r} as the practitioner with low confidence "
        f"({detection.confidence:.2f} < {detection.threshold:.2f}); if that is wrong, run again "
        "with --practitioner NAME",
        err=True,
    )


def bench(
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    pairs: Annotated[int, typer.Option(min=32, help="Pairs in the throughput workload.")] = 256,
    model: Annotated[Path | None, typer.Option(help="Bundle folder.")] = None,
    turns: Annotated[
        int, typer.Option(min=0, help="Turns in the full-analysis workload; 0 skips it.")
    ] = 2000,
    session_turns: Annotated[
        int, typer.Option(min=2, help="Turns of the end-to-end `empathic analyze` session.")
    ] = 400,
) -> None:
    """Pairs per second (scorer and bare encoder), single-pair latency, peak memory, and full
    conversation analysis in turns per second (every head and feedback)."""
    # numpy and onnxruntime: loaded by the command, not for `empathic --help`.
    from empathic.nlp.bench import run_bench  # noqa: PLC0415
    from empathic.nlp.scorer import load_scorer  # noqa: PLC0415

    try:
        scorer = load_scorer(model or "epitome")
        report = run_bench(scorer, n_pairs=pairs)
        if turns:
            # Only for the full-analysis workload: with --turns 0, rss_mb is the scorer's alone.
            from empathic.analysis.bench import merge_into  # noqa: PLC0415
            from empathic.analysis.turn_signals import TurnSignals  # noqa: PLC0415
            from empathic.nlp.signal_heads import load_signals  # noqa: PLC0415

            analyser = TurnSignals(scorer, load_signals(scorer))
            report = merge_into(report, analyser, turns, session_turns)
    except NlpError as error:
        raise _fail(str(error)) from None
    if as_json:
        typer.echo(json.dumps(report))
        return
    for key, value in report.items():
        typer.echo(f"{key:<26}{value:>10}")


def register(app: typer.Typer) -> None:
    """Add `bench` and `analyze` to the main `empathic` Typer app (after the engine's `train` and
    `evaluate`, so `empathic --help` lists them in the same order as ever)."""
    app.command("bench")(bench)
    app.command("analyze")(analyze)
