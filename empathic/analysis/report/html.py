"""The HTML report: one self-contained page (inline CSS and SVG, no script, no URL) that opens
offline, prints, and passes WCAG 2.1 AA checks. Jinja2 autoescapes everything: transcript text is
client-supplied and may contain markup."""

from __future__ import annotations

from datetime import datetime
from gettext import gettext as _
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from empathic.analysis.report.common import (
    MAX_EMOTIONS,
    MECHANISM_NAMES,
    MECHANISM_SINGULAR,
    MECHANISMS,
    band_text,
    clock,
    highlight_segments,
    level_word,
    levels_text,
    mechanism_label,
    mi_code_name,
    percent,
    preceding_client,
    talk_name,
    turn_number,
)
from empathic.analysis.report.svg import trajectory_svg
from empathic.analysis.results import ConversationAnalysis, TurnAnalysis

TEMPLATES = Path(__file__).parent / "templates"

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,  # always: the template's suffix is .j2, so select_autoescape would miss it
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.globals.update(
    _=_,
    clock=clock,
    percent=percent,
    level_word=level_word,
    levels_text=levels_text,
    mechanism_label=mechanism_label,
    mi_code_name=mi_code_name,
    talk_name=talk_name,
    turn_number=turn_number,
    MECHANISMS=MECHANISMS,
    MECHANISM_NAMES=MECHANISM_NAMES,
    MECHANISM_SINGULAR=MECHANISM_SINGULAR,
    MAX_EMOTIONS=MAX_EMOTIONS,
)
_env.filters.update(
    singular_names=lambda ms: ", ".join(MECHANISM_SINGULAR.get(m, m) for m in ms),
    plural_names=lambda ms: ", ".join(MECHANISM_NAMES.get(m, m) for m in ms),
)


def highlight(turn: TurnAnalysis) -> Markup:
    """The turn's text with each rationale phrase in a <mark> that names its mechanism in a
    visible tag and in its title; the text itself is escaped."""
    parts: list[Markup] = []
    for segment in highlight_segments(turn):
        if not segment.mechanisms:
            parts.append(escape(segment.text))
            continue
        names = "; ".join(
            f"{MECHANISM_SINGULAR[m]} ({mechanism_label(m)})" for m in segment.mechanisms
        )
        tag = "+".join(mechanism_label(m) for m in segment.mechanisms)
        parts.append(
            Markup(
                '<mark class="rat rat-{first}" title="{title}">{text}'
                '<span class="tag">{tag}</span></mark>'
            ).format(first=segment.mechanisms[0], title=names, text=segment.text, tag=tag)
        )
    return Markup("").join(parts)


def render_html(analysis: ConversationAnalysis, *, generated: datetime | None = None) -> str:
    summary = analysis.summary
    bands = []
    for name, band, as_percent, about in (
        (
            _("Reflection-to-question ratio"),
            summary.reflection_to_question,
            False,
            _("{r} reflections, {q} questions").format(r=summary.reflections, q=summary.questions),
        ),
        (
            _("Complex reflections"),
            summary.percent_complex_reflections,
            True,
            _("{c} of {r} reflections").format(
                c=summary.complex_reflections, r=summary.reflections
            ),
        ),
    ):
        value, thresholds = band_text(band, as_percent=as_percent)
        bands.append(
            {
                "name": name,
                "value": value,
                "rating": band.rating,
                "thresholds": thresholds,
                "about": about,
            }
        )
    moments = []
    for turn in analysis.missed_moments:
        client = preceding_client(analysis, turn)
        negative = client.client.strongest_negative if client and client.client else None
        moments.append({"turn": turn, "client": client, "negative": negative})
    client_turns = [t for t in analysis.turns if t.client is not None]
    template = _env.get_template("report.html.j2")
    return template.render(
        analysis=analysis,
        summary=summary,
        bands=bands,
        moments=moments,
        missed_numbers={turn_number(t) for t in analysis.missed_moments},
        client_turns=client_turns,
        chart=Markup(trajectory_svg(analysis)),  # noqa: S704 (svg.py escapes every text it draws)
        highlight=highlight,
        generated=(generated or datetime.now().astimezone()).strftime("%Y-%m-%d %H:%M %Z").strip(),
    )
