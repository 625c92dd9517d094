"""What the terminal and HTML reports share: labels, number formats and rationale highlights."""

from __future__ import annotations

from dataclasses import dataclass
from gettext import gettext as _

from empathic.analysis.results import Band, ConversationAnalysis, TurnAnalysis
from empathic.nlp.alliance.vocabulary import RUPTURE_KINDS
from empathic.nlp.concerns import CONCERN_KINDS

MECHANISMS = ("er", "ip", "ex")
MECHANISM_NAMES = {
    "er": _("emotional reactions"),
    "ip": _("interpretations"),
    "ex": _("explorations"),
}
MECHANISM_SINGULAR = {
    "er": _("emotional reaction"),
    "ip": _("interpretation"),
    "ex": _("exploration"),
}
LEVEL_WORDS = (_("none"), _("weak"), _("strong"))
MI_CODE_NAMES = {
    "simple_reflection": _("simple reflection"),
    "complex_reflection": _("complex reflection"),
    "open_question": _("open question"),
    "closed_question": _("closed question"),
    "information": _("information"),
    "advice": _("advice"),
    "affirmation": _("affirmation"),
    "other": _("other"),
}
TALK_NAMES = {
    "change": _("change talk"),
    "sustain": _("sustain talk"),
    "neutral": _("neutral talk"),
}
MAX_EMOTIONS = 3  # a client turn shows its three most likely emotions; the JSON has them all


def turn_number(turn: TurnAnalysis) -> int:
    """1-based number shown to people and used in anchors; `index` is 0-based."""
    return turn.index + 1


CONCERN = "concern"
"""The highlight key of a phrase that carries a concern (beside the mechanisms' keys)."""


def mechanism_label(mechanism: str) -> str:
    if mechanism == "risk":
        return _("SAFETY")
    if mechanism in RUPTURE_KINDS:  # a client phrase: AGAINST (confrontation), WITHDRAWN
        return _(RUPTURE_KINDS[mechanism].label)
    return _("CONCERN") if mechanism == CONCERN else mechanism.upper()


def concern_label(kind: str) -> str:
    """The concern's name in the reader's language (vocabulary: empathic.nlp.concerns)."""
    known = CONCERN_KINDS.get(kind)
    return _(known.label) if known else kind.replace("_", " ")


def concern_phrase(turn: TurnAnalysis, concern) -> str:
    return turn.text[concern.start : concern.end]


def level_word(level: int) -> str:
    return LEVEL_WORDS[level] if 0 <= level < len(LEVEL_WORDS) else str(level)


def mi_code_name(code: str) -> str:
    return MI_CODE_NAMES.get(code, code.replace("_", " "))


def talk_name(talk_type: str) -> str:
    return TALK_NAMES.get(talk_type, talk_type)


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
        f"{mechanism_label(m)} {level_word(levels[m])}" for m in MECHANISMS if m in levels
    )


def preceding_client(analysis: ConversationAnalysis, turn: TurnAnalysis) -> TurnAnalysis | None:
    """The client turn a practitioner turn answered: the nearest one before it."""
    position = analysis.turns.index(turn)
    for earlier in reversed(analysis.turns[:position]):
        if earlier.role == "client":
            return earlier
    return None


@dataclass(frozen=True)
class Segment:
    """A piece of a turn's text; `mechanisms` is empty for plain text."""

    text: str
    mechanisms: tuple[str, ...]


def highlight_segments(turn: TurnAnalysis) -> list[Segment]:
    """Split a turn's text into plain and rationale pieces.

    Spans of different mechanisms often overlap ("I'm so sorry, that sounds exhausting" can carry
    ER and IP); overlapping spans are merged into one highlight labelled with every mechanism, so
    a phrase is never cut into fragments that are hard to read.
    """
    text = turn.text
    if turn.empathy is None and not turn.alliance:
        return [Segment(text, ())]
    spans: list[tuple[int, int, str]] = []
    for mechanism, score in turn.empathy.mechanisms.items() if turn.empathy else ():
        for span in score.rationale:
            start, end = max(0, span.start), min(len(text), span.end)
            if start < end and text[start:end].strip():
                spans.append((start, end, mechanism))
    for concern in turn.concerns:  # the phrase that carries a concern is highlighted too
        start, end = max(0, concern.start), min(len(text), concern.end)
        if start < end:
            spans.append((start, end, CONCERN))
    for signal in turn.alliance:  # a client's confrontation or withdrawal (keyed by its kind)
        start, end = max(0, signal.start), min(len(text), signal.end)
        if start < end:
            spans.append((start, end, signal.kind))
    spans.sort()
    merged: list[tuple[int, int, set[str]]] = []
    for start, end, mechanism in spans:
        if merged and start < merged[-1][1]:
            last_start, last_end, names = merged[-1]
            merged[-1] = (last_start, max(last_end, end), names | {mechanism})
        else:
            merged.append((start, end, {mechanism}))
    segments: list[Segment] = []
    cursor = 0
    for start, end, names in merged:
        if start > cursor:
            segments.append(Segment(text[cursor:start], ()))
        ordered = tuple(m for m in (CONCERN, *RUPTURE_KINDS, *MECHANISMS) if m in names)
        segments.append(Segment(text[start:end], ordered))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:], ()))
    return segments
