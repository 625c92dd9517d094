"""Server-side SVG charts: no JavaScript, nothing inline that the Content-Security-Policy forbids.

``line_chart`` draws one or more series over time, optionally over horizontal bands (e.g. the
"low / moderate / high" ranges of a scale), and returns a :class:`Chart` holding the SVG markup
and the same figures as a data table, so screen-reader users and people who cannot tell colours
apart get everything the picture shows. Series differ by marker shape and dash pattern as well
as by colour. Render it in a template with ``{{ chart }}``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

XValue = date | datetime
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


@dataclass(frozen=True)
class Chart:
    svg: SafeString
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    table_id: str = field(default="")

    def table_html(self) -> SafeString:
        head = "".join(str(format_html('<th scope="col">{}</th>', c)) for c in self.columns)
        body = "".join(
            "<tr>"
            + str(format_html('<th scope="row">{}</th>', row[0]))
            + "".join(str(format_html("<td>{}</td>", cell)) for cell in row[1:])
            + "</tr>"
            for row in self.rows
        )
        return mark_safe(  # noqa: S308 (every piece above is escaped by format_html)
            f'<div class="table-wrap"><table id="{escape(self.table_id)}">'
            f"<caption>{escape(self.title)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table></div>"
        )

    def __html__(self) -> str:
        return str(
            format_html(
                '<figure class="chart"><figcaption>{}</figcaption>{}<details class="chart-data">'
                "<summary>{}</summary>{}</details></figure>",
                self.title,
                self.svg,
                _("Show the figures as a table"),
                self.table_html(),
            )
        )

    def __str__(self) -> str:
        return self.__html__()


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _as_datetime(x: XValue) -> datetime:
    return x if isinstance(x, datetime) else datetime(x.year, x.month, x.day)


def _default_x_format(x: XValue) -> str:
    return x.strftime("%Y-%m-%d")


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
    value_format: Callable[[float], str] = _fmt,
    width: int = 640,
    height: int = 260,
    chart_id: str | None = None,
) -> Chart:
    """A line chart of ``series`` over time, scaled from ``y_min`` to ``y_max``.

    Points are placed by their date, so uneven gaps between check-ins look uneven. The title and
    description label the SVG (``role="img"``); the returned table lists every point.
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

    xs = sorted({_as_datetime(x) for s in series for x, _v in s.points})
    x0, x1 = (xs[0], xs[-1]) if xs else (None, None)
    span = (x1 - x0).total_seconds() if xs and x1 != x0 else 0.0

    def px(x: XValue) -> float:
        if not span:
            return left + plot_w / 2
        return left + plot_w * (_as_datetime(x) - x0).total_seconds() / span  # type: ignore[operator]

    def py(v: float) -> float:
        v = min(max(v, y_min), y_max)
        return top + plot_h * (1 - (v - y_min) / (y_max - y_min))

    parts: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 {width} {height}"'
        f' role="img" aria-labelledby="{uid}-title {uid}-desc" focusable="false">',
        str(format_html('<title id="{}-title">{}</title>', uid, title)),
        str(
            format_html(
                '<desc id="{}-desc">{}</desc>',
                uid,
                description or _("The same figures are in the table below the chart."),
            )
        ),
    ]
    for band in bands:
        b_top, b_bottom = py(band.high), py(band.low)
        parts.append(
            f'<rect class="chart-band chart-band-{escape(band.tone)}" x="{left}" '
            f'y="{b_top:.1f}" width="{plot_w}" height="{max(b_bottom - b_top, 0):.1f}"/>'
        )
        parts.append(
            str(
                format_html(
                    '<text class="chart-band-label" x="{}" y="{}">{}</text>',
                    f"{left + plot_w + 6}",
                    f"{(b_top + b_bottom) / 2 + 4:.1f}",
                    band.label,
                )
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
            str(
                format_html(
                    '<text class="chart-tick" x="{}" y="{}" text-anchor="end">{}</text>',
                    left - 6,
                    f"{y + 4:.1f}",
                    value_format(tick),
                )
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
            str(
                format_html(
                    '<text class="chart-tick" x="{}" y="{}" text-anchor="middle">{}</text>',
                    f"{px(x):.1f}",
                    top + plot_h + 18,
                    x_format(x),
                )
            )
        )
    if y_label:
        parts.append(
            str(
                format_html(
                    '<text class="chart-axis-label" x="12" y="{}" text-anchor="middle" '
                    'transform="rotate(-90 12 {})">{}</text>',
                    f"{top + plot_h / 2:.1f}",
                    f"{top + plot_h / 2:.1f}",
                    y_label,
                )
            )
        )
    for index, s in enumerate(series):
        css = f"chart-series chart-series-{index % len(MARKERS)}"
        dash = DASHES[index % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        runs: list[list[tuple[float, float]]] = [[]]
        for x, v in sorted(s.points, key=lambda p: _as_datetime(p[0])):
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
            str(
                format_html(
                    '<text class="chart-legend" x="{}" y="{}">{}</text>', left + 48, ly, s.label
                )
            )
        )
    if x_label:
        parts.append(
            str(
                format_html(
                    '<text class="chart-axis-label" x="{}" y="{}" text-anchor="end">{}</text>',
                    left + plot_w,
                    top + plot_h + 36,
                    x_label,
                )
            )
        )
    parts.append("</svg>")

    values: dict[tuple[int, datetime], float | None] = {}
    for index, s in enumerate(series):
        for x, v in s.points:
            values[(index, _as_datetime(x))] = v

    def cell(index: int, x: datetime) -> str:
        value = values.get((index, x))
        return value_format(value) if value is not None else "–"

    rows = tuple((x_format(x), *(cell(i, x) for i in range(len(series)))) for x in xs)
    columns = (x_label or _("Date"), *(s.label for s in series))
    return Chart(
        svg=mark_safe("".join(parts)),  # noqa: S308 (text is escaped above; numbers are ours)
        title=title,
        columns=columns,
        rows=rows,
        table_id=f"{uid}-table",
    )
