from __future__ import annotations

import re
from datetime import date, datetime
from xml.etree import ElementTree

import pytest

from empathic.core.charts import (
    Band,
    Series,
    TrajectoryPoint,
    TurnMark,
    line_chart,
    trajectory_chart,
)

SVG = "{http://www.w3.org/2000/svg}"


def _parse(markup: str) -> ElementTree.Element:
    return ElementTree.fromstring(markup)  # noqa: S314 (our own output, not untrusted input)


def _chart(**kwargs):
    defaults = dict(
        series=[
            Series("Burnout", [(date(2026, 1, 1), 20), (date(2026, 2, 1), 30)]),
            Series("Stress", [(date(2026, 1, 1), 40), (date(2026, 2, 1), None)]),
        ],
        title="Your trend",
        y_min=10,
        y_max=50,
    )
    defaults.update(kwargs)
    return line_chart(**defaults)


def test_svg_is_well_formed_and_labelled():
    chart = _chart(description="Two scales over two months")
    root = _parse(str(chart.svg))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}title").text == "Your trend"
    assert root.find(f"{SVG}desc").text == "Two scales over two months"
    assert root.find(f"{SVG}desc").get("id") == desc_id


def test_no_inline_style_or_script():
    html = str(_chart())
    assert "<script" not in html
    assert "style=" not in html


def test_points_are_placed_by_value_and_date():
    chart = _chart(series=[Series("A", [(date(2026, 1, 1), 10), (date(2026, 1, 11), 50)])])
    root = _parse(str(chart.svg))
    line = root.find(f"{SVG}polyline")
    (x_a, y_a), (x_b, y_b) = (tuple(map(float, p.split(","))) for p in line.get("points").split())
    assert x_a < x_b  # later date further right
    assert y_a > y_b  # higher value further up (SVG y grows downwards)


def test_gap_breaks_the_line_and_shows_a_dash_in_the_table():
    chart = _chart()
    root = _parse(str(chart.svg))
    # "Stress" has one point then a gap: no polyline for it, only a marker.
    assert len(root.findall(f"{SVG}polyline")) == 1
    assert chart.columns == ("Date", "Burnout", "Stress")
    assert chart.rows == (("2026-01-01", "20", "40"), ("2026-02-01", "30", "–"))


def test_series_differ_by_marker_shape_not_only_colour():
    root = _parse(str(_chart().svg))
    circles = root.findall(f".//{SVG}circle")
    squares = root.findall(f".//{SVG}rect[@class]")
    assert any("chart-series-0" in c.get("class") for c in circles)
    assert any("chart-series-1" in r.get("class") for r in squares)


def test_bands_are_drawn_with_visible_labels():
    chart = _chart(
        bands=[Band(10, 22, "Low", "low"), Band(23, 41, "Moderate", "mid"), Band(42, 50, "High")]
    )
    root = _parse(str(chart.svg))
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "chart-band-label"]
    assert labels == ["Low", "Moderate", "High"]
    assert root.find(f"{SVG}rect[@class='chart-band chart-band-low']") is not None


def test_text_is_escaped():
    chart = _chart(title="<b>&", series=[Series("<script>", [(date(2026, 1, 1), 20)])])
    html = str(chart)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    _parse(str(chart.svg))


def test_rendered_figure_has_a_data_table_with_caption():
    html = _chart().__html__()
    assert html.startswith('<figure class="chart"><figcaption>Your trend</figcaption>')
    assert "<caption>Your trend</caption>" in html
    assert '<th scope="row">2026-01-01</th>' in html


def test_single_point_and_empty_series_render():
    single = _chart(series=[Series("A", [(datetime(2026, 3, 4, 10, 0), 25)])])
    _parse(str(single.svg))
    assert single.rows == (("2026-03-04", "25"),)
    empty = _chart(series=[Series("A", [])])
    _parse(str(empty.svg))
    assert empty.rows == ()


def test_custom_formats_and_ticks():
    chart = _chart(
        x_format=lambda d: d.strftime("%b %Y"),
        value_format=lambda v: f"{v:.2f}",
        y_ticks=[10, 30, 50],
    )
    assert chart.rows[0][0] == "Jan 2026"
    assert chart.rows[0][1] == "20.00"
    root = _parse(str(chart.svg))
    ticks = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "chart-tick"]
    assert ticks[:3] == ["10.00", "30.00", "50.00"]


def test_invalid_range_is_refused():
    with pytest.raises(ValueError, match="y_max"):
        _chart(y_min=5, y_max=5)


def test_long_histories_get_at_most_six_x_labels_including_the_latest():
    points = [(date(2026, month, 1), float(month)) for month in range(1, 13)]
    root = _parse(str(_chart(series=[Series("A", points)]).svg))
    labels = [
        t.text
        for t in root.iter(f"{SVG}text")
        if t.get("class") == "chart-tick" and t.get("text-anchor") == "middle"
    ]
    assert len(labels) <= 6
    assert labels[0] == "2026-01-01" and labels[-1] == "2026-12-01"


def test_points_can_be_placed_by_turn_number():
    chart = _chart(series=[Series("A", [(3, 10), (1, 50), (9, 30)])], x_format=str)
    assert chart.rows == (("1", "50"), ("3", "10"), ("9", "30"))
    line = _parse(str(chart.svg)).find(f"{SVG}polyline")
    xs = [float(p.split(",")[0]) for p in line.get("points").split()]
    assert xs[0] < xs[1] < xs[2] and (xs[1] - xs[0]) * 3 == pytest.approx(xs[2] - xs[1])


def test_a_chart_is_markup_in_django_and_jinja_templates():
    from django.template import Context, Template
    from jinja2 import Environment

    chart = _chart(title="A & B")
    for html in (
        Template("{{ chart }}").render(Context({"chart": chart})),
        Environment(autoescape=True).from_string("{{ chart }}").render(chart=chart),
    ):
        assert html.startswith('<figure class="chart"><figcaption>A &amp; B</figcaption><svg')


def _trajectory(**kwargs):
    points = [
        TrajectoryPoint(2, 5.5, 0.2, "Turn 2: distress 5.5 <of> 7", "Turn 2: hostility 0.20"),
        TrajectoryPoint(4, 6.5, 0.7, "Turn 4: distress 6.5 of 7", "Turn 4 & more"),
    ]
    defaults = dict(
        turns=[1, 2, 3, 4, 5],
        points=points,
        marks=[
            TurnMark(5, "rupture", "Turn 5: rupture, not repaired", filled=False),
            TurnMark(3, "missed", "Turn 3: empathy missed"),
        ],
        title="Client <distress>",
        description="Line chart & marks",
    )
    defaults.update(kwargs)
    return trajectory_chart(**defaults).svg


def test_the_trajectory_is_well_formed_labelled_and_needs_no_namespace_or_url():
    svg = _trajectory()
    root = _parse(svg)
    assert root.tag == "svg" and "http" not in svg  # the standalone report holds no URL
    assert root.get("aria-labelledby") == "trajectory-title trajectory-desc"
    assert root.find("title").text == "Client <distress>"
    assert root.find("desc").text == "Line chart & marks"
    titles = [t.text for t in root.iter("title")]
    assert "Turn 2: distress 5.5 <of> 7" in titles and "Turn 4 & more" in titles
    assert len(list(root.iter("circle"))) == 2 + 1 and len(list(root.iter("rect"))) == 2 + 1


def test_the_trajectory_marks_missed_turns_under_ruptures_and_fills_repaired_ones():
    svg = _trajectory()
    assert svg.index('<g class="missed">') < svg.index('<g class="rupture">')
    hollow = re.search(r'<g class="rupture">.*?</g>', svg).group(0)
    assert 'fill="white"' in hollow
    filled = _trajectory(marks=[TurnMark(5, "rupture", "repaired")])
    assert 'fill="white" stroke="#b91c1c"' not in filled.split('<g class="legend"')[0]


def test_the_trajectory_of_one_turn_and_no_client_turns_renders():
    svg = _trajectory(turns=[], points=[], marks=[])
    _parse(svg)
    assert "<polyline" not in svg and svg.endswith("</svg>")


def test_the_trajectory_lists_its_figures_and_marks_in_a_table_for_those_who_cannot_see_it():
    chart = trajectory_chart(
        turns=[1, 2, 3, 4, 5],
        points=[TrajectoryPoint(2, 5.5, 0.2, "a", "b"), TrajectoryPoint(4, 6.5, 0.7, "c", "d")],
        marks=[TurnMark(4, "rupture", "Turn 4: rupture <b>"), TurnMark(3, "missed", "Turn 3")],
        title="Client <distress>",
        description="marks",
        element_id="chart-trajectory",
    )
    assert chart.columns == ("Turn", "Distress (1–7)", "Hostility (0–1)", "Marked")
    assert chart.rows == (
        ("2", "5.5", "0.20", "–"),
        ("3", "–", "–", "Turn 3"),
        ("4", "6.5", "0.70", "Turn 4: rupture <b>"),
    )
    html = str(chart.__html__())
    assert html.startswith('<figure class="chart"><figcaption>Client &lt;distress&gt;</figcaption>')
    assert 'aria-labelledby="chart-trajectory-title chart-trajectory-desc"' in html
    assert '<table id="chart-trajectory-table">' in html and "Turn 4: rupture &lt;b&gt;" in html
