"""The session quality index: parts from a hand-built analysis, the artifact, its range and
direction, the reports, and `empathic analyze --json` on the shipped sample."""

from __future__ import annotations

import dataclasses
import json
import math
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from empathic.analysis.quality.index import (
    PARTS,
    RQ_CAP,
    QualityIndexModel,
    TurnCodes,
    load_quality_index,
    part_values,
    quality_index,
    turn_codes,
)
from empathic.analysis.report import render_html, render_text
from empathic.analysis.report.quality import view_from_data
from empathic.cli import app

from .test_report import sample_analysis

if TYPE_CHECKING:
    from empathic.analysis.results import ConversationAnalysis

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _with_index(analysis: ConversationAnalysis) -> ConversationAnalysis:
    from empathic.analysis.quality.index import with_quality_index

    return dataclasses.replace(
        analysis, summary=with_quality_index(analysis.summary, analysis.turns)
    )


def test_parts_of_a_hand_built_analysis():
    # 7 practitioner turns: open Q, complex R, closed Q, advice, complex R, simple R, affirmation.
    values = part_values([turn_codes(t) for t in sample_analysis().turns])
    assert values == {
        "reflection_to_question": 1.5,  # 3 reflections / 2 questions
        "percent_open_questions": 0.5,
        "percent_complex_reflections": round(2 / 3, 4),
        "information_advice_share": round(1 / 7, 4),
        "concerns_per_turn": 0.0,  # the hand-built turns carry none
        "er_rate": round(3 / 7, 4),
        "ip_rate": round(4 / 7, 4),
        "ex_rate": round(4 / 7, 4),
        "change_talk_share": 0.6,  # 3 change, 2 sustain
    }


def test_concerns_are_read_when_present_and_zero_when_absent():
    turn = next(t for t in sample_analysis().turns if t.role == "practitioner")
    flagged = dataclasses.replace(turn, concerns=("confronting", "warning"))
    assert turn_codes(flagged).concerns == 2
    # An analysis from before concerns existed: no attribute at all.
    bare = SimpleNamespace(**{k: v for k, v in vars(turn).items() if k != "concerns"})
    bare.practitioner = SimpleNamespace(mi_code="open_question")
    assert turn_codes(bare).concerns == 0  # type: ignore[arg-type]
    codes = [TurnCodes("practitioner", "advice", concerns=2), TurnCodes("practitioner", "other")]
    assert part_values(codes)["concerns_per_turn"] == 1.0


def test_undefined_parts_are_none_and_contribute_nothing():
    codes = [TurnCodes("practitioner", "information"), TurnCodes("client", talk_type="neutral")]
    values = part_values(codes)
    for part in ("reflection_to_question", "percent_open_questions",
                 "percent_complex_reflections", "change_talk_share"):  # fmt: skip
        assert values[part] is None
    found = load_quality_index().score(values)
    assert all(p.contribution == 0 for p in found.parts if p.value is None)
    # Reflections without questions: the ratio is capped, not infinite.
    only_reflections = part_values([TurnCodes("practitioner", "simple_reflection")])
    assert only_reflections["reflection_to_question"] == RQ_CAP


def test_artifact_loads_with_its_version_and_every_part():
    model = load_quality_index()
    assert model.model == "quality-index@1.3.1"
    assert tuple(w.name for w in model.weights) == PARTS
    data = json.loads(Path(__file__).parents[1].joinpath("quality", "index.json").read_text())
    assert data["metrics"]["predicted"]["cv_auc_mean"] > 0.5
    # The weights point where MI says (the fit is sign-constrained): never "less empathy".
    weight = {w.name: w.weight for w in model.weights}
    assert weight["reflection_to_question"] > 0 and weight["information_advice_share"] < 0
    assert all(weight[p] >= 0 for p in ("er_rate", "ip_rate", "ex_rate", "change_talk_share"))


def test_index_is_the_logistic_of_its_contributions_and_stays_in_range():
    model = load_quality_index()
    values = part_values([turn_codes(t) for t in sample_analysis().turns])
    found = model.score(values)
    logit = model.intercept + sum(p.contribution for p in found.parts)
    assert found.value == pytest.approx(100 / (1 + math.exp(-logit)), abs=0.06)
    best = dict.fromkeys(PARTS, 1.0) | {"information_advice_share": 0.0, "concerns_per_turn": 0}
    worst = dict.fromkeys(PARTS, 0.0) | {"information_advice_share": 1.0, "concerns_per_turn": 5}
    for extreme in (best, worst, dict.fromkeys(PARTS)):
        assert 0 <= model.index(extreme) <= 100
    assert model.index(best) > model.index(worst)


def test_index_is_monotone_in_its_main_parts():
    model = load_quality_index()
    base = part_values([turn_codes(t) for t in sample_analysis().turns])
    main = sorted(model.weights, key=lambda w: -abs(w.weight))[:3]
    for weight in main:
        lower, higher = (0.2, 0.8) if weight.name != "reflection_to_question" else (0.5, 2.5)
        low = model.index({**base, weight.name: lower})
        high = model.index({**base, weight.name: higher})
        assert (high > low) if weight.weight > 0 else (high < low), weight.name


def test_direction_to_grow_names_the_part_with_the_largest_gain():
    model = QualityIndexModel.from_dict(
        {
            "name": "quality-index",
            "version": "0.0.1",
            "intercept": 0.0,
            "parts": [
                {"name": "reflection_to_question", "mean": 1, "sd": 1, "weight": 1, "target": 2},
                {"name": "ex_rate", "mean": 0.4, "sd": 0.2, "weight": 0.2, "target": 0.6},
                {"name": "information_advice_share", "mean": 0.2, "sd": 0.2, "weight": -0.5,
                 "target": 0.0},
            ],
        }
    )  # fmt: skip
    values = {"reflection_to_question": 1.0, "ex_rate": 0.4, "information_advice_share": 0.2}
    assert model.grow(values) == "reflection_to_question"
    assert model.grow({**values, "information_advice_share": 0.8}) == "information_advice_share"
    at_target = {"reflection_to_question": 2.5, "ex_rate": 0.7, "information_advice_share": 0.0}
    assert model.grow(at_target) is None


def test_reports_show_the_index_its_parts_and_a_direction_to_grow():
    analysis = _with_index(sample_analysis())
    assert 0 <= analysis.summary.quality_index <= 100
    text = render_text(analysis, color=False)
    assert "Session quality index" in text and "Direction to grow" in text
    assert "never a grade of the person" in text
    assert "Reflections per question" in text
    page = render_html(analysis)
    assert 'id="quality-h"' in page and "Direction to grow" in page
    data = analysis.to_dict()["summary"]
    assert {p["name"] for p in data["quality_index_parts"]} == set(PARTS)
    assert view_from_data(data).index == f"{analysis.summary.quality_index:.0f}"
    # An analysis stored before the index existed renders without it.
    assert view_from_data({"reflection_to_question": {}}) is None
    assert "Session quality index" not in render_text(sample_analysis(), color=False)


def test_quality_modules_import_no_django():
    code = (
        "import sys, empathic.analysis.quality.index, empathic.analysis.report.quality, "
        "empathic.analysis.transcripts.confidence, empathic.analysis.quality.fit; "
        "assert 'django' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.slow
def test_analyze_json_has_the_index_on_the_sample_session():
    result = CliRunner().invoke(
        app, ["analyze", str(SAMPLES / "session.vtt"), "--json", "--no-suggestions"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)["summary"]
    assert isinstance(summary["quality_index"], float) and 0 <= summary["quality_index"] <= 100
    assert summary["quality_index_model"] == "quality-index@1.3.1"
    assert [p["name"] for p in summary["quality_index_parts"]] == list(PARTS)
    assert all({"name", "value", "contribution"} <= set(p) for p in summary["quality_index_parts"])


def test_quality_index_of_an_analysis():
    found = quality_index(sample_analysis().turns)
    assert found.model == "quality-index@1.3.1" and len(found.parts) == len(PARTS)
