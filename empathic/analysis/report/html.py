"""The HTML report: one self-contained page (inline CSS and SVG, no script, no URL) that opens
offline, prints, and passes WCAG 2.1 AA checks. Jinja2 autoescapes everything: transcript text is
client-supplied and may contain markup."""

from __future__ import annotations

from datetime import datetime
from gettext import gettext as _
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from empathic.analysis.errors import AnalysisError
from empathic.analysis.report.common import (
    MAX_EMOTIONS,
    band_text,
    clock,
    concern_phrase,
    highlight_segments,
    levels_text,
    percent,
    preceding_client,
    turn_number,
)
from empathic.analysis.report.quality import quality_view
from empathic.analysis.report.ruptures import rupture_views, turn_notes
from empathic.analysis.report.trajectory import trajectory
from empathic.analysis.transcripts.model import Limits
from empathic.core.highlight import MarkStyle, segments_html
from empathic.core.vocabulary import (
    MECHANISMS,
    capitalised,
    concern_name,
    highlight_name,
    level_name,
    mechanism_name,
    mechanism_names,
    mechanism_tag,
    metric_heading,
    metric_name,
    mi_code_name,
    rating_name,
    talk_name,
)

if TYPE_CHECKING:
    from markupsafe import Markup

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
    capitalised=capitalised,
    clock=clock,
    concern_name=concern_name,
    concern_phrase=concern_phrase,
    highlight_name=highlight_name,
    percent=percent,
    level_name=level_name,
    levels_text=levels_text,
    mechanism_name=mechanism_name,
    mechanism_names=mechanism_names,
    mechanism_tag=mechanism_tag,
    metric_name=metric_name,
    mi_code_name=mi_code_name,
    rating_name=rating_name,
    talk_name=talk_name,
    turn_number=turn_number,
    MECHANISMS=MECHANISMS,
    MAX_EMOTIONS=MAX_EMOTIONS,
)
_env.filters.update(
    singular_names=lambda ms: ", ".join(mechanism_name(m) for m in ms),
    plural_names=lambda ms: ", ".join(mechanism_names(m) for m in ms),
    tags=lambda ms: ", ".join(mechanism_tag(m) for m in ms),
)

MARKS = MarkStyle(
    css=lambda keys: f"rat rat-{keys[0]}",  # the first (what harms first) picks the style
    title=lambda keys: "; ".join(f"{highlight_name(k)} ({mechanism_tag(k)})" for k in keys),
    screen_reader=False,  # the visible tag names it
    tags=lambda keys: ("+".join(mechanism_tag(k) for k in keys),),
    tag_class="tag",
)
"""The report's highlights: ``<mark class="rat rat-er" title="emotional reaction (ER)">That
sounds exhausting<span class="tag">ER</span></mark>``."""


def highlight(turn: TurnAnalysis) -> Markup:
    """The turn's text with each rationale phrase in a <mark> that names its mechanism in a
    visible tag and in its title; the text itself is escaped."""
    return segments_html(highlight_segments(turn), MARKS)


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
    for key, band, as_percent, about in (
        (
            "reflection_to_question",
            summary.reflection_to_question,
            False,
            _("{r} reflections, {q} questions").format(r=summary.reflections, q=summary.questions),
        ),
        (
            "percent_complex_reflections",
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
                "name": capitalised(metric_heading(key)),
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
        chart=trajectory(analysis).svg,  # the report's own figure and table hold it
        highlight=highlight,
        ruptures=rupture_views(analysis),
        rupture_notes=turn_notes(analysis),
        generated=(generated or datetime.now().astimezone()).strftime("%Y-%m-%d %H:%M %Z").strip(),
    )
