"""The HTML report: one self-contained page (inline CSS and SVG, no script, no URL) that opens
offline, prints, and passes WCAG 2.1 AA checks. Jinja2 autoescapes everything: transcript text is
client-supplied and may contain markup."""

from __future__ import annotations

from datetime import datetime
from gettext import gettext as _
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from empathic.analysis.errors import AnalysisError
from empathic.analysis.report.common import (
    MAX_EMOTIONS,
    MECHANISM_NAMES,
    MECHANISM_SINGULAR,
    MECHANISMS,
    band_text,
    clock,
    concern_label,
    concern_phrase,
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
from empathic.analysis.report.quality import quality_view
from empathic.analysis.report.ruptures import kind_description, rupture_views, turn_notes
from empathic.analysis.report.svg import trajectory_svg
from empathic.analysis.results import ConversationAnalysis, TurnAnalysis
from empathic.analysis.transcripts.model import Limits

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
    concern_label=concern_label,
    concern_phrase=concern_phrase,
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


def _describe(key: str) -> str:
    """A highlight's name for its title: a client's rupture phrase, else a concern."""
    return kind_description(key) if key in ("confrontation", "withdrawal") else _("concern")


def highlight(turn: TurnAnalysis) -> Markup:
    """The turn's text with each rationale phrase in a <mark> that names its mechanism in a
    visible tag and in its title; the text itself is escaped."""
    parts: list[Markup] = []
    for segment in highlight_segments(turn):
        if not segment.mechanisms:
            parts.append(escape(segment.text))
            continue
        names = "; ".join(
            f"{MECHANISM_SINGULAR.get(m) or _describe(m)} ({mechanism_label(m)})"
            for m in segment.mechanisms
        )
        tag = "+".join(mechanism_label(m) for m in segment.mechanisms)
        parts.append(
            Markup(
                '<mark class="rat rat-{first}" title="{title}">{text}'
                '<span class="tag">{tag}</span></mark>'
            ).format(first=segment.mechanisms[0], title=names, text=segment.text, tag=tag)
        )
    return Markup("").join(parts)


def render_html(
    analysis: ConversationAnalysis,
    *,
    generated: datetime | None = None,
    max_bytes: int | None = None,
) -> str:
    """The report page; AnalysisError when it would exceed `max_bytes` (default
    `Limits().max_report_bytes`), so no one is handed a page a browser cannot open."""
    page = _render(analysis, generated=generated)
    limit = max_bytes if max_bytes is not None else Limits().max_report_bytes
    size = len(page.encode("utf-8"))
    if size > limit:
        raise AnalysisError(
            f"the HTML report would be {size / 1e6:.1f} MB, over the {limit / 1e6:g} MB limit "
            "for one report; split the transcript into shorter parts"
        )
    return page


def _render(analysis: ConversationAnalysis, *, generated: datetime | None) -> str:
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
        quality=quality_view(summary),
        chart=Markup(trajectory_svg(analysis)),  # noqa: S704 (svg.py escapes every text it draws)
        highlight=highlight,
        ruptures=rupture_views(analysis),
        rupture_notes=turn_notes(analysis),
        generated=(generated or datetime.now().astimezone()).strftime("%Y-%m-%d %H:%M %Z").strip(),
    )
