"""Words and pictures for a conversation's analysis: highlighted rationale phrases, per-turn
labels, trajectory charts over the turn index, MITI bands and growth charts over time.

The words come from the one vocabulary (``empathic.core.vocabulary``), the highlights from the one
highlighter and the charts from the one chart module, as in the standalone report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from empathic.analysis.miti import (
    COMPLEX_REFLECTIONS_FAIR,
    COMPLEX_REFLECTIONS_GOOD,
    R_TO_Q_FAIR,
    R_TO_Q_GOOD,
)
from empathic.analysis.results import NEGATIVE_EMOTIONS
from empathic.core.charts import Band, Chart, Series, line_chart
from empathic.core.highlight import MarkStyle, SpanInput, highlight_html
from empathic.core.vocabulary import (
    MECHANISMS,
    capitalised,
    level_name,
    mechanism_names,
    metric_abbreviation,
    metric_heading,
    metric_name,
    mi_code_name,
    rating_name,
    talk_name,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from markupsafe import Markup

    from empathic.conversations.models import ConversationSummary

POSITIVE = frozenset(
    {"admiration", "amusement", "approval", "caring", "excitement", "gratitude", "joy", "love",
     "optimism", "pride", "relief"}
)  # fmt: skip
"""GoEmotions' positive labels, for the emotion chart (the negative ones are the analysis
layer's, the same set that makes a missed-empathy moment)."""


def _names(keys: Sequence[str]) -> str:
    return ", ".join(capitalised(mechanism_names(m)) for m in keys)


MARKS = MarkStyle(
    css=lambda keys: "rationale " + " ".join(f"rationale-{m}" for m in keys),
    title=_names,
)
"""The page's highlights: each mechanism has its own underline (conversations.css), and the
mechanisms are named in the mark's title and, for screen readers, in its text."""


def highlight(text: str, spans: SpanInput) -> Markup:
    """The turn's text with each rationale phrase in a ``<mark>``; the mechanisms are named in
    the mark's text for screen readers and in its class for the visual style (not colour
    alone: each mechanism has its own underline)."""
    return highlight_html(text, spans, style=MARKS, order=MECHANISMS)


@dataclass
class TurnView:
    turn: object
    html: Markup
    levels: list[tuple[str, str, int, str]]  # code, name, level, level name
    mi: str
    strategy: str
    emotions: list[tuple[str, int]]
    distress: float | None
    hostility: float | None
    talk: str
    missed: bool
    feedback: list[dict]
    suggestions: list[dict]


def turn_view(turn) -> TurnView:
    score = getattr(turn, "score", None)
    data = score.analysis if score is not None else {}
    empathy = data.get("empathy") or {}
    # The stored rationale spans ({start, end, text}); the highlighter drops malformed ones.
    spans = {m: (empathy.get(m) or {}).get("rationale") or () for m in MECHANISMS}
    levels = [
        (m, capitalised(mechanism_names(m)), empathy[m]["level"], level_name(empathy[m]["level"]))
        for m in MECHANISMS
        if empathy.get(m)
    ]
    client = data.get("client") or {}
    feedback = data.get("feedback") or {}
    return TurnView(
        turn=turn,
        html=highlight(turn.text, spans),
        levels=levels,
        mi=capitalised(mi_code_name(score.mi_code)) if score and score.mi_code else "",
        strategy=score.strategy if score else "",
        emotions=[(e["label"], round(100 * e["probability"])) for e in client.get("emotions", ())][
            :3
        ],
        distress=score.distress if score else None,
        hostility=score.hostility if score else None,
        talk=talk_name(score.talk_type) if score and score.talk_type else "",
        missed=bool(score and score.missed_empathy),
        feedback=list(feedback.get("items", ())),
        suggestions=list(feedback.get("suggestions", ())),
    )


def _percent(value: float) -> str:
    return f"{value:.0f}%"


def trajectory_charts(turns: Sequence) -> list[Chart]:
    """Client emotion and escalation over the conversation, by turn number."""
    negative, positive, hostility, distress = [], [], [], []
    for turn in turns:
        score = getattr(turn, "score", None)
        if turn.role != "client" or score is None:
            continue
        probs = (score.analysis.get("client") or {}).get("emotion_probabilities") or {}
        x = turn.index + 1  # turns are numbered from 1 on the page
        negative.append((x, 100 * max((probs.get(e, 0.0) for e in NEGATIVE_EMOTIONS), default=0.0)))
        positive.append((x, 100 * max((probs.get(e, 0.0) for e in POSITIVE), default=0.0)))
        if score.hostility is not None:
            hostility.append((x, 100 * score.hostility))
        if score.distress is not None:
            distress.append((x, score.distress))
    if len(negative) < 2:
        return []
    common = {"x_format": str, "x_label": _("Turn"), "width": 720, "height": 280}
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
            chart_id="chart-emotion", **common,
        ),
        line_chart(
            [Series(_("Hostility"), hostility)],
            title=_("Escalation: hostility, turn by turn"),
            description=_(
                "The likelihood that the client's turn is hostile (offensive or hateful), from 0 "
                "to 100 percent. Rising values mean the conversation is escalating."
            ),
            y_min=0, y_max=100, y_label=_("likelihood (%)"), value_format=_percent,
            bands=(Band(50, 100, _("escalated"), "high"),),
            chart_id="chart-hostility", **common,
        ),
        line_chart(
            [Series(_("Distress"), distress)],
            title=_("Client distress, turn by turn"),
            description=_("Personal distress expressed by the client on a 1 to 7 scale."),
            y_min=1, y_max=7, y_ticks=(1, 2, 3, 4, 5, 6, 7), y_label=_("distress (1–7)"),
            chart_id="chart-distress", **common,
        ),
    ]  # fmt: skip


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


def summary_lines(summary: ConversationSummary) -> list[MetricLine]:
    data = summary.data
    rq, cr = data.get("reflection_to_question", {}), data.get("percent_complex_reflections", {})
    lines = [
        MetricLine(
            capitalised(metric_heading("reflection_to_question")),
            _fmt_ratio(rq.get("value")),
            rating_name(rq.get("rating", "n/a")),
            _("fair from %(fair)s, good from %(good)s")
            % {"fair": _fmt_ratio(rq.get("fair")), "good": _fmt_ratio(rq.get("good"))},
            _("Reflections per question. Listening more than asking helps clients feel heard."),
        ),
        MetricLine(
            capitalised(metric_name("percent_complex_reflections")),
            _fmt_share(cr.get("value")),
            rating_name(cr.get("rating", "n/a")),
            _("fair from %(fair)s, good from %(good)s")
            % {"fair": _fmt_share(cr.get("fair")), "good": _fmt_share(cr.get("good"))},
            _("Share of reflections that add meaning or feeling beyond the client's words."),
        ),
        MetricLine(
            capitalised(metric_name("percent_open_questions")),
            _fmt_share(data.get("percent_open_questions")),
            "",
            _("no MITI threshold"),
            _("Share of questions that invite more than a yes or a no."),
        ),
        MetricLine(
            capitalised(metric_name("practitioner_talk_share")),
            _fmt_share(data.get("practitioner_talk_share")),
            "",
            "",
            _("Share of the words spoken by the practitioner."),
        ),
    ]
    for code in MECHANISMS:
        lines.append(
            MetricLine(
                capitalised(mechanism_names(code)),
                _fmt_share((data.get("mechanism_rates") or {}).get(code)),
                "",
                _("strong in %(share)s of turns")
                % {"share": _fmt_share((data.get("strong_mechanism_rates") or {}).get(code))},
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
