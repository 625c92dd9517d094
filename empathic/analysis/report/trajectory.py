"""A conversation's trajectory as the HTML report and the conversation page show it: its client
turns, missed moments and ruptures, drawn by the one chart module
(``empathic.core.charts.trajectory_chart``) as inline SVG with the same figures as a table: no
script, no network, prints well.

Client distress (1-7, left axis) and hostility (0-1, right axis) over turn number. The series
differ by marker shape and line dash as well as colour, and missed-empathy turns get a labelled
triangle and a dotted rule, so nothing depends on colour alone.
"""

from __future__ import annotations

from gettext import gettext as _
from typing import TYPE_CHECKING

from empathic.analysis.report.common import turn_number
from empathic.analysis.report.ruptures import rupture_marks, rupture_numbers
from empathic.core import charts

if TYPE_CHECKING:
    from empathic.analysis.results import ConversationAnalysis

TITLE = _("Client distress and hostility over the conversation")


def trajectory(analysis: ConversationAnalysis, *, element_id: str = "trajectory") -> charts.Chart:
    missed = analysis.missed_moments
    description = _(
        "Line chart over turn number. Distress (1 to 7, left axis): solid line with circles. "
        "Hostility (0 to 1, right axis): dashed line with squares. Missed empathy: "
        "downward triangles with dotted rules, at turns {turns}."
    ).format(turns=", ".join(str(turn_number(t)) for t in missed) or _("none"))
    description += " " + _(
        "Ruptures (the client turned against the practitioner or withdrew): diamonds with dashed "
        "rules, filled when repaired, hollow when not, at turns {turns}."
    ).format(turns=rupture_numbers(analysis))
    points = [
        charts.TrajectoryPoint(
            turn=turn_number(turn),
            distress=turn.client.distress,
            hostility=turn.client.hostility_score,
            distress_title=_("Turn {n}, {speaker}: distress {value} of 7").format(
                n=turn_number(turn),
                speaker=turn.speaker,
                value=charts.plain_number(turn.client.distress),
            ),
            hostility_title=_("Turn {n}, {speaker}: hostility {value} ({label})").format(
                n=turn_number(turn),
                speaker=turn.speaker,
                value=f"{turn.client.hostility_score:.2f}",
                label=turn.client.hostility,
            ),
        )
        for turn in analysis.turns
        if turn.client is not None
    ]
    marks = [
        charts.TurnMark(
            turn_number(turn),
            "missed",
            _("Turn {n}: empathy missed after a strong client emotion").format(n=turn_number(turn)),
        )
        for turn in missed
    ]
    return charts.trajectory_chart(
        turns=[turn_number(t) for t in analysis.turns],
        points=points,
        marks=[*marks, *rupture_marks(analysis)],
        title=_(TITLE),
        description=description,
        element_id=element_id,
    )
