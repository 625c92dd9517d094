"""The one vocabulary: every code the models produce has its words, the reports and the pages say
the same word, and the shared modules stay usable without Django."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest
from django.template import Context, Template

from empathic.analysis.quality.index import PARTS
from empathic.analysis.results import MI_BEHAVIOURS, MI_CODES, TALK_TYPES, Band, Summary
from empathic.core import i18n, vocabulary
from empathic.core.vocabulary import (
    capitalised,
    concern_name,
    concern_texts,
    highlight_name,
    level_name,
    mechanism_name,
    mechanism_names,
    mechanism_tag,
    metric_abbreviation,
    metric_compact,
    metric_heading,
    metric_name,
    mi_behaviour_name,
    mi_code_name,
    quality_part_name,
    rating_name,
    repair_status_name,
    rupture_name,
    talk_name,
)
from empathic.nlp.concerns import CONCERN_KINDS
from empathic.nlp.scorer import MECHANISMS


def test_every_code_the_models_produce_has_its_words():
    assert vocabulary.MECHANISMS == MECHANISMS
    assert set(vocabulary.MI_CODES) == set(MI_CODES)
    assert set(vocabulary.MI_BEHAVIOURS) == set(MI_BEHAVIOURS)
    assert set(vocabulary.TALK_TYPES) == set(TALK_TYPES)
    ratings = {Band(v, 1.0, 2.0).rating for v in (None, 0.5, 1.5, 2.5)}
    assert ratings == set(vocabulary.RATINGS)
    for kind in CONCERN_KINDS:
        assert concern_name(kind) == CONCERN_KINDS[kind].label


def test_the_chosen_wordings():
    assert mi_code_name("information") == "giving information"
    assert capitalised(mi_code_name("information")) == "Giving information"
    assert mi_code_name("complex_reflection") == "complex reflection"
    assert mi_behaviour_name("therapist_input") == "practitioner input"
    assert talk_name("neutral") == "neutral talk" and talk_name("change") == "change talk"
    assert rating_name("n/a") == "not enough data" and rating_name("below fair") == "below fair"
    assert [level_name(level) for level in (0, 1, 2)] == ["none", "weak", "strong"]
    assert mechanism_name("er") == "emotional reaction"
    assert mechanism_names("ip") == "interpretations"
    assert [mechanism_tag(k) for k in ("ex", "concern", "risk", "confrontation")] == [
        "EX",
        "CONCERN",
        "SAFETY",
        "AGAINST",
    ]
    assert [highlight_name(k) for k in ("er", "concern", "risk")] == [
        "emotional reaction",
        "concern",
        "safety",
    ]
    assert highlight_name("withdrawal") == "the client pulled out of the conversation"
    assert rupture_name("confrontation") == "confrontation"
    assert repair_status_name(None) == "repair unknown (the transcript ends)"
    assert repair_status_name("yes") == repair_status_name(None)  # stored JSON may say anything


def test_every_summary_measure_and_quality_part_has_its_words():
    assert set(vocabulary.METRICS) <= {field.name for field in dataclasses.fields(Summary)}
    mechanism_rates = {f"{m}_rate" for m in vocabulary.MECHANISMS}
    assert set(PARTS) == set(vocabulary.QUALITY_PARTS) | mechanism_rates


def test_the_measures_read_the_same_everywhere():
    assert metric_name("reflection_to_question") == "reflections to questions"
    assert metric_heading("reflection_to_question") == "reflections to questions (R:Q)"
    assert metric_abbreviation("reflection_to_question") == "R:Q"
    assert metric_compact("reflection_to_question") == "reflection-to-question"
    assert metric_heading("percent_open_questions") == "open questions"
    assert metric_abbreviation("practitioner_talk_share") == "practitioner's share of the talk"
    assert metric_compact("percent_complex_reflections") == "complex reflections"
    assert quality_part_name("reflection_to_question") == "reflections per question"
    assert quality_part_name("er_rate") == "emotional reactions (ER)"
    assert quality_part_name("new_part") == metric_name("new_part") == "new part"


def test_unknown_codes_read_as_words_never_as_errors():
    assert mi_code_name("reframe_question") == "reframe question"
    assert mechanism_name("xx") == "xx" and mechanism_names("new_one") == "new one"
    assert level_name(7) == "7" and level_name(-1) == "-1"
    assert talk_name("odd_talk") == "odd talk" and rating_name("great") == "great"
    assert concern_name("new_kind") == "new kind"
    assert concern_texts("new_kind") == {"label": "new kind", "what": "", "why": "", "instead": ""}
    assert capitalised("") == ""


def test_labels_are_translated_when_looked_up():
    # The web application installs Django's gettext (CoreConfig.ready); any translator works.
    from django.utils.translation import gettext

    assert i18n._translate is gettext
    i18n.use_translator(lambda message: f"[{message}]")
    try:
        assert mi_code_name("information") == "[giving information]"
        assert concern_texts("blaming")["label"] == "[blaming]"
        assert mechanism_tag("er") == "ER"  # EPITOME's tags are not words
    finally:
        i18n.use_translator(gettext)


def test_templates_read_the_same_vocabulary():
    html = Template(
        '{% load vocabulary %}{{ "er"|mechanism_names|capfirst }} · {{ "ip"|mechanism_name }} · '
        '{{ "information"|mi_code_name }} · {{ 1|level_name }} · {{ "neutral"|talk_name }} · '
        '{{ "n/a"|rating_name }} · {{ "concern"|mechanism_tag }}'
    ).render(Context())
    assert html == (
        "Emotional reactions · interpretation · giving information · weak · neutral talk · "
        "not enough data · CONCERN"
    )
    measures = Template(
        '{% load vocabulary %}{{ "reflection_to_question"|metric_abbreviation }} · '
        '{{ "percent_open_questions"|metric_name|capfirst }}'
    ).render(Context())
    assert measures == "R:Q · Open questions"


@pytest.mark.parametrize(
    "modules",
    [
        "empathic.core.vocabulary, empathic.core.highlight, empathic.core.charts",
        "empathic.analysis.report.html, empathic.analysis.report.terminal",
    ],
)
def test_the_shared_modules_and_the_reports_import_no_django(modules):
    code = f"import sys, {modules}; assert 'django' not in sys.modules, sorted(sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)
