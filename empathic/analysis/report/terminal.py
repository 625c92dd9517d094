"""The terminal report: summary first, then the moments worth a supervisor's time, then the turns.

Readable in 100 columns. Rationale phrases are highlighted with ANSI styles when colour is on and
with [brackets] when it is off; either way each highlight carries its mechanism as text, e.g.
"[I'm so sorry](ER)", so the meaning never rests on colour alone.
"""

from __future__ import annotations

import re
import textwrap
from gettext import gettext as _
from typing import TYPE_CHECKING

from empathic.analysis.report.common import (
    MAX_EMOTIONS,
    band_text,
    clock,
    concern_phrase,
    highlight_segments,
    levels_text,
    percent,
    preceding_client,
    turn_number,
)
from empathic.analysis.report.quality import quality_text
from empathic.analysis.report.ruptures import (
    NOT_REPAIRED_STYLE,
    REPAIRED_STYLE,
    rupture_text,
    turn_notes,
)
from empathic.core.vocabulary import (
    CONCERN,
    MECHANISMS,
    METRICS,
    capitalised,
    concern_name,
    level_name,
    mechanism_name,
    mechanism_names,
    mechanism_tag,
    metric_compact,
    mi_code_name,
    rating_name,
    talk_name,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from empathic.analysis.results import ConversationAnalysis, TurnAnalysis
    from empathic.core.highlight import Segment

WIDTH = 100
TEXT_INDENT = "  "  # the turn's words
INDENT = "    "  # what the models found in them, and the feedback
EXCERPT = 88

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
DIM = "\x1b[2m"
STYLES = {  # bold + underline + a colour per mechanism; the (ER) tag names it anyway
    "er": "\x1b[1;4;33m",
    "ip": "\x1b[1;4;36m",
    "ex": "\x1b[1;4;35m",
    CONCERN: "\x1b[1;4;31m",
    "confrontation": "\x1b[1;4;91m",  # a client phrase; its (AGAINST) tag names it
    "withdrawal": "\x1b[1;4;34m",  # (WITHDRAWN)
}
RATING_STYLES = {"good": "\x1b[32m", "fair": "\x1b[33m", "below fair": "\x1b[31m"}
MISSED_STYLE = "\x1b[1;35m"

# Private sentinels mark highlights through textwrap (each is one character wide, like the
# brackets that replace them without colour); turn text is cleaned of control characters first.
OPEN = {"er": "\x05", "ip": "\x06", "ex": "\x07", CONCERN: "\x01"}
OPEN |= {"confrontation": "\x0e", "withdrawal": "\x0f"}  # client phrases of a rupture
OPENERS = {v: k for k, v in OPEN.items()}
CLOSE, TAG_OPEN, TAG_CLOSE = "\x02", "\x03", "\x04"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Remove control characters: transcript text must not move the cursor or recolour the
    terminal (an ESC sequence in a chat log would otherwise be executed by the terminal)."""
    return _CONTROL.sub("", text)


class _Style:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, code: str) -> str:
        return f"{code}{text}{RESET}" if self.color else text


def render_text(analysis: ConversationAnalysis, *, color: bool) -> str:
    style = _Style(color)
    lines: list[str] = []
    lines += _header(analysis, style)
    lines += ["", *_summary(analysis, style)]
    lines += ["", *quality_text(analysis.summary, lambda text: style(text, BOLD))]
    lines += ["", *_moments(analysis, style)]
    lines += ["", *_transcript(analysis, style)]
    return "\n".join(lines).rstrip() + "\n"


def _header(analysis: ConversationAnalysis, style: _Style) -> list[str]:
    s = analysis.summary
    lines = [
        style(
            _("Empathic analysis: {source} ({format})").format(
                source=clean(analysis.source), format=analysis.source_format
            ),
            BOLD,
        ),
        _("Practitioner: {name} ({method})").format(
            name=clean(analysis.practitioner), method=clean(analysis.practitioner_method)
        ),
        _("Client: {clients} · {turns} turns ({p} practitioner, {c} client) · {secs:.2f} s").format(
            clients=", ".join(clean(c) for c in analysis.clients) or _("none"),
            turns=len(analysis.turns),
            p=s.practitioner_turns,
            c=s.client_turns,
            secs=analysis.seconds,
        ),
    ]
    models = ", ".join(f"{clean(v)}" for v in analysis.models.values())
    lines += _wrap(_("Models: {models}").format(models=models), subsequent="  ")
    for warning in analysis.warnings:
        lines += _wrap(_("Warning: {w}").format(w=clean(warning)), subsequent="  ")
    return lines


def _summary(analysis: ConversationAnalysis, style: _Style) -> list[str]:
    s = analysis.summary
    lines = [style(_("MITI summary (bands from MITI 4.2.1)"), BOLD)]
    names = {key: capitalised(metric_compact(key)) for key in METRICS}
    # The label column fits the longest label (in any language), never fewer than 25 columns;
    # the mechanism rates below share it.
    width = max(25, *(len(name) + 2 for name in names.values()))
    for key, band, as_percent in (
        ("reflection_to_question", s.reflection_to_question, False),
        ("percent_complex_reflections", s.percent_complex_reflections, True),
    ):
        value, thresholds = band_text(band, as_percent=as_percent)
        rating = style(f"{rating_name(band.rating):<11}", RATING_STYLES.get(band.rating, ""))
        lines.append(f"  {names[key]:<{width}}{value:<11}{rating} {thresholds}")
    lines.append(
        f"  {names['percent_open_questions']:<{width}}{percent(s.percent_open_questions):<11}"
        f"{_('(MITI 4.2.1 sets no band)')}"
    )
    lines.append(
        f"  {names['practitioner_talk_share']:<{width}}{percent(s.practitioner_talk_share):<11}"
        f"{_('of the words spoken')}"
    )
    lines.append(
        "  "
        + _(
            "{r} reflections ({cr} complex) · {q} questions ({oq} open) · "
            "change talk {ct} · sustain talk {st}"
        ).format(
            r=s.reflections,
            cr=s.complex_reflections,
            q=s.questions,
            oq=s.open_questions,
            ct=s.change_talk,
            st=s.sustain_talk,
        )
    )
    lines += ["", style(_("EPITOME mechanism rates (share of practitioner turns)"), BOLD)]
    for m in MECHANISMS:
        name = f"{mechanism_tag(m)} {mechanism_names(m)}"
        lines.append(
            f"  {name:<{width}}{percent(s.mechanism_rates.get(m)):<11}"
            + _("weak or strong; strong {strong}").format(
                strong=percent(s.strong_mechanism_rates.get(m))
            )
        )
    return lines


def _moments(analysis: ConversationAnalysis, style: _Style) -> list[str]:
    missed = analysis.missed_moments
    lines = [
        style(
            _("Moments worth a supervisor's time ({n})").format(
                n=len(missed) + len(analysis.ruptures)
            ),
            BOLD,
        ),
    ]
    # After the missed moments, the ruptures: where the client turned against the practitioner.
    ruptures = rupture_text(analysis, emphasis=style, clean=clean, excerpt=_excerpt, indent=INDENT)
    if not missed:
        lines.append("  " + _("None: no practitioner turn missed empathy after a strong emotion."))
        return lines + ruptures
    for turn in missed:
        client = preceding_client(analysis, turn)
        when = f" ({clock(turn.start)})" if turn.start is not None else ""
        cause = ""
        if client is not None and client.client is not None:
            negative = client.client.strongest_negative
            feeling = (
                f"{negative.label} {percent(negative.probability)}"
                if negative
                else _("a strong emotion")
            )
            cause = _(" after {speaker}'s {feeling}, distress {d:.1f}/7").format(
                speaker=clean(client.speaker), feeling=feeling, d=client.client.distress
            )
        head = _("Turn {n}{when}{cause}").format(n=turn_number(turn), when=when, cause=cause)
        lines.append("  " + style(head, MISSED_STYLE))
        if client is not None:
            lines.append(f"{INDENT}{clean(client.speaker)}: “{_excerpt(client.text)}”")
        lines.append(f"{INDENT}{clean(turn.speaker)}: “{_excerpt(turn.text)}”")
        for concern in turn.concerns:
            lines.append(INDENT + _concern_line(turn, concern))
        missing = _missing(turn)
        if missing:
            lines.append(INDENT + _("Missing: {m}").format(m=missing))
    return lines + ruptures


def _concern_line(turn: TurnAnalysis, concern) -> str:
    return _("Concern: {kind}: “{phrase}”").format(
        kind=concern_name(concern.kind), phrase=clean(concern_phrase(turn, concern))
    )


def _missing(turn: TurnAnalysis) -> str:
    if turn.feedback is not None and turn.feedback.missing:
        names = turn.feedback.missing
    elif turn.empathy is not None:
        names = tuple(m for m, s in turn.empathy.mechanisms.items() if s.level == 0)
    else:
        names = ()
    return ", ".join(mechanism_name(m) for m in names)


def _transcript(analysis: ConversationAnalysis, style: _Style) -> list[str]:
    legend = ", ".join(f"({mechanism_tag(m)}) {mechanism_name(m)}" for m in MECHANISMS)
    legend += ", " + _("(CONCERN) a harmful or MI-inconsistent phrase")
    legend += ", " + _("(AGAINST) the client turns against the practitioner or the service")
    legend += ", " + _("(WITHDRAWN) the client pulls out of the conversation")
    lines = [style(_("Transcript"), BOLD)]
    lines += _wrap(
        _("Highlights carry a mechanism: {legend}").format(legend=legend), subsequent="  "
    )
    notes = turn_notes(analysis)
    for turn in analysis.turns:
        lines.append("")
        lines += _turn(turn, style, notes.get(turn.index, ()))
    return lines


def _turn(turn: TurnAnalysis, style: _Style, notes: Sequence[tuple[str, str]] = ()) -> list[str]:
    when = f" · {clock(turn.start)}" if turn.start is not None else ""
    role = _("practitioner") if turn.role == "practitioner" else _("client")
    head = f"── {_('Turn')} {turn_number(turn)}{when} · {clean(turn.speaker)} ({role}) "
    lines = [style(head + "─" * max(3, WIDTH - 20 - len(head)), BOLD)]
    if turn.missed_empathy:
        lines.append(
            TEXT_INDENT + style(_("!! Missed empathy after a strong client emotion"), MISSED_STYLE)
        )
    for tone, note in notes:  # ruptures: on the client turn, its trigger and its repair
        mark, code = ("!! ", NOT_REPAIRED_STYLE) if tone == "rupture" else ("✓ ", REPAIRED_STYLE)
        flag = TEXT_INDENT + style(mark + clean(note), code)
        lines += _wrap(flag, subsequent=TEXT_INDENT + "   ")
    for concern in turn.concerns:  # the concern leads what is said about the turn
        lines += _wrap(
            TEXT_INDENT + style("!! " + _concern_line(turn, concern), STYLES[CONCERN]),
            subsequent=TEXT_INDENT + "   ",
        )
    lines += _highlighted(highlight_segments(turn), color=style.color)
    if turn.empathy is not None:
        levels = " · ".join(
            f"{mechanism_tag(m)} {level_name(s.level)}" for m, s in turn.empathy.mechanisms.items()
        )
        parts = [levels]
        if turn.practitioner is not None:
            parts.append(_("MI: {code}").format(code=mi_code_name(turn.practitioner.mi_code)))
            parts.append(_("Strategy: {s}").format(s=turn.practitioner.strategy))
        if turn.credit_added:
            parts.append(_("interpretation credited: a spoken reflection"))
        if turn.credit_withheld:
            parts.append(
                _("not credited: {m} (a turn with a concern is not credited as empathic)").format(
                    m=", ".join(mechanism_tag(m) for m in turn.credit_withheld)
                )
            )
        lines += _wrap(INDENT + "  │  ".join(parts), subsequent=INDENT + "  ")
    if turn.client is not None:
        c = turn.client
        emotions = ", ".join(
            f"{e.label} {percent(e.probability)}" for e in c.emotions[:MAX_EMOTIONS]
        ) or _("no emotion over its threshold")
        text = _(
            "Emotions: {emotions} · distress {d:.1f}/7 · hostility {h} ({hs:.2f}) · {talk}"
        ).format(
            emotions=emotions, d=c.distress, h=c.hostility, hs=c.hostility_score,
            talk=talk_name(c.talk_type),
        )  # fmt: skip
        lines += _wrap(INDENT + text, subsequent=INDENT + "  ")
    if turn.feedback is not None:
        lines += _feedback(turn)
    return lines


def _feedback(turn: TurnAnalysis) -> list[str]:
    feedback = turn.feedback
    assert feedback is not None
    missing = ", ".join(mechanism_names(m) for m in feedback.missing)
    lines: list[str] = []
    for item in feedback.concerns:  # first: what harmed, then what was missing
        lines += _wrap(
            INDENT
            + _("Feedback: {kind} in “{phrase}”. {what} {why} Instead: {instead}").format(
                kind=concern_name(item.kind),
                phrase=clean(item.phrase),
                what=_(item.what),
                why=_(item.why),
                instead=_(item.instead),
            ),
            subsequent=INDENT + "  ",
        )
    if feedback.missing:  # a turn may have only a concern, or only a safety note
        lines.append(INDENT + _("Feedback: missing {m}").format(m=missing))
    elif feedback.items:
        lines.append(INDENT + _("Feedback") + ":")
    for item in feedback.items:
        lines += _wrap(
            f"{INDENT}  - {mechanism_tag(item.mechanism)}: {clean(item.what)} {clean(item.why)}",
            subsequent=INDENT + "    ",
        )
    for number, suggestion in enumerate(feedback.suggestions, start=1):
        lines += _wrap(
            f"{INDENT}  {_('Try')} {number}: “{clean(suggestion.text)}” "
            f"({levels_text(suggestion.levels)})",
            subsequent=INDENT + "    ",
        )
    return lines


def _wrap(text: str, *, subsequent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, subsequent_indent=subsequent, break_on_hyphens=False) or [""]


def _excerpt(text: str) -> str:
    flat = " ".join(clean(text).split())
    return flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1].rstrip() + "…"


def _highlighted(segments: list[Segment], *, color: bool) -> list[str]:
    """Wrap a turn's text to the width, marking its rationale phrases."""
    marked = "".join(
        OPEN[s.mechanisms[0]]
        + clean(s.text)
        + CLOSE
        + TAG_OPEN
        + "("
        + "+".join(mechanism_tag(m) for m in s.mechanisms)
        + ")"
        + TAG_CLOSE
        if s.mechanisms
        else clean(s.text)
        for s in segments
    )
    wrapped = textwrap.wrap(
        marked, WIDTH - len(TEXT_INDENT), break_on_hyphens=False, break_long_words=True
    )
    lines: list[str] = []
    open_style = ""  # a highlight that runs on from the previous line is reopened on this one
    in_tag = False
    for line in wrapped:
        out = [TEXT_INDENT, open_style, DIM if in_tag else ""] if color else [TEXT_INDENT]
        for char in line:
            if char in OPENERS:
                open_style = STYLES[OPENERS[char]]
                out.append(open_style if color else "[")
            elif char == CLOSE:
                open_style = ""
                out.append(RESET if color else "]")
            elif char == TAG_OPEN:
                in_tag = True
                out.append(DIM if color else "")
            elif char == TAG_CLOSE:
                in_tag = False
                out.append(RESET if color else "")
            else:
                out.append(char)
        if color and (open_style or in_tag):
            out.append(RESET)
        lines.append("".join(out))
    return lines or [TEXT_INDENT]
