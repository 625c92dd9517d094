"""The HTML report and its SVG chart: self-contained, escaped, accessible, complete."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest

from empathic.analysis.report.html import render_html
from empathic.analysis.report.trajectory import trajectory

from .test_report import HOSTILE, sample_analysis

GENERATED = datetime(2025, 3, 1, 14, 30, tzinfo=UTC)


class _Outline(HTMLParser):
    """Collects tags, headings, attributes and script elements of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[int] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "script":
            self.scripts += 1


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(sample_analysis(" " + HOSTILE), generated=GENERATED)


@pytest.fixture(scope="module")
def outline(page: str) -> _Outline:
    parser = _Outline()
    parser.feed(page)
    return parser


def test_page_needs_no_network_and_no_script(page: str, outline: _Outline):
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", page, re.IGNORECASE)
    assert "@import" not in page and "url(" not in page
    assert outline.scripts == 0
    for tag, attrs in outline.tags:
        assert "src" not in attrs, tag
        href = attrs.get("href")
        assert href is None or href.startswith("#"), href
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    assert "<style>" in page


def test_hostile_client_text_is_escaped(page: str):
    assert HOSTILE not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page


def test_hostile_speaker_and_rationale_text_is_escaped():
    analysis = sample_analysis()
    turns = list(analysis.turns)
    turns[1] = replace(turns[1], speaker='<img src=x onerror="alert(1)">')
    page = render_html(replace(analysis, turns=tuple(turns)), generated=GENERATED)
    assert "<img" not in page and "&lt;img src=x" in page


def test_accessible_structure(page: str, outline: _Outline):
    assert page.startswith("<!DOCTYPE html>")
    assert ("html", {"lang": "en"}) in outline.tags
    names = {tag for tag, _attrs in outline.tags}
    assert {"header", "main", "footer", "section", "article", "table", "details"} <= names
    assert outline.headings[0] == 1 and outline.headings.count(1) == 1
    for before, after in zip(outline.headings, outline.headings[1:], strict=False):
        assert after <= before + 1, outline.headings  # no skipped heading level
    scoped = [a for t, a in outline.tags if t == "th"]
    assert scoped and all(a.get("scope") in {"col", "row"} for a in scoped)


def test_every_rationale_mark_names_its_mechanism_in_title_and_tag(page: str, outline: _Outline):
    marks = [a for t, a in outline.tags if t == "mark"]
    assert len(marks) >= 12  # 9 practitioner rationales + the legend's 3
    titles = {a["title"] for a in marks}
    assert {"emotional reaction (ER)", "interpretation (IP)", "exploration (EX)"} <= titles
    assert (
        '<mark class="rat rat-er" title="emotional reaction (ER)">That sounds exhausting'
        '<span class="tag">ER</span></mark>'
    ) in page


def test_every_practitioner_turn_shows_its_levels_codes_and_strategy(page: str):
    analysis = sample_analysis()
    for turn in analysis.turns:
        number = turn.index + 1
        block = page.split(f'id="turn-{number}"')[1].split("</article>")[0]
        if turn.role == "practitioner":
            for mechanism, score in turn.empathy.mechanisms.items():
                word = ("none", "weak", "strong")[score.level]
                assert f"{mechanism.upper()} <strong>{word}</strong>" in block
            mi = turn.practitioner.mi_code.replace("_", " ")
            assert f"<dd>{mi}</dd>" in block
            assert turn.practitioner.strategy in block
        else:
            assert f"{turn.client.distress:.1f} / 7" in block
            assert turn.client.hostility in block


def test_summary_shows_bands_as_text_with_thresholds(page: str):
    summary = page.split('id="summary-h"')[1].split('id="trajectory-h"')[0]
    assert "1.50 : 1" in summary and '<span class="rating rating-fair">fair</span>' in summary
    assert "67%" in summary and '<span class="rating rating-good">good</span>' in summary
    assert "fair ≥ 1:1, good ≥ 2:1" in summary and "fair ≥ 40%, good ≥ 50%" in summary
    assert "ER · emotional reactions" in summary and "43%" in summary


def test_header_names_source_models_and_how_the_practitioner_was_found(page: str):
    header = page.split("</header>")[0]
    assert "session.vtt (vtt)" in header and "2025-03-01 14:30 UTC" in header
    assert "Sam Rivera" in header and "the speaker who asked the most questions" in header
    assert "epitome@1.2.0" in header and "goemotions@1.0.0" in header


def test_moments_link_to_missed_turns_with_feedback_and_suggestions(page: str):
    moments = page.split('id="moments-h"')[1].split('id="transcript-h"')[0]
    assert moments.count("<li>") == 2
    assert '<a href="#turn-5">Turn 5 (0:50)</a>' in moments
    assert '<a href="#turn-7">Turn 7 (1:15)</a>' in moments
    assert "<strong>fear</strong> (78%)" in moments
    turn5 = page.split('id="turn-5"')[1].split("</article>")[0]
    assert "Missed empathy after a strong client emotion" in turn5
    assert "Feedback: missing emotional reactions, interpretations" in turn5
    assert turn5.count('<li class="suggestion">') == 2
    assert "re-scored: ER strong · IP weak · EX none" in turn5


def test_chart_and_its_data_table(page: str):
    trajectory = page.split('id="trajectory-h"')[1].split('id="moments-h"')[0]
    assert trajectory.count("<svg") == 1 and 'role="img"' in trajectory
    data = trajectory.split("<details>")[1]
    rows = re.findall(r"<tr><td class=\"num\">", data)
    assert len(rows) == 7  # one per client turn
    assert '<td class="num">6.3</td><td class="num">0.63</td>' in data
    assert "yes, turn 7" in data and "yes, turn 5" in data


def test_print_styles_are_included(page: str):
    assert "@media print" in page and "break-inside: avoid" in page


def test_svg_series_differ_by_shape_and_dash_and_mark_missed_turns():
    svg = trajectory(sample_analysis()).svg
    assert svg.count("<circle") == 7 + 1  # client turns + legend
    assert svg.count("<rect") == 7 + 1
    distress = re.search(r'<polyline class="series-distress"[^>]*>', svg).group(0)
    hostility = re.search(r'<polyline class="series-hostility"[^>]*>', svg).group(0)
    assert "stroke-dasharray" not in distress and "stroke-dasharray" in hostility
    assert svg.count('<g class="missed">') == 2
    assert "Turn 5: empathy missed" in svg and "Turn 7: empathy missed" in svg
    assert "at turns 5, 7." in svg  # the description names them for screen readers


def test_svg_places_points_on_the_scales():
    svg = trajectory(sample_analysis()).svg
    ys = [
        float(y)
        for y in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)" r="4.5" fill="#1d4ed8">', svg)
    ]
    # distress 5.4, 5.9, 6.3, 5.6, 4.6, 3.8, 2.9: higher distress is drawn higher (smaller y)
    assert ys[2] == min(ys) and ys[-1] == max(ys)
    hostility = [float(y) for y in re.findall(r'<rect x="[\d.]+" y="([\d.]+)" width="8"', svg)[:-1]]
    assert hostility[2] == min(hostility)  # the offensive turn


def test_svg_with_a_single_turn_and_no_client_turns_still_renders():
    analysis = sample_analysis()
    one = replace(analysis, turns=analysis.turns[:1])
    svg = trajectory(one).svg
    assert svg.startswith("<svg") and svg.endswith("</svg>") and "<polyline" not in svg
    assert "at turns none." in svg


def test_both_reports_name_codes_and_ratings_with_the_one_vocabulary():
    from empathic.analysis.report.terminal import render_text

    analysis = sample_analysis()
    turns = list(analysis.turns)
    first = turns[0]
    turns[0] = replace(first, practitioner=replace(first.practitioner, mi_code="information"))
    summary = replace(
        analysis.summary,
        reflection_to_question=replace(analysis.summary.reflection_to_question, value=None),
    )
    informed = replace(analysis, turns=tuple(turns), summary=summary)
    page = render_html(informed, generated=GENERATED)
    text = render_text(informed, color=False)
    assert "<dd>giving information</dd>" in page and "MI: giving information" in text
    assert '<span class="rating rating-n-a">not enough data</span>' in page
    assert "not enough data" in text
    assert "<dd>neutral talk</dd>" in page and "· neutral talk" in text
