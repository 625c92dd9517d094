"""Words and pictures for scores: band names, plain-language interpretations, trend charts.

Interpretations describe how someone may be feeling in everyday words; they never diagnose.
Instrument item texts are licensed data and are shown as published (see the instrument notes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as noop

from empathic.core.charts import Band, Chart, Series, line_chart

if TYPE_CHECKING:
    from datetime import date, datetime

    from django.utils.functional import Promise

    from empathic.wellbeing.models import CheckIn
    from empathic.wellbeing.scoring import Instrument, Subscale
    from empathic.wellbeing.selectors import GroupReport, MonthAggregate

# Response and scale labels come from the instrument files; listed here so they get translated.
OPTION_LABELS = (
    noop("Never"),
    noop("Rarely"),
    noop("Sometimes"),
    noop("Often"),
    noop("Very often"),
    noop("Always"),
    noop("Seldom"),
    noop("Never/almost never"),
    noop("To a very high degree"),
    noop("To a high degree"),
    noop("Somewhat"),
    noop("To a low degree"),
    noop("To a very low degree"),
    noop("Compassion satisfaction"),
    noop("Burnout"),
    noop("Secondary traumatic stress"),
    noop("Personal burnout"),
    noop("Work-related burnout"),
    noop("Client-related burnout"),
)

BAND_LABELS: dict[str, Promise] = {
    "low": gettext_lazy("Low"),
    "moderate": gettext_lazy("Moderate"),
    "high": gettext_lazy("High"),
}

ABOUT: dict[tuple[str, str], Promise] = {
    ("proqol5", "compassion_satisfaction"): gettext_lazy(
        "The pleasure you get from being able to do your work well."
    ),
    ("proqol5", "burnout"): gettext_lazy(
        "Feelings of exhaustion, frustration or being overwhelmed by work."
    ),
    ("proqol5", "secondary_traumatic_stress"): gettext_lazy(
        "How much the hard experiences of the people you help stay with you."
    ),
    ("cbi", "personal"): gettext_lazy("How physically and emotionally tired you feel in general."),
    ("cbi", "work"): gettext_lazy("Tiredness and exhaustion that you connect with your work."),
    ("cbi", "client"): gettext_lazy(
        "Tiredness and exhaustion that you connect with your work with clients."
    ),
}

# Higher compassion satisfaction is good news; for every other scale higher means more strain.
_SATISFACTION = {
    "low": gettext_lazy(
        "You are finding less satisfaction in your work than many helpers do right now. It may "
        "help to notice what gets in the way, and to talk it over with someone you trust."
    ),
    "moderate": gettext_lazy(
        "You get a fair amount of satisfaction from your work, as most helpers do."
    ),
    "high": gettext_lazy(
        "You get a lot of satisfaction from helping others. That is a strength worth protecting."
    ),
}
_STRAIN = {
    "low": gettext_lazy("This seems to weigh on you only a little at the moment."),
    "moderate": gettext_lazy(
        "This weighs on you to some degree, as it does for many people in helping work. Keep an "
        "eye on it and keep doing what helps you."
    ),
    "high": gettext_lazy(
        "This seems to weigh on you a lot at the moment. It is worth taking seriously: think "
        "about what could change, and consider talking with someone you trust, such as a "
        "colleague, your supervisor or a counsellor."
    ),
}


def interpretation(subscale: Subscale, band: str) -> str:
    table = _SATISFACTION if subscale.higher_is == "better" else _STRAIN
    return str(table[band])


def format_score(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


@dataclass(frozen=True)
class ScoreLine:
    code: str
    name: str
    about: str
    value: str
    maximum: str
    band: str
    band_label: str
    direction: str
    interpretation: str


def score_lines(instrument: Instrument, scores: dict) -> list[ScoreLine]:
    lines = []
    for subscale in instrument.subscales:
        entry = scores[subscale.code]
        lines.append(
            ScoreLine(
                code=subscale.code,
                name=_(subscale.name),
                about=str(ABOUT.get((instrument.code, subscale.code), "")),
                value=format_score(entry["value"]),
                maximum=format_score(subscale.max),
                band=entry["band"],
                band_label=str(BAND_LABELS[entry["band"]]),
                direction=_direction(subscale),
                interpretation=interpretation(subscale, entry["band"]),
            )
        )
    return lines


def _direction(subscale: Subscale) -> str:
    if subscale.higher_is == "better":
        return _("Higher is better")
    return _("Higher means more strain")


def group_detail(instrument: Instrument, month: MonthAggregate) -> list[dict[str, object]]:
    """One row per scale of a shown month: average and how many people fall in each range."""
    return [
        {
            "name": _(subscale.name),
            "mean": format_score(aggregate.mean),
            "maximum": format_score(subscale.max),
            "direction": _direction(subscale),
            "bands": [
                {"label": BAND_LABELS[b.band], "count": b.count, "percent": b.percent}
                for b in aggregate.bands
            ],
        }
        for subscale, aggregate in zip(instrument.subscales, month.subscales, strict=True)
    ]


def _bands(instrument: Instrument) -> list[Band]:
    # Every subscale of one instrument shares its band edges, so one set of bands fits the chart.
    # Sums are whole numbers: the shading meets half-way between 22 and 23.
    subscale = instrument.subscales[0]
    offset = 0.5 if subscale.method == "sum" else 0.0
    lows = [subscale.min] + [band.min - offset for band in subscale.bands[1:]]
    highs = [*lows[1:], subscale.max]
    return [
        Band(low, high, str(BAND_LABELS[band.code]), band.code)
        for band, low, high in zip(subscale.bands, lows, highs, strict=True)
    ]


def _date_label(value: date | datetime) -> str:
    # Day and month name: "06/08/2026" reads differently on each side of the Atlantic.
    return formats.date_format(value, "j M Y")


def _month_label(value: date | datetime) -> str:
    return formats.date_format(value, "M Y")


def personal_chart(instrument: Instrument, checkins: list[CheckIn]) -> Chart:
    ordered = sorted(checkins, key=lambda c: c.taken_at)
    series = [
        Series(
            _(subscale.name),
            [(timezone.localtime(c.taken_at), c.scores[subscale.code]["value"]) for c in ordered],
        )
        for subscale in instrument.subscales
    ]
    first = instrument.subscales[0]
    return line_chart(
        series,
        title=_("%(instrument)s: your scores over time") % {"instrument": instrument.name},
        description=_(
            "Your %(instrument)s scores at each check-in, with the low, moderate and "
            "high ranges shaded. The same figures are in the table below."
        )
        % {"instrument": instrument.name},
        y_min=first.min,
        y_max=first.max,
        y_label=_("Score"),
        x_label=_("Check-in date"),
        bands=_bands(instrument),
        x_format=_date_label,
        value_format=format_score,
        chart_id=f"trend-{instrument.code}",
    )


def group_chart(instrument: Instrument, report: GroupReport, group_label: str) -> Chart:
    # Start at the first month that can be shown: empty leading months only squeeze the line.
    months = list(report.months)
    while months and not months[0].shown:
        months.pop(0)
    series = []
    for index, subscale in enumerate(instrument.subscales):
        points: list[tuple[date, float | None]] = []
        for month in months:
            value = month.subscales[index].mean if month.shown else None
            points.append((month.month, value))
        series.append(Series(_(subscale.name), points))
    first = instrument.subscales[0]
    return line_chart(
        series,
        title=_("%(instrument)s: %(group)s, average by month")
        % {"instrument": instrument.name, "group": group_label},
        description=_("Monthly averages; months with too few responses are left blank."),
        y_min=first.min,
        y_max=first.max,
        y_label=_("Average score"),
        x_label=_("Month"),
        bands=_bands(instrument),
        x_format=_month_label,
        value_format=format_score,
        chart_id=f"group-{instrument.code}",
    )
