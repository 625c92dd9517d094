"""The session quality index as the reports show it: the number, each part with its effect, and
one direction to grow. Built from the summary or from its stored JSON (the platform's pages), so
every surface words it the same way: as growth, never as a grade of the person."""

from __future__ import annotations

import dataclasses
import textwrap
from dataclasses import dataclass
from gettext import gettext as _
from typing import TYPE_CHECKING, Any

from empathic.analysis.quality.index import PART_NAMES, grow_text, load_quality_index
from empathic.analysis.report.common import percent, ratio

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from empathic.analysis.results import Summary

WIDTH = 100  # the terminal report's width
TITLE = _("Session quality index")
NOTE = _(
    "A direction to grow, never a grade of the person: estimated from the models' codes of this "
    "session, fitted on AnnoMI demonstration sessions rated high or low in MI quality."
)


@dataclass(frozen=True)
class PartRow:
    name: str  # shown label
    value: str
    target: str
    effect: str  # raises / lowers / not weighted, in words
    contribution: float


@dataclass(frozen=True)
class QualityView:
    index: str  # "72"
    rows: tuple[PartRow, ...]
    grow: str  # the direction-to-grow sentence
    model: str
    note: str = NOTE


def _value_text(part: str, value: float | None) -> str:
    if part == "reflection_to_question":
        return ratio(value)
    if part == "concerns_per_turn":
        return _("n/a") if value is None else f"{value:.2f}"
    return percent(value)


def _effect(contribution: float, weighted: bool) -> str:
    if not weighted:
        return _("shown, not weighted")
    if abs(contribution) < 0.05:  # logit units: under about one index point either way
        return _("about typical")
    return _("raises the index") if contribution > 0 else _("holds the index down")


def view_from_data(data: Mapping[str, Any]) -> QualityView | None:
    """From a summary as `to_dict()` stores it; None when it has no index (older analyses)."""
    index = data.get("quality_index")
    if index is None:
        return None
    model = load_quality_index()
    weighted = {w.name for w in model.weights if w.weight != 0}
    rows = tuple(
        PartRow(
            name=str(PART_NAMES.get(p["name"], p["name"])),
            value=_value_text(p["name"], p.get("value")),
            target=_value_text(p["name"], p.get("target")),
            effect=_effect(float(p.get("contribution", 0.0)), p["name"] in weighted),
            contribution=float(p.get("contribution", 0.0)),
        )
        for p in data.get("quality_index_parts", ())
    )
    grow = data.get("quality_index_grow")
    if grow:
        part = next((p for p in data.get("quality_index_parts", ()) if p["name"] == grow), {})
        sentence = _(
            "Direction to grow: {what}. Moving {part} from {value} towards {target}, where the "
            "upper quarter of high-quality sessions are, would raise the index most."
        ).format(
            what=grow_text(grow, model),
            part=str(PART_NAMES.get(grow, grow)).lower(),
            value=_value_text(grow, part.get("value")),
            target=_value_text(grow, part.get("target")),
        )
    else:
        sentence = _(
            "Direction to grow: keep doing what works; every weighted part is already where the "
            "upper quarter of high-quality sessions are."
        )
    return QualityView(f"{float(index):.0f}", rows, sentence, str(data.get("quality_index_model")))


def quality_view(summary: Summary) -> QualityView | None:
    return view_from_data(dataclasses.asdict(summary))


def quality_text(summary: Summary, heading: Callable[[str], str]) -> list[str]:
    """Terminal lines; `heading` styles the title (bold when colour is on)."""
    view = quality_view(summary)
    if view is None:
        return []
    lines = [heading(f"{TITLE}: {view.index} / 100 ({view.model})")]
    for row in view.rows:
        lines.append(f"  {row.name:<49}{row.value:<11}{row.effect}")
    for sentence in (view.grow, view.note):
        lines += textwrap.wrap(sentence, WIDTH, initial_indent="  ", subsequent_indent="  ")
    return lines
