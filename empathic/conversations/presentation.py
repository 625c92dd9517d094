"""Words and pictures for a conversation's analysis: highlighted phrases, per-turn labels and
flags, the trajectory over the turns, MITI bands and growth charts over time.

The analysis is the stored one read back into its dataclasses (``results.stored_analysis``), so
what the page says about a turn, a rupture or the trajectory comes from the reports' own code
(``empathic.analysis.report``): the phrases a turn's highlights carry, a rupture's outcome, the
turn flags and the trajectory chart. The words come from the one vocabulary
(``empathic.core.vocabulary``), the highlights from the one highlighter and the charts from the one
chart module."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from markupsafe import Markup

from empathic.analysis.miti import (
    COMPLEX_REFLECTIONS_FAIR,
    COMPLEX_REFLECTIONS_GOOD,
    R_TO_Q_FAIR,
    R_TO_Q_GOOD,
)
from empathic.analysis.report.common import (
    HIGHLIGHT_ORDER,
    MAX_EMOTIONS,
    concern_phrase,
    highlight_spans,
)
from empathic.analysis.report.quality import QualityView, quality_view
from empathic.analysis.report.ruptures import RuptureView, rupture_views, turn_notes
from empathic.analysis.report.trajectory import trajectory
from empathic.analysis.results import NEGATIVE_EMOTIONS, POSITIVE_EMOTIONS
from empathic.conversations.results import stored_analysis
from empathic.core.charts import Band, Chart, Series, line_chart
from empathic.core.highlight import MarkStyle, SpanInput, highlight_html, segments, segments_html
from empathic.core.vocabulary import (
    CONCERN,
    MECHANISMS,
    capitalised,
    concern_name,
    concern_texts,
    highlight_name,
    level_name,
    mechanism_name,
    mechanism_names,
    metric_abbreviation,
    metric_heading,
    metric_name,
    mi_code_name,
    rating_name,
    rupture_name,
    talk_name,
)
from empathic.nlp.alliance.vocabulary import RUPTURE_KINDS

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from empathic.analysis.results import ConversationAnalysis, FeedbackItem, Suggestion, Summary
    from empathic.analysis.results import TurnAnalysis as AnalysedTurn
    from empathic.conversations.models import Conversation, ConversationSummary, Turn


def _name(key: str, concern_kinds: Sequence[str] = ()) -> str:
    """What a highlight carries, as the page names it: 'Emotional reactions', 'Concern:
    blaming', 'Confrontation: the client turned against the practitioner or the service'."""
    if key == CONCERN:
        kinds = ", ".join(concern_name(k) for k in concern_kinds)
        return capitalised(highlight_name(CONCERN)) + (f": {kinds}" if kinds else "")
    if key in RUPTURE_KINDS:
        return f"{capitalised(rupture_name(key))}: {highlight_name(key)}"
    return capitalised(mechanism_names(key))


def _marks(concern_kinds: Sequence[str] = ()) -> MarkStyle:
    return MarkStyle(
        css=lambda keys: "rationale " + " ".join(f"rationale-{k}" for k in keys),
        title=lambda keys: ", ".join(_name(k, concern_kinds) for k in keys),
    )


MARKS = _marks()
"""The page's highlights: each mechanism, a concern and a rupture phrase have their own underline
(conversations.css), and what a mark carries is named in its title and, for screen readers, in
its text."""


def highlight(text: str, spans: SpanInput) -> Markup:
    """The text with each phrase in a ``<mark>``; what it carries is named in the mark's text for
    screen readers and in its class for the visual style (not colour alone: each kind has its
    own underline). Overlaps are split (``empathic.core.highlight``): the page's way."""
    return highlight_html(text, spans, style=MARKS, order=HIGHLIGHT_ORDER)


def highlight_turn(turn: AnalysedTurn) -> Markup:
    """The turn's text with the phrases the reports highlight (``highlight_spans``: rationale,
    concern and rupture phrases); a concern's mark also names its kind."""
    pieces, start = [], 0
    for segment in segments(turn.text, highlight_spans(turn), order=HIGHLIGHT_ORDER):
        end = start + len(segment.text)
        kinds: tuple[str, ...] = ()
        if CONCERN in segment.mechanisms:  # the concerns this piece overlaps, once each
            kinds = tuple(
                dict.fromkeys(c.kind for c in turn.concerns if c.start < end and start < c.end)
            )
        pieces.append(segments_html([segment], _marks(kinds) if kinds else MARKS))
        start = end
    return Markup("").join(pieces)


@dataclass(frozen=True)
class ConcernNote:
    """A concern in a turn, worded by the one vocabulary (as the practice pages do)."""

    name: str
    phrase: str
    what: str
    why: str
    instead: str


@dataclass
class TurnView:
    turn: Turn  # the row: its anchor, speaker and comment threads
    analysed: AnalysedTurn
    html: Markup
    levels: list[tuple[str, str, int, str]]  # code, name, level, level name
    mi: str
    strategy: str
    emotions: list[tuple[str, int]]
    distress: float | None
    hostility: float | None
    talk: str
    missed: bool
    feedback: list[FeedbackItem]
    suggestions: list[Suggestion]
    concerns: list[ConcernNote]
    credit_withheld: str  # the mechanisms a concern cost the turn, in words ("" when none)
    notes: list[tuple[str, str]]  # (tone, text): the reports' rupture and repair flags


def turn_view(
    turn: Turn, analysed: AnalysedTurn, notes: Sequence[tuple[str, str]] = ()
) -> TurnView:
    empathy, practitioner, client = analysed.empathy, analysed.practitioner, analysed.client
    feedback = analysed.feedback
    concerns = []
    for concern in analysed.concerns:
        texts = concern_texts(concern.kind)
        concerns.append(
            ConcernNote(
                name=texts["label"],
                phrase=concern_phrase(analysed, concern),
                what=texts["what"],
                why=texts["why"],
                instead=texts["instead"],
            )
        )
    return TurnView(
        turn=turn,
        analysed=analysed,
        html=highlight_turn(analysed),
        levels=[
            (m, capitalised(mechanism_names(m)), score.level, level_name(score.level))
            for m, score in (empathy.mechanisms.items() if empathy else ())
        ],
        mi=capitalised(mi_code_name(practitioner.mi_code)) if practitioner else "",
        strategy=practitioner.strategy if practitioner else "",
        emotions=[
            (e.label, round(100 * e.probability))
            for e in (client.emotions if client else ())[:MAX_EMOTIONS]
        ],
        distress=client.distress if client else None,
        hostility=client.hostility_score if client else None,
        talk=talk_name(client.talk_type) if client and client.talk_type else "",
        missed=analysed.missed_empathy,
        feedback=list(feedback.items) if feedback else [],
        suggestions=list(feedback.suggestions) if feedback else [],
        concerns=concerns,
        credit_withheld=", ".join(mechanism_name(m) for m in analysed.credit_withheld),
        notes=list(notes),
    )


def rupture_rows(
    analysis: ConversationAnalysis, summary: ConversationSummary | None
) -> list[RuptureView] | None:
    """The reports' rupture views (headline, phrase, outcome); None when the stored analysis
    predates ruptures (its summary has no such key): the page says they were not looked for."""
    if summary is None or "ruptures" not in summary.data:
        return None
    return rupture_views(analysis)


def _percent(value: float) -> str:
    return f"{value:.0f}%"


def trajectory_charts(analysis: ConversationAnalysis) -> list[Chart]:
    """Client emotion by turn number, and the reports' trajectory: distress and hostility with
    the missed-empathy and rupture marks."""
    negative, positive = [], []
    for turn in analysis.turns:
        if turn.client is None:
            continue
        probs = turn.client.emotion_probabilities
        x = turn.index + 1  # turns are numbered from 1 on the page
        negative.append((x, 100 * max((probs.get(e, 0.0) for e in NEGATIVE_EMOTIONS), default=0.0)))
        positive.append((x, 100 * max((probs.get(e, 0.0) for e in POSITIVE_EMOTIONS), default=0.0)))
    if len(negative) < 2:
        return []
    return [
        line_chart(
            [Series(_("Strongest negative emotion"), negative),
             Series(_("Strongest positive emotion"), positive)],
            title=_("Client emotion, turn by turn"),
            description=_(
                "How strongly the client's words express a negative or a positive emotion, from "
                "0 to 100 percent, at each client turn."
            ),
            y_min=0, y_max=100, y_label=_("strength (%)"), value_format=_percent,
            chart_id="chart-emotion", x_format=str, x_label=_("Turn"), width=720, height=280,
        ),
        trajectory(analysis, element_id="chart-trajectory"),
    ]  # fmt: skip


@dataclass(frozen=True)
class ReportPage:
    """Everything the report page shows of an analysis, read once from the stored rows."""

    analysis: ConversationAnalysis
    turns: list[TurnView]
    ruptures: list[RuptureView] | None  # None: not looked for in this (older) analysis
    charts: list[Chart]
    quality: QualityView | None

    @property
    def missed(self) -> list[TurnView]:
        return [v for v in self.turns if v.missed]

    @property
    def with_suggestions(self) -> list[TurnView]:
        return [v for v in self.turns if v.suggestions]


def report_page(
    conversation: Conversation, turns: Iterable[Turn], summary: ConversationSummary | None
) -> ReportPage:
    rows = list(turns)
    analysis = stored_analysis(conversation, rows, summary)
    notes = turn_notes(analysis)
    return ReportPage(
        analysis=analysis,
        turns=[
            turn_view(row, analysed, notes.get(analysed.index, ()))
            for row, analysed in zip(rows, analysis.turns, strict=True)
        ],
        ruptures=rupture_rows(analysis, summary),
        charts=trajectory_charts(analysis),
        quality=quality_view(analysis.summary) if summary is not None else None,
    )


@dataclass(frozen=True)
class MetricLine:
    name: str
    value: str
    rating: str
    threshold: str
    about: str


def _fmt_ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


def _fmt_share(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def _pct(share: float) -> int:
    # A MITI share threshold on a 0-100 axis, rounded: 100 * 0.4 is 40.00000000000001.
    return round(100 * share)


def summary_lines(summary: Summary) -> list[MetricLine]:
    rq, cr = summary.reflection_to_question, summary.percent_complex_reflections
    lines = [
        MetricLine(
            capitalised(metric_heading("reflection_to_question")),
            _fmt_ratio(rq.value),
            rating_name(rq.rating),
            _("fair from %(fair)s, good from %(good)s")
            % {"fair": _fmt_ratio(rq.fair), "good": _fmt_ratio(rq.good)},
            _("Reflections per question. Listening more than asking helps clients feel heard."),
        ),
        MetricLine(
            capitalised(metric_name("percent_complex_reflections")),
            _fmt_share(cr.value),
            rating_name(cr.rating),
            _("fair from %(fair)s, good from %(good)s")
            % {"fair": _fmt_share(cr.fair), "good": _fmt_share(cr.good)},
            _("Share of reflections that add meaning or feeling beyond the client's words."),
        ),
        MetricLine(
            capitalised(metric_name("percent_open_questions")),
            _fmt_share(summary.percent_open_questions),
            "",
            _("no MITI threshold"),
            _("Share of questions that invite more than a yes or a no."),
        ),
        MetricLine(
            capitalised(metric_name("practitioner_talk_share")),
            _fmt_share(summary.practitioner_talk_share),
            "",
            "",
            _("Share of the words spoken by the practitioner."),
        ),
    ]
    for code in MECHANISMS:
        lines.append(
            MetricLine(
                capitalised(mechanism_names(code)),
                _fmt_share(summary.mechanism_rates.get(code)),
                "",
                _("strong in %(share)s of turns")
                % {"share": _fmt_share(summary.strong_mechanism_rates.get(code))},
                _("Share of practitioner turns with this empathy mechanism."),
            )
        )
    return lines


def growth_charts(summaries: Sequence[ConversationSummary]) -> list[Chart]:
    if len(summaries) < 2:
        return []
    rates = [
        Series(
            capitalised(mechanism_names(m)),
            [(s.held_on, 100 * getattr(s, f"{m}_rate")) for s in summaries],
        )
        for m in MECHANISMS
    ]
    rq = [(s.held_on, s.reflection_to_question) for s in summaries]
    shares = [
        Series(
            f"{capitalised(metric_name('percent_complex_reflections'))} (%)",
            [
                (
                    s.held_on,
                    None
                    if s.percent_complex_reflections is None
                    else 100 * s.percent_complex_reflections,
                )
                for s in summaries
            ],
        ),
        Series(
            f"{capitalised(metric_name('percent_open_questions'))} (%)",
            [
                (
                    s.held_on,
                    None if s.percent_open_questions is None else 100 * s.percent_open_questions,
                )
                for s in summaries
            ],
        ),
    ]
    top = max([v for _x, v in rq if v is not None] + [2.5])
    return [
        line_chart(
            rates,
            title=_("Empathy mechanisms, session by session"),
            description=_("Share of your turns with each EPITOME empathy mechanism, in percent."),
            y_min=0, y_max=100, y_label=_("turns (%)"), value_format=_percent,
            x_label=_("Session date"), chart_id="chart-mechanisms",
        ),
        line_chart(
            [Series(capitalised(metric_name("reflection_to_question")), rq)],
            title=capitalised(metric_heading("reflection_to_question")),
            description=_("MITI 4.2.1 thresholds: fair from %(fair)s, good from %(good)s.")
            % {"fair": _fmt_ratio(R_TO_Q_FAIR), "good": _fmt_ratio(R_TO_Q_GOOD)},
            y_min=0, y_max=round(top + 0.5), y_label=_("ratio"),
            bands=(Band(R_TO_Q_FAIR, R_TO_Q_GOOD, _("fair"), "moderate"),
                   Band(R_TO_Q_GOOD, round(top + 0.5), _("good"), "high")),
            x_label=_("Session date"), chart_id="chart-rq",
        ),
        line_chart(
            shares,
            title=_("Complex reflections and open questions"),
            description=_("%(metric)s: MITI fair from %(fair)s, good from %(good)s.") % {
                "metric": capitalised(metric_name("percent_complex_reflections")),
                "fair": _fmt_share(COMPLEX_REFLECTIONS_FAIR),
                "good": _fmt_share(COMPLEX_REFLECTIONS_GOOD),
            },
            y_min=0, y_max=100, y_label=_("percent"), value_format=_percent,
            bands=(Band(_pct(COMPLEX_REFLECTIONS_FAIR), _pct(COMPLEX_REFLECTIONS_GOOD), _("fair"),
                        "moderate"),
                   Band(_pct(COMPLEX_REFLECTIONS_GOOD), 100, _("good"), "high")),
            x_label=_("Session date"), chart_id="chart-shares",
        ),
    ]  # fmt: skip


def team_charts(trends: Sequence, team_name: str) -> list[Chart]:
    if len(trends) < 2:
        return []

    def month(x) -> str:
        return x.strftime("%Y-%m")

    def pct(value: float | None) -> float | None:
        return None if value is None else 100 * value

    rq = "reflection_to_question"
    series = [
        Series(capitalised(mechanism_names(m)), [(t.month, pct(getattr(t, m))) for t in trends])
        for m in MECHANISMS
    ]
    return [
        line_chart(
            series,
            title=_("%(team)s: empathy mechanisms by month") % {"team": team_name},
            description=_("Average share of practitioner turns with each mechanism, per month."),
            y_min=0, y_max=100, y_label=_("turns (%)"), value_format=_percent,
            x_format=month, x_label=_("Month"), chart_id="chart-team-mechanisms",
        ),
        line_chart(
            [Series(capitalised(metric_name(rq)), [(t.month, t.r_to_q) for t in trends])],
            title=_("%(team)s: %(metric)s by month") % {"team": team_name,
                                                         "metric": metric_name(rq)},
            description=_("Average %(metric)s per month. MITI 4.2.1: fair from %(fair)s, good "
                          "from %(good)s.") % {"metric": metric_abbreviation(rq),
                                               "fair": _fmt_ratio(R_TO_Q_FAIR),
                                               "good": _fmt_ratio(R_TO_Q_GOOD)},
            y_min=0, y_max=3, y_label=_("ratio"), x_format=month, x_label=_("Month"),
            bands=(Band(R_TO_Q_FAIR, R_TO_Q_GOOD, _("fair"), "moderate"),
                   Band(R_TO_Q_GOOD, 3, _("good"), "high")),
            chart_id="chart-team-rq",
        ),
    ]  # fmt: skip
