from __future__ import annotations

from datetime import date, datetime
from xml.etree import ElementTree

import pytest

from empathic.core.charts import Band, Series, line_chart

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
