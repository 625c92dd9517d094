"""The trajectory chart, drawn on the server as inline SVG: no script, no network, prints well.
(Inline in HTML5, so no xmlns: the report holds no URL at all.)

Client distress (1-7, left axis) and hostility (0-1, right axis) over turn number. The series
differ by marker shape and line dash as well as colour, and missed-empathy turns get a labelled
triangle and a dotted rule, so nothing depends on colour alone.
"""

from __future__ import annotations

import math
from gettext import gettext as _
from html import escape

from empathic.analysis.report.common import turn_number
from empathic.analysis.report.ruptures import rupture_legend_shape, rupture_marks, rupture_numbers
from empathic.analysis.results import ConversationAnalysis

WIDTH, HEIGHT = 760, 280
LEFT, RIGHT, TOP, BOTTOM = 52, 56, 56, 44
DISTRESS_MIN, DISTRESS_MAX = 1.0, 7.0
# Colours meet 4.5:1 against white (WCAG AA for the text drawn in them).
DISTRESS_COLOUR = "#1d4ed8"
HOSTILITY_COLOUR = "#b45309"
MISSED_COLOUR = "#7e22ce"
GRID_COLOUR = "#d4d4d8"
TEXT_COLOUR = "#3f3f46"
MAX_X_TICKS = 16


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def trajectory_svg(analysis: ConversationAnalysis, *, element_id: str = "trajectory") -> str:
    numbers = [turn_number(t) for t in analysis.turns] or [1]
    first, last = min(numbers), max(numbers)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    bottom = TOP + plot_h

    def x(number: int) -> float:
        if last == first:
            return LEFT + plot_w / 2
        return LEFT + (number - first) / (last - first) * plot_w

    def y_distress(value: float) -> float:
        clamped = min(max(value, DISTRESS_MIN), DISTRESS_MAX)
        return bottom - (clamped - DISTRESS_MIN) / (DISTRESS_MAX - DISTRESS_MIN) * plot_h

    def y_hostility(value: float) -> float:
        return bottom - min(max(value, 0.0), 1.0) * plot_h

    client_turns = [t for t in analysis.turns if t.client is not None]
    missed = analysis.missed_moments
    title = _("Client distress and hostility over the conversation")
    desc = _(
        "Line chart over turn number. Distress (1 to 7, left axis): solid line with circles. "
        "Hostility (0 to 1, right axis): dashed line with squares. Missed empathy: "
        "downward triangles with dotted rules, at turns {turns}."
    ).format(turns=", ".join(str(turn_number(t)) for t in missed) or _("none"))
    desc += " " + _(
        "Ruptures (the client turned against the practitioner or withdrew): diamonds with dashed "
        "rules, filled when repaired, hollow when not, at turns {turns}."
    ).format(turns=rupture_numbers(analysis))
    out: list[str] = [
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{element_id}-title {element_id}-desc" class="chart" '
        f'font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="{element_id}-title">{escape(title)}</title>',
        f'<desc id="{element_id}-desc">{escape(desc)}</desc>',
    ]
    # Grid and left axis: distress 1..7; the right axis puts hostility 0, 0.5, 1 on gridlines.
    for level in range(1, 8):
        gy = y_distress(level)
        out.append(
            f'<line x1="{LEFT}" y1="{gy:.1f}" x2="{LEFT + plot_w}" y2="{gy:.1f}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{LEFT - 8}" y="{gy + 4:.1f}" text-anchor="end" '
            f'fill="{DISTRESS_COLOUR}">{level}</text>'
        )
    for value in (0.0, 0.5, 1.0):
        out.append(
            f'<text x="{LEFT + plot_w + 8}" y="{y_hostility(value) + 4:.1f}" '
            f'fill="{HOSTILITY_COLOUR}">{_fmt(value)}</text>'
        )
    out.append(
        f'<text x="14" y="{TOP + plot_h / 2:.1f}" fill="{DISTRESS_COLOUR}" text-anchor="middle" '
        f'transform="rotate(-90 14 {TOP + plot_h / 2:.1f})">{escape(_("Distress"))}</text>'
    )
    out.append(
        f'<text x="{WIDTH - 10}" y="{TOP + plot_h / 2:.1f}" fill="{HOSTILITY_COLOUR}" '
        f'text-anchor="middle" transform="rotate(90 {WIDTH - 10} {TOP + plot_h / 2:.1f})">'
        f"{escape(_('Hostility'))}</text>"
    )
    # x axis: every turn when there are few, otherwise a readable step.
    step = max(1, math.ceil((last - first + 1) / MAX_X_TICKS))
    for number in range(first, last + 1, step):
        out.append(
            f'<text x="{x(number):.1f}" y="{bottom + 18}" text-anchor="middle" '
            f'fill="{TEXT_COLOUR}">{number}</text>'
        )
    out.append(
        f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 6}" text-anchor="middle" '
        f'fill="{TEXT_COLOUR}">{escape(_("Turn"))}</text>'
    )
    out.append(
        f'<line x1="{LEFT}" y1="{bottom}" x2="{LEFT + plot_w}" y2="{bottom}" '
        f'stroke="{TEXT_COLOUR}" stroke-width="1"/>'
    )
    # Missed empathy: drawn under the series so the points stay visible.
    for turn in missed:
        mx = x(turn_number(turn))
        label = _("Turn {n}: empathy missed after a strong client emotion").format(
            n=turn_number(turn)
        )
        out.append(
            f'<g class="missed"><title>{escape(label)}</title>'
            f'<line x1="{mx:.1f}" y1="{TOP - 4}" x2="{mx:.1f}" y2="{bottom}" '
            f'stroke="{MISSED_COLOUR}" stroke-width="1.5" stroke-dasharray="2 3"/>'
            f'<path d="M{mx - 6:.1f},{TOP - 12} L{mx + 6:.1f},{TOP - 12} L{mx:.1f},{TOP - 2} Z" '
            f'fill="{MISSED_COLOUR}"/></g>'
        )
    out.extend(rupture_marks(analysis, x, TOP, bottom))  # above the rules, under the series
    distress_points = [(x(turn_number(t)), y_distress(t.client.distress), t) for t in client_turns]
    hostility_points = [
        (x(turn_number(t)), y_hostility(t.client.hostility_score), t) for t in client_turns
    ]
    if len(distress_points) > 1:
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _t in distress_points)
        out.append(
            f'<polyline class="series-distress" points="{path}" fill="none" '
            f'stroke="{DISTRESS_COLOUR}" stroke-width="2.5"/>'
        )
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _t in hostility_points)
        out.append(
            f'<polyline class="series-hostility" points="{path}" fill="none" '
            f'stroke="{HOSTILITY_COLOUR}" stroke-width="2" stroke-dasharray="7 4"/>'
        )
    for px, py, turn in distress_points:
        label = _("Turn {n}, {speaker}: distress {value} of 7").format(
            n=turn_number(turn), speaker=turn.speaker, value=_fmt(turn.client.distress)
        )
        out.append(
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4.5" fill="{DISTRESS_COLOUR}">'
            f"<title>{escape(label)}</title></circle>"
        )
    for px, py, turn in hostility_points:
        label = _("Turn {n}, {speaker}: hostility {value} ({label})").format(
            n=turn_number(turn),
            speaker=turn.speaker,
            value=f"{turn.client.hostility_score:.2f}",
            label=turn.client.hostility,
        )
        out.append(
            f'<rect x="{px - 4:.1f}" y="{py - 4:.1f}" width="8" height="8" fill="white" '
            f'stroke="{HOSTILITY_COLOUR}" stroke-width="2"><title>{escape(label)}</title></rect>'
        )
    out.append(_legend())
    out.append("</svg>")
    return "\n".join(out)


def _legend() -> str:
    y = 16
    items = [
        (
            f'<line x1="0" y1="{y}" x2="22" y2="{y}" stroke="{DISTRESS_COLOUR}" '
            f'stroke-width="2.5"/>'
            f'<circle cx="11" cy="{y}" r="4.5" fill="{DISTRESS_COLOUR}"/>',
            _("Distress (1–7, left)"),
        ),
        (
            f'<line x1="0" y1="{y}" x2="22" y2="{y}" stroke="{HOSTILITY_COLOUR}" stroke-width="2" '
            f'stroke-dasharray="7 4"/><rect x="7" y="{y - 4}" width="8" height="8" fill="white" '
            f'stroke="{HOSTILITY_COLOUR}" stroke-width="2"/>',
            _("Hostility (0–1, right)"),
        ),
        (
            f'<path d="M5,{y - 5} L17,{y - 5} L11,{y + 5} Z" fill="{MISSED_COLOUR}"/>',
            _("Missed empathy"),
        ),
        rupture_legend_shape(y),
    ]
    parts = ['<g class="legend" aria-hidden="true">']
    offset = LEFT
    for shape, label in items:
        parts.append(
            f'<g transform="translate({offset},0)">{shape}<text x="28" y="{y + 4}" '
            f'fill="{TEXT_COLOUR}">{escape(label)}</text></g>'
        )
        offset += 40 + 7 * len(label)
    parts.append("</g>")
    return "".join(parts)
