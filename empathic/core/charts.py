"""The one chart module: server-side SVG, no JavaScript, nothing inline that the pages'
Content-Security-Policy forbids, and no Django, so the pages and the standalone HTML report draw
with the same code.

``line_chart`` draws one or more series over time or over turn numbers, optionally over
horizontal bands (e.g. the "low / moderate / high" ranges of a scale), and returns a
:class:`Chart` holding the SVG markup and the same figures as a data table, so screen-reader users
and people who cannot tell colours apart get everything the picture shows. Series differ by marker
shape and dash pattern as well as by colour (the pages' stylesheet colours them). Render it in a
template with ``{{ chart }}``.

``trajectory_chart`` draws a conversation's trajectory (client distress and hostility over the
turns, with missed-empathy and rupture marks) for the conversation page and the standalone report
alike. The report has no stylesheet for charts and no URL, so its colours are attributes and its
SVG has no ``xmlns``; it comes as a :class:`Chart` too, with the figures as a table.

Every text drawn is escaped; texts of the module's own are translated when drawn
(``empathic.core.i18n``).
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape as _escape
from typing import TYPE_CHECKING, Any, Literal

from markupsafe import Markup

from empathic.core.i18n import gettext as _

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

XValue = date | datetime | int | float
"""Points are placed by date and time, or by a number (a turn's)."""
# Marker shapes and dash patterns by series index: meaning never rests on colour alone.
MARKERS = ("circle", "square", "triangle", "diamond")
DASHES = ("", "6 4", "2 3", "10 3 2 3")


@dataclass(frozen=True)
class Series:
    label: str
    points: Sequence[tuple[XValue, float | None]]  # None leaves a gap in the line


@dataclass(frozen=True)
class Band:
    """A horizontal range from ``low`` to ``high`` with a visible label (not colour only)."""

    low: float
    high: float
    label: str
    tone: str = "neutral"  # CSS hook: chart-band-<tone>


def escape(value: Any) -> str:
    """HTML-escaped text (as Django's escape does it); markup that says it is safe (it has an
    ``__html__``: Markup, Django's SafeString) is kept as it is."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return _escape(str(value))


def format_html(template: str, *args: Any) -> str:
    """``template.format`` with every argument escaped."""
    return template.format(*(escape(a) for a in args))


@dataclass(frozen=True)
class Chart:
    svg: Markup
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    table_id: str = field(default="")

    def table_html(self) -> Markup:
        head = "".join(format_html('<th scope="col">{}</th>', c) for c in self.columns)
        body = "".join(
            "<tr>"
            + format_html('<th scope="row">{}</th>', row[0])
            + "".join(format_html("<td>{}</td>", cell) for cell in row[1:])
            + "</tr>"
            for row in self.rows
        )
        return Markup(  # noqa: S704 (every piece above is escaped)
            f'<div class="table-wrap"><table id="{escape(self.table_id)}">'
            f"<caption>{escape(self.title)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table></div>"
        )

    def __html__(self) -> Markup:
        return Markup(  # noqa: S704 (format_html escapes the texts; svg and table are markup)
            format_html(
                '<figure class="chart"><figcaption>{}</figcaption>{}<details class="chart-data">'
                "<summary>{}</summary>{}</details></figure>",
                self.title,
                self.svg,
                _("Show the figures as a table"),
                self.table_html(),
            )
        )

    def __str__(self) -> Markup:  # a template engine that calls str() still gets markup
        return self.__html__()


def plain_number(value: float) -> str:
    """12.5 as "12.5", 3.0 as "3": one decimal at most, no trailing zero."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _normal(x: XValue) -> datetime | float:
    """A point's place on the x axis: a datetime (a date is its midnight) or a number."""
    if _is_number(x):
        return x  # type: ignore[return-value]
    return x if isinstance(x, datetime) else datetime(x.year, x.month, x.day)  # type: ignore[union-attr]


def _offset(x: datetime | float, x0: datetime | float) -> float:
    if _is_number(x):
        return float(x - x0)  # type: ignore[operator]
    return (x - x0).total_seconds()  # type: ignore[operator,union-attr]


def _default_x_format(x: XValue) -> str:
    return plain_number(float(x)) if _is_number(x) else x.strftime("%Y-%m-%d")  # type: ignore[union-attr]


def _marker(shape: str, x: float, y: float, css: str) -> str:
    r = 4.5
    if shape == "square":
        return (
            f'<rect class="{css}" x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r}" '
            f'height="{2 * r}"/>'
        )
    if shape == "triangle":
        pts = f"{x:.1f},{y - r - 1:.1f} {x + r + 1:.1f},{y + r:.1f} {x - r - 1:.1f},{y + r:.1f}"
        return f'<polygon class="{css}" points="{pts}"/>'
    if shape == "diamond":
        pts = f"{x:.1f},{y - r - 1:.1f} {x + r + 1:.1f},{y:.1f} {x:.1f},{y + r + 1:.1f} "
        pts += f"{x - r - 1:.1f},{y:.1f}"
        return f'<polygon class="{css}" points="{pts}"/>'
    return f'<circle class="{css}" cx="{x:.1f}" cy="{y:.1f}" r="{r}"/>'


def _title_and_desc(uid: str, title: str, description: str) -> list[str]:
    """The SVG's accessible name and description (``aria-labelledby`` points at both)."""
    return [
        format_html('<title id="{}-title">{}</title>', uid, title),
        format_html('<desc id="{}-desc">{}</desc>', uid, description),
    ]


def line_chart(
    series: Sequence[Series],
    *,
    title: str,
    y_min: float,
    y_max: float,
    description: str = "",
    y_label: str = "",
    x_label: str = "",
    bands: Sequence[Band] = (),
    y_ticks: Sequence[float] | None = None,
    x_format: Callable[[XValue], str] = _default_x_format,
    value_format: Callable[[float], str] = plain_number,
    width: int = 640,
    height: int = 260,
    chart_id: str | None = None,
) -> Chart:
    """A line chart of ``series`` over time (or turn numbers), scaled from ``y_min`` to ``y_max``.

    Points are placed by their date, so uneven gaps between check-ins look uneven. The title and
    description label the SVG (``role="img"``); the returned table lists every point. All the
    series' x values are of one kind: dates and times, or numbers.
    """
    if y_max <= y_min:
        raise ValueError("y_max must be greater than y_min")
    uid = (
        chart_id
        or "chart-"
        + hashlib.sha1(  # noqa: S324 (an id, not security)
            (title + "|".join(s.label for s in series)).encode()
        ).hexdigest()[:8]
    )
    # The right margin holds the band labels, clear of the data.
    left, right, top = 56, 84, 16
    legend_h = 22 * len(series)
    bottom = 62 + legend_h
    plot_w, plot_h = width - left - right, height - top - bottom
    if plot_h < 40:
        height += 40 - plot_h
        plot_h = 40

    xs = sorted({_normal(x) for s in series for x, _v in s.points})
    x0, x1 = (xs[0], xs[-1]) if xs else (None, None)
    span = _offset(x1, x0) if xs and x1 != x0 else 0.0  # type: ignore[arg-type]

    def px(x: XValue) -> float:
        if not span:
            return left + plot_w / 2
        return left + plot_w * _offset(_normal(x), x0) / span  # type: ignore[arg-type]

    def py(v: float) -> float:
        v = min(max(v, y_min), y_max)
        return top + plot_h * (1 - (v - y_min) / (y_max - y_min))

    parts: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 {width} {height}"'
        f' role="img" aria-labelledby="{uid}-title {uid}-desc" focusable="false">',
        *_title_and_desc(
            uid, title, description or _("The same figures are in the table below the chart.")
        ),
    ]
    for band in bands:
        b_top, b_bottom = py(band.high), py(band.low)
        parts.append(
            f'<rect class="chart-band chart-band-{escape(band.tone)}" x="{left}" '
            f'y="{b_top:.1f}" width="{plot_w}" height="{max(b_bottom - b_top, 0):.1f}"/>'
        )
        parts.append(
            format_html(
                '<text class="chart-band-label" x="{}" y="{}">{}</text>',
                f"{left + plot_w + 6}",
                f"{(b_top + b_bottom) / 2 + 4:.1f}",
                band.label,
            )
        )
    ticks = (
        list(y_ticks)
        if y_ticks is not None
        else [y_min + (y_max - y_min) * i / 4 for i in range(5)]
    )
    for tick in ticks:
        y = py(tick)
        parts.append(
            f'<line class="chart-grid" x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}"/>'
        )
        parts.append(
            format_html(
                '<text class="chart-tick" x="{}" y="{}" text-anchor="end">{}</text>',
                left - 6,
                f"{y + 4:.1f}",
                value_format(tick),
            )
        )
    parts.append(
        f'<line class="chart-axis" x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}"/>'
        f'<line class="chart-axis" x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" '
        f'y2="{top + plot_h}"/>'
    )
    # At most six x labels, evenly chosen, so long histories stay readable.
    step = max(1, -(-len(xs) // 6))
    shown = xs[::step]
    if xs and shown[-1] != xs[-1]:
        # Always label the latest point; it takes the last label's place so none overlap.
        if len(shown) > 1:
            shown[-1] = xs[-1]
        else:
            shown.append(xs[-1])
    for x in shown:
        parts.append(
            format_html(
                '<text class="chart-tick" x="{}" y="{}" text-anchor="middle">{}</text>',
                f"{px(x):.1f}",
                top + plot_h + 18,
                x_format(x),
            )
        )
    if y_label:
        parts.append(
            format_html(
                '<text class="chart-axis-label" x="12" y="{}" text-anchor="middle" '
                'transform="rotate(-90 12 {})">{}</text>',
                f"{top + plot_h / 2:.1f}",
                f"{top + plot_h / 2:.1f}",
                y_label,
            )
        )
    for index, s in enumerate(series):
        css = f"chart-series chart-series-{index % len(MARKERS)}"
        dash = DASHES[index % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        runs: list[list[tuple[float, float]]] = [[]]
        for x, v in sorted(s.points, key=lambda p: _normal(p[0])):
            if v is None:
                runs.append([])
            else:
                runs[-1].append((px(x), py(v)))
        for run in runs:
            if len(run) > 1:
                pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                parts.append(f'<polyline class="{css} chart-line" points="{pts}"{dash_attr}/>')
            for x, y in run:
                parts.append(_marker(MARKERS[index % len(MARKERS)], x, y, f"{css} chart-marker"))
        ly = top + plot_h + 62 + 22 * index
        shape = MARKERS[index % len(MARKERS)]
        parts.append(_marker(shape, left + 8, ly - 4, f"{css} chart-marker"))
        parts.append(
            f'<line class="{css} chart-line" x1="{left + 18}" y1="{ly - 4}" x2="{left + 40}" '
            f'y2="{ly - 4}"{dash_attr}/>'
        )
        parts.append(
            format_html(
                '<text class="chart-legend" x="{}" y="{}">{}</text>', left + 48, ly, s.label
            )
        )
    if x_label:
        parts.append(
            format_html(
                '<text class="chart-axis-label" x="{}" y="{}" text-anchor="end">{}</text>',
                left + plot_w,
                top + plot_h + 36,
                x_label,
            )
        )
    parts.append("</svg>")

    values: dict[tuple[int, datetime | float], float | None] = {}
    for index, s in enumerate(series):
        for x, v in s.points:
            values[(index, _normal(x))] = v

    def cell(index: int, x: datetime | float) -> str:
        value = values.get((index, x))
        return value_format(value) if value is not None else "–"

    rows = tuple((x_format(x), *(cell(i, x) for i in range(len(series)))) for x in xs)  # type: ignore[arg-type]
    columns = (x_label or _("Date"), *(s.label for s in series))
    return Chart(
        svg=Markup("".join(parts)),  # noqa: S704 (text is escaped above; numbers are ours)
        title=title,
        columns=columns,
        rows=rows,
        table_id=f"{uid}-table",
    )


# The trajectory chart of the page and the report: drawn with attributes, not a stylesheet.
# Colours meet 4.5:1 against white (WCAG AA for the text drawn in them).
DISTRESS_COLOUR = "#1d4ed8"
HOSTILITY_COLOUR = "#b45309"
MISSED_COLOUR = "#7e22ce"
RUPTURE_COLOUR = "#b91c1c"  # 5.9:1 on white
GRID_COLOUR = "#d4d4d8"
TEXT_COLOUR = "#3f3f46"
TRAJECTORY_WIDTH, TRAJECTORY_HEIGHT = 760, 280
_LEFT, _RIGHT, _TOP, _BOTTOM = 52, 56, 56, 44
DISTRESS_MIN, DISTRESS_MAX = 1.0, 7.0
MAX_X_TICKS = 16


@dataclass(frozen=True)
class TrajectoryPoint:
    """A client turn on the trajectory: distress (1-7, left axis), hostility (0-1, right axis)
    and each point's title (what a pointer or screen reader is told)."""

    turn: int  # the turn's number as people read it (from 1)
    distress: float
    hostility: float
    distress_title: str
    hostility_title: str


@dataclass(frozen=True)
class TurnMark:
    """A turn marked with a rule and a shape above the plot: a missed-empathy moment (a
    triangle) or a rupture (a diamond, filled when repaired, hollow when not)."""

    turn: int
    kind: Literal["missed", "rupture"]
    title: str
    filled: bool = True


def trajectory_chart(
    *,
    turns: Sequence[int],
    points: Sequence[TrajectoryPoint],
    marks: Sequence[TurnMark] = (),
    title: str,
    description: str,
    element_id: str = "trajectory",
) -> Chart:
    """Client distress (1-7, left axis) and hostility (0-1, right axis) over turn numbers, and
    the same figures and marks as a table (one row per client or marked turn).

    The series differ by marker shape and line dash as well as colour, and each marked turn gets
    a titled shape and a rule (dotted: missed empathy; dashed: a rupture), so nothing depends on
    colour alone. Inline in HTML5, so no xmlns: the report holds no URL at all."""
    by_turn = {p.turn: p for p in points}
    marked: dict[int, list[str]] = {}
    for mark in marks:
        marked.setdefault(mark.turn, []).append(mark.title)
    rows = tuple(
        (
            str(number),
            f"{by_turn[number].distress:.1f}" if number in by_turn else "–",
            f"{by_turn[number].hostility:.2f}" if number in by_turn else "–",
            "; ".join(marked.get(number, ())) or "–",
        )
        for number in sorted(by_turn.keys() | marked.keys())
    )
    return Chart(
        svg=Markup(  # noqa: S704 (_trajectory_svg escapes every text it draws)
            _trajectory_svg(turns, points, marks, title, description, element_id)
        ),
        title=title,
        columns=(_("Turn"), _("Distress (1–7)"), _("Hostility (0–1)"), _("Marked")),
        rows=rows,
        table_id=f"{element_id}-table",
    )


def _trajectory_svg(
    turns: Sequence[int],
    points: Sequence[TrajectoryPoint],
    marks: Sequence[TurnMark],
    title: str,
    description: str,
    element_id: str,
) -> str:
    numbers = list(turns) or [1]
    first, last = min(numbers), max(numbers)
    width, height = TRAJECTORY_WIDTH, TRAJECTORY_HEIGHT
    left, top = _LEFT, _TOP
    plot_w = width - _LEFT - _RIGHT
    plot_h = height - _TOP - _BOTTOM
    bottom = top + plot_h

    def x(number: int) -> float:
        if last == first:
            return left + plot_w / 2
        return left + (number - first) / (last - first) * plot_w

    def y_distress(value: float) -> float:
        clamped = min(max(value, DISTRESS_MIN), DISTRESS_MAX)
        return bottom - (clamped - DISTRESS_MIN) / (DISTRESS_MAX - DISTRESS_MIN) * plot_h

    def y_hostility(value: float) -> float:
        return bottom - min(max(value, 0.0), 1.0) * plot_h

    out: list[str] = [
        f'<svg viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{escape(element_id)}-title {escape(element_id)}-desc" '
        f'class="chart-trajectory" '
        f'font-family="system-ui, sans-serif" font-size="12">',
        *_title_and_desc(element_id, title, description),
    ]
    # Grid and left axis: distress 1..7; the right axis puts hostility 0, 0.5, 1 on gridlines.
    for level in range(1, 8):
        gy = y_distress(level)
        out.append(
            f'<line x1="{left}" y1="{gy:.1f}" x2="{left + plot_w}" y2="{gy:.1f}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{left - 8}" y="{gy + 4:.1f}" text-anchor="end" '
            f'fill="{DISTRESS_COLOUR}">{level}</text>'
        )
    for value in (0.0, 0.5, 1.0):
        out.append(
            f'<text x="{left + plot_w + 8}" y="{y_hostility(value) + 4:.1f}" '
            f'fill="{HOSTILITY_COLOUR}">{plain_number(value)}</text>'
        )
    out.append(
        f'<text x="14" y="{top + plot_h / 2:.1f}" fill="{DISTRESS_COLOUR}" text-anchor="middle" '
        f'transform="rotate(-90 14 {top + plot_h / 2:.1f})">{escape(_("Distress"))}</text>'
    )
    out.append(
        f'<text x="{width - 10}" y="{top + plot_h / 2:.1f}" fill="{HOSTILITY_COLOUR}" '
        f'text-anchor="middle" transform="rotate(90 {width - 10} {top + plot_h / 2:.1f})">'
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
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" text-anchor="middle" '
        f'fill="{TEXT_COLOUR}">{escape(_("Turn"))}</text>'
    )
    out.append(
        f'<line x1="{left}" y1="{bottom}" x2="{left + plot_w}" y2="{bottom}" '
        f'stroke="{TEXT_COLOUR}" stroke-width="1"/>'
    )
    # Marked turns, drawn under the series so the points stay visible: missed moments first,
    # the ruptures above their rules.
    for mark in sorted(marks, key=lambda m: m.kind != "missed"):
        out.append(_turn_mark(mark, x(mark.turn), top, bottom))
    distress_points = [(x(p.turn), y_distress(p.distress), p) for p in points]
    hostility_points = [(x(p.turn), y_hostility(p.hostility), p) for p in points]
    if len(distress_points) > 1:
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _p in distress_points)
        out.append(
            f'<polyline class="series-distress" points="{path}" fill="none" '
            f'stroke="{DISTRESS_COLOUR}" stroke-width="2.5"/>'
        )
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _p in hostility_points)
        out.append(
            f'<polyline class="series-hostility" points="{path}" fill="none" '
            f'stroke="{HOSTILITY_COLOUR}" stroke-width="2" stroke-dasharray="7 4"/>'
        )
    for px, py, point in distress_points:
        out.append(
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4.5" fill="{DISTRESS_COLOUR}">'
            f"<title>{escape(point.distress_title)}</title></circle>"
        )
    for px, py, point in hostility_points:
        out.append(
            f'<rect x="{px - 4:.1f}" y="{py - 4:.1f}" width="8" height="8" fill="white" '
            f'stroke="{HOSTILITY_COLOUR}" stroke-width="2">'
            f"<title>{escape(point.hostility_title)}</title></rect>"
        )
    out.append(_trajectory_legend())
    out.append("</svg>")
    return "\n".join(out)


def _turn_mark(mark: TurnMark, mx: float, top: float, bottom: float) -> str:
    title = escape(mark.title)
    if mark.kind == "missed":
        return (
            f'<g class="missed"><title>{title}</title>'
            f'<line x1="{mx:.1f}" y1="{top - 4}" x2="{mx:.1f}" y2="{bottom}" '
            f'stroke="{MISSED_COLOUR}" stroke-width="1.5" stroke-dasharray="2 3"/>'
            f'<path d="M{mx - 6:.1f},{top - 12} L{mx + 6:.1f},{top - 12} L{mx:.1f},{top - 2} Z" '
            f'fill="{MISSED_COLOUR}"/></g>'
        )
    fill = RUPTURE_COLOUR if mark.filled else "white"
    cy = top - 22
    return (
        f'<g class="rupture"><title>{title}</title>'
        f'<line x1="{mx:.1f}" y1="{top - 4}" x2="{mx:.1f}" y2="{bottom}" '
        f'stroke="{RUPTURE_COLOUR}" stroke-width="1.5" stroke-dasharray="6 3"/>'
        f'<path d="M{mx:.1f},{cy - 6} L{mx + 6:.1f},{cy} L{mx:.1f},{cy + 6} '
        f'L{mx - 6:.1f},{cy} Z" fill="{fill}" stroke="{RUPTURE_COLOUR}" stroke-width="2"/></g>'
    )


def _trajectory_legend() -> str:
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
        (
            f'<path d="M11,{y - 6} L17,{y} L11,{y + 6} L5,{y} Z" fill="white" '
            f'stroke="{RUPTURE_COLOUR}" stroke-width="2"/>',
            _("Rupture"),
        ),
    ]
    parts = ['<g class="legend" aria-hidden="true">']
    offset = _LEFT
    for shape, label in items:
        parts.append(
            f'<g transform="translate({offset},0)">{shape}<text x="28" y="{y + 4}" '
            f'fill="{TEXT_COLOUR}">{escape(label)}</text></g>'
        )
        offset += 40 + 7 * len(label)
    parts.append("</g>")
    return "".join(parts)
