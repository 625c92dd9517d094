"""What the terminal and HTML reports share: number formats, turn helpers and the turns' highlights.

The words for mechanisms, levels, codes and concerns are the one vocabulary's
(``empathic.core.vocabulary``); the highlights are cut by the one highlighter
(``empathic.core.highlight``)."""

from __future__ import annotations

from gettext import gettext as _
from typing import TYPE_CHECKING

from empathic.core.highlight import Segment, segments
from empathic.core.vocabulary import CONCERN, MECHANISMS, level_name, mechanism_tag
from empathic.nlp.alliance.vocabulary import RUPTURE_KINDS

if TYPE_CHECKING:
    from empathic.analysis.results import Band, ConversationAnalysis, TurnAnalysis

MAX_EMOTIONS = 3  # a client turn shows its three most likely emotions; the JSON has them all
HIGHLIGHT_ORDER = (CONCERN, *RUPTURE_KINDS, *MECHANISMS)
"""How a highlight that carries several things names them: what harms first."""


def turn_number(turn: TurnAnalysis) -> int:
    """1-based number shown to people and used in anchors; `index` is 0-based."""
    return turn.index + 1


def concern_phrase(turn: TurnAnalysis, concern) -> str:
    return turn.text[concern.start : concern.end]


def clock(seconds: float | None) -> str:
    """00:01:10 style offset, or '' when the transcript has no times."""
    if seconds is None:
        return ""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:d}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:d}:{secs:02d}"


def percent(value: float | None) -> str:
    return _("n/a") if value is None else f"{value * 100:.0f}%"


def ratio(value: float | None) -> str:
    return _("n/a") if value is None else f"{value:.2f} : 1"


def band_text(band: Band, *, as_percent: bool) -> tuple[str, str]:
    """(value, thresholds) as text, e.g. ('45%', 'fair ≥ 40%, good ≥ 50%')."""
    if as_percent:
        value, fair, good = percent(band.value), percent(band.fair), percent(band.good)
    else:
        value = ratio(band.value)
        fair, good = f"{band.fair:g}:1", f"{band.good:g}:1"
    return value, _("fair ≥ {fair}, good ≥ {good}").format(fair=fair, good=good)


def levels_text(levels: dict[str, int]) -> str:
    """'ER strong · IP weak · EX none' for a suggestion's re-scored levels."""
    return " · ".join(
        f"{mechanism_tag(m)} {level_name(levels[m])}" for m in MECHANISMS if m in levels
    )


def preceding_client(analysis: ConversationAnalysis, turn: TurnAnalysis) -> TurnAnalysis | None:
    """The client turn a practitioner turn answered: the nearest one before it."""
    position = analysis.turns.index(turn)
    for earlier in reversed(analysis.turns[:position]):
        if earlier.role == "client":
            return earlier
    return None


def highlight_spans(turn: TurnAnalysis) -> list[tuple[str, int, int]]:
    """What a turn's highlights carry, as (key, start, end): each mechanism's rationale phrases,
    a concern's phrase (key CONCERN) and a client's rupture phrase (its kind). The one list every
    report and the conversation page highlight, each in its own style."""
    spans: list[tuple[str, int, int]] = [
        (mechanism, span.start, span.end)
        for mechanism, score in (turn.empathy.mechanisms.items() if turn.empathy else ())
        for span in score.rationale
    ]
    spans += [(CONCERN, concern.start, concern.end) for concern in turn.concerns]
    spans += [(signal.kind, signal.start, signal.end) for signal in turn.alliance]
    return spans


def highlight_segments(turn: TurnAnalysis) -> list[Segment]:
    """Split a turn's text into plain and highlighted pieces (the one highlighter's "join" way).

    Spans of different mechanisms often overlap ("I'm so sorry, that sounds exhausting" can carry
    ER and IP); overlapping spans are merged into one highlight labelled with every mechanism, so
    a phrase is never cut into fragments that are hard to read. A concern's phrase and a client's
    rupture phrase are highlighted too.
    """
    spans = highlight_spans(turn)
    if not spans:
        return [Segment(turn.text, ())]
    return segments(turn.text, spans, order=HIGHLIGHT_ORDER, overlaps="join")
