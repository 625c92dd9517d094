"""Ruptures in the reports: the lines of the terminal's moments list, the HTML's moments and turn
flags, and the chart's markers. Every text comes from here so the two reports say the same thing;
the words for kinds and repair moves come from the one vocabulary (empathic.core.vocabulary).

A rupture is shown three times, as a supervisor reads: in the moments list (what happened, what
triggered it, whether it was repaired), on the chart (a diamond at the client turn, filled when
repaired, hollow when not), and on the turns (the client's phrase highlighted, the trigger and the
repair turn flagged).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from gettext import gettext as _
from gettext import ngettext
from typing import TYPE_CHECKING

from empathic.analysis.report.common import clock, turn_number
from empathic.core.charts import TurnMark
from empathic.core.vocabulary import (
    concern_name,
    mechanism_tag,
    repair_move_name,
    repair_status_name,
    rupture_name,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from empathic.analysis.results import ConversationAnalysis, TurnAnalysis
    from empathic.analysis.ruptures import Rupture

NOT_REPAIRED_STYLE = "\x1b[1;31m"
REPAIRED_STYLE = "\x1b[1;32m"


def moves_text(moves: tuple[str, ...] | list[str]) -> str:
    return ", ".join(repair_move_name(m) for m in moves)


@dataclass(frozen=True)
class RuptureView:
    rupture: Rupture
    client: TurnAnalysis
    trigger: TurnAnalysis | None
    repair: TurnAnalysis | None
    number: int  # 1-based, as people read turn numbers
    phrase: str
    kind: str  # in words
    headline: str  # "Turn 16 (1:16): confrontation after turn 15 (blaming)"
    outcome: str  # "repaired at turn 21: acknowledged their part" / "not repaired ..."

    @property
    def repaired(self) -> bool | None:
        return self.rupture.repaired


def rupture_views(analysis: ConversationAnalysis) -> list[RuptureView]:
    by_index = {t.index: t for t in analysis.turns}
    views = []
    for rupture in analysis.ruptures:
        client = by_index.get(rupture.client_turn)
        if client is None:
            continue
        trigger = by_index.get(rupture.trigger_turn) if rupture.trigger_turn is not None else None
        repair = by_index.get(rupture.repair_turn) if rupture.repair_turn is not None else None
        when = f" ({clock(client.start)})" if client.start is not None else ""
        headline = _("Turn {n}{when}: {kind}").format(
            n=turn_number(client), when=when, kind=rupture_name(rupture.kind)
        )
        if trigger is not None:
            headline += _(" after turn {t}").format(t=turn_number(trigger))
            if rupture.trigger_concerns:
                named = ", ".join(concern_name(k) for k in rupture.trigger_concerns)
                headline += f" ({named})"
        views.append(
            RuptureView(
                rupture=rupture,
                client=client,
                trigger=trigger,
                repair=repair,
                number=turn_number(client),
                phrase=client.text[rupture.start : rupture.end],
                kind=rupture_name(rupture.kind),
                headline=headline,
                outcome=_outcome(rupture, repair, analysis.turns),
            )
        )
    return views


def _unaddressed(rupture: Rupture, turns: tuple[TurnAnalysis, ...]) -> list[int]:
    """Practitioner turns (1-based) after the rupture that went on as if nothing had happened:
    the delay a supervisor asks about even when the repair came."""
    last = rupture.repair_turn
    if last is None:
        later = [*rupture.continued_turns, rupture.client_turn]
        last = max(later) + 1
    return [
        turn_number(t)
        for t in turns[rupture.client_turn + 1 : last]
        if t.role == "practitioner" and t.index not in rupture.repair_attempts
    ]


def _outcome(rupture: Rupture, repair: TurnAnalysis | None, turns: tuple[TurnAnalysis, ...]) -> str:
    status = repair_status_name(rupture.repaired)
    unaddressed = _unaddressed(rupture, turns)
    passed = ""
    if unaddressed:
        said = ngettext(
            "turn {turns} went on without addressing it",
            "turns {turns} went on without addressing it",
            len(unaddressed),
        )
        passed = "; " + said.format(turns=", ".join(str(n) for n in unaddressed))
    if rupture.repaired and repair is not None:
        text = _("repaired at turn {n}").format(n=turn_number(repair))
        if rupture.repair_moves:
            text += ": " + moves_text(rupture.repair_moves)
        if rupture.client_reengaged is not None:
            text += "; " + _("the client came back at turn {n}").format(
                n=rupture.client_reengaged + 1
            )
        return text + passed
    if rupture.repair_attempts:  # tried, did not land (or the transcript ended)
        status += "; " + _("repair tried at turn {turns}: {moves}").format(
            turns=", ".join(str(i + 1) for i in rupture.repair_attempts),
            moves=moves_text(rupture.repair_moves),
        )
    elif rupture.repaired is False:
        status += "; " + _("no acknowledgement, apology or reflection of the reaction")
    if rupture.continued_turns:
        status += "; " + _("still at turn {turns}").format(
            turns=", ".join(str(i + 1) for i in rupture.continued_turns)
        )
    return status + passed


def turn_notes(analysis: ConversationAnalysis) -> dict[int, list[tuple[str, str]]]:
    """turn index -> [(tone, text)] for the flags on a turn; tone is "rupture" or "repair"."""
    notes: dict[int, list[tuple[str, str]]] = {}
    for view in rupture_views(analysis):
        r = view.rupture
        note = _("Rupture ({kind}): {outcome}").format(kind=view.kind, outcome=view.outcome)
        notes.setdefault(r.client_turn, []).append(("rupture", note))
        for index in r.continued_turns:
            notes.setdefault(index, []).append(
                ("rupture", _("The rupture at turn {n} goes on").format(n=view.number))
            )
        if view.trigger is not None:
            note = _("Likely trigger of the rupture at turn {n} ({kind})").format(
                n=view.number, kind=view.kind
            )
            notes.setdefault(view.trigger.index, []).append(("rupture", note))
        for index in r.repair_attempts:
            landed = r.repaired and index == r.repair_turn
            text = _("Repaired the rupture at turn {n}") if landed else _("Repair attempt")
            text = text.format(n=view.number)
            notes.setdefault(index, []).append(("repair", f"{text}: {moves_text(r.repair_moves)}"))
    return notes


def rupture_text(
    analysis: ConversationAnalysis,
    *,
    emphasis: Callable[[str, str], str],
    clean: Callable[[str], str],
    excerpt: Callable[[str], str],
    indent: str = "    ",
) -> list[str]:
    """The ruptures' part of the terminal's moments list."""
    views = rupture_views(analysis)
    lines = ["  " + emphasis(_("Ruptures ({n})").format(n=len(views)), "\x1b[1m")]
    if not views:
        none = _("None: the client did not turn against the practitioner or withdraw.")
        lines.append("  " + none)
        return lines
    for view in views:
        style = REPAIRED_STYLE if view.repaired else NOT_REPAIRED_STYLE
        lines.append("  " + emphasis(clean(view.headline), style))
        if view.trigger is not None:
            lines.append(f"{indent}{clean(view.trigger.speaker)}: “{excerpt(view.trigger.text)}”")
        lines.append(
            f"{indent}{clean(view.client.speaker)}: “{clean(view.phrase)}”"
            f" ({mechanism_tag(view.rupture.kind)} {view.rupture.score:.2f})"
        )
        for line in textwrap.wrap(clean(view.outcome), 100 - len(indent) - 2):
            lines.append(indent + emphasis(line, style))
    return lines


def rupture_marks(analysis: ConversationAnalysis) -> list[TurnMark]:
    """The chart's marks: a diamond above each rupture's client turn (filled: repaired; hollow:
    not or unknown) and a dashed rule, each with a title that says which."""
    return [
        TurnMark(
            view.number,
            "rupture",
            _("Turn {n}: rupture ({kind}), {outcome}").format(
                n=view.number, kind=view.kind, outcome=view.outcome
            ),
            filled=bool(view.repaired),
        )
        for view in rupture_views(analysis)
    ]


def rupture_numbers(analysis: ConversationAnalysis) -> str:
    return ", ".join(str(v.number) for v in rupture_views(analysis)) or _("none")
