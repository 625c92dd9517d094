"""The session quality index as the reports show it: the number, each part with its effect, and
one direction to grow. Built from the summary or from its stored JSON (the platform's pages), so
every surface words it the same way: as growth, never as a grade of the person."""

from __future__ import annotations

import dataclasses
import textwrap
from dataclasses import dataclass
from gettext import gettext as _
from typing import TYPE_CHECKING, Any

from empathic.analysis.quality.index import QualityIndexModel, load_quality_index
from empathic.analysis.report.common import percent, ratio
from empathic.core.vocabulary import capitalised, quality_part_name

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from empathic.analysis.results import Summary

WIDTH = 100  # the terminal report's width
TITLE = _("Session quality index")
NOTE = _(
    "A direction to grow, never a grade of the person: estimated from the models' codes of this "
    "session, fitted on AnnoMI demonstration sessions rated high or low in MI quality."
)
# What growing a part looks like, keyed by (part, direction the weight points): worded as
# something to try in the next session, never as a verdict on this one.
GROW_TEXT = {
    ("reflection_to_question", 1): _("reflect back more often for each question you ask"),
    ("percent_open_questions", 1): _("ask more open questions (what, how, tell me about)"),
    ("percent_complex_reflections", 1): _(
        "add meaning or feeling to reflections (complex reflections)"
    ),
    ("information_advice_share", -1): _(
        "ask and reflect before informing or advising, and ask permission first"
    ),
    ("concerns_per_turn", -1): _("steer clear of the MI-inconsistent moves flagged in the turns"),
    ("er_rate", 1): _("name and respond to what the client feels (emotional reactions)"),
    ("ip_rate", 1): _("say what you understand of the client's experience (interpretations)"),
    ("ex_rate", 1): _("explore the client's experience with curious questions (explorations)"),
    ("change_talk_share", 1): _("evoke and reflect the client's own reasons for change"),
}


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


def grow_text(part: str, model: QualityIndexModel | None = None) -> str:
    """The growth suggestion for a part, in words."""
    model = model or load_quality_index()
    weight = next((w.weight for w in model.weights if w.name == part), 0.0)
    direction = 1 if weight >= 0 else -1
    name = quality_part_name(part)
    fallback = (_("more {part}") if direction > 0 else _("less {part}")).format(part=name)
    return GROW_TEXT.get((part, direction), fallback)


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
            name=capitalised(quality_part_name(p["name"])),
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
            part=quality_part_name(grow),
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
