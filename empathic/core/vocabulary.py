"""The one vocabulary: the words people read for the codes the models produce.

Every report (terminal, standalone HTML), page, export and API names an EPITOME mechanism, a
level, an MI code or behaviour, a client's talk type, a MITI rating, a concern or a rupture with
the functions below, so a practitioner reads the same word for the same thing everywhere. The
module imports no Django: `empathic analyze` and its HTML report use it as the pages do. Texts are
marked with ``gettext_noop`` and translated when looked up (``empathic.core.i18n``: Django's
gettext on the pages, Python's elsewhere). Concern kinds and rupture kinds keep their texts in
the scoring engine's vocabularies (``empathic.nlp.concerns.vocabulary``,
``empathic.nlp.alliance.vocabulary``), which this module reads; nothing else should.

Labels are written as they read inside a sentence ("MI: giving information"); where one starts a
line or heads a column, ``capitalised`` puts its first letter in upper case ("Giving
information"). Unknown codes (an analysis stored by a newer model) are shown readably, never as an
error.

Wording decisions, one per concept, where the copies this module replaced disagreed:

- MI code ``information``: "giving information", MITI 4.2.1's name for the behaviour and the one
  that reads as something the practitioner did. It was "Giving information" on the conversation
  pages, "Information" in practice and "information" in the reports.
- Client talk ``neutral``: "neutral talk", beside "change talk" and "sustain talk" (the reports'
  word; the conversation pages said "neutral", which reads as a mood when shown alone).
- MITI rating ``n/a``: "not enough data" (the pages' word; the reports showed the code "n/a").
- Mechanism names: singular for one phrase or turn ("emotional reaction"), plural for rates and
  lists of what was missing ("emotional reactions"); the short tags are EPITOME's ER, IP, EX.
- What a highlighted phrase carries besides a mechanism: "concern" (tag CONCERN) and "safety" (tag
  SAFETY), as the practice pages named them; a client's rupture phrase is named by its kind's
  description and tagged AGAINST or WITHDRAWN.
- Summary measures: "reflections to questions (R:Q)", as the conversation pages named it (the
  reports said "reflection-to-question ratio"; the terminal keeps the compact
  "reflection-to-question" for its fixed-width column); "practitioner's share of the talk", the
  pages' words (the reports said "practitioner talk time", but the measure is a share of the words
  spoken, not of the time).
- Quality index parts are named apart from the summary measures where they measure something
  else: "reflections per question" is R:Q capped at 3, the index's own figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from empathic.core.i18n import gettext, gettext_noop
from empathic.nlp.alliance.vocabulary import REPAIR_MOVES, REPAIR_STATUS, RUPTURE_KINDS
from empathic.nlp.concerns.vocabulary import CONCERN_KINDS
from empathic.nlp.results import MECHANISMS as MECHANISMS  # EPITOME's, in every list's order

CONCERN = "concern"
"""The highlight key of a phrase that carries a concern (beside the mechanisms' keys)."""
RISK = "risk"
"""The highlight key of a phrase that signals a safety risk."""

_MECHANISM_NAMES: dict[str, tuple[str, str]] = {  # code: (singular, plural)
    "er": (gettext_noop("emotional reaction"), gettext_noop("emotional reactions")),
    "ip": (gettext_noop("interpretation"), gettext_noop("interpretations")),
    "ex": (gettext_noop("exploration"), gettext_noop("explorations")),
}
_HIGHLIGHT_NAMES = {CONCERN: gettext_noop("concern"), RISK: gettext_noop("safety")}
_HIGHLIGHT_TAGS = {CONCERN: gettext_noop("CONCERN"), RISK: gettext_noop("SAFETY")}

LEVELS = (gettext_noop("none"), gettext_noop("weak"), gettext_noop("strong"))
"""EPITOME levels 0, 1 and 2."""

MI_CODES: dict[str, str] = {
    "simple_reflection": gettext_noop("simple reflection"),
    "complex_reflection": gettext_noop("complex reflection"),
    "open_question": gettext_noop("open question"),
    "closed_question": gettext_noop("closed question"),
    "information": gettext_noop("giving information"),
    "advice": gettext_noop("advice"),
    "affirmation": gettext_noop("affirmation"),
    "other": gettext_noop("other"),
}
"""The MI code of a practitioner turn (``empathic.analysis.results.MI_CODES``)."""

MI_BEHAVIOURS: dict[str, str] = {
    "question": gettext_noop("question"),
    "reflection": gettext_noop("reflection"),
    "therapist_input": gettext_noop("practitioner input"),
    "other": gettext_noop("other"),
}
"""The MI behaviour an MI code refines (``empathic.analysis.results.MI_BEHAVIOURS``)."""

TALK_TYPES: dict[str, str] = {
    "change": gettext_noop("change talk"),
    "sustain": gettext_noop("sustain talk"),
    "neutral": gettext_noop("neutral talk"),
}
"""A client turn's talk type (``empathic.analysis.results.TALK_TYPES``)."""

RATINGS: dict[str, str] = {
    "good": gettext_noop("good"),
    "fair": gettext_noop("fair"),
    "below fair": gettext_noop("below fair"),
    "n/a": gettext_noop("not enough data"),
}
"""A MITI 4.2.1 band's rating (``empathic.analysis.results.Band.rating``)."""


@dataclass(frozen=True)
class Metric:
    name: str  # in a sentence, a chart's legend or a card: "reflections to questions"
    abbreviation: str = ""  # after the name in a heading, or alone in a narrow column: "R:Q"
    compact: str = ""  # a fixed-width column's label where it is not the heading


METRICS: dict[str, Metric] = {
    "reflection_to_question": Metric(
        gettext_noop("reflections to questions"),
        gettext_noop("R:Q"),
        gettext_noop("reflection-to-question"),
    ),
    "percent_complex_reflections": Metric(gettext_noop("complex reflections")),
    "percent_open_questions": Metric(gettext_noop("open questions")),
    "practitioner_talk_share": Metric(gettext_noop("practitioner's share of the talk")),
}
"""The MITI-style summary measures, keyed by their ``empathic.analysis.results.Summary`` field."""

QUALITY_PARTS: dict[str, str] = {
    "reflection_to_question": gettext_noop("reflections per question"),  # R:Q capped at 3
    "percent_open_questions": gettext_noop("open questions (share of questions)"),
    "percent_complex_reflections": gettext_noop("complex reflections (share of reflections)"),
    "information_advice_share": gettext_noop("information and advice (share of turns)"),
    "concerns_per_turn": gettext_noop("concerns per turn"),
    "change_talk_share": gettext_noop("client change talk (of change and sustain talk)"),
}
"""The session quality index's parts (``empathic.analysis.quality.index.PARTS``) besides the
mechanism rates (``er_rate``...), which ``quality_part_name`` names by their mechanism. The names
live here, not beside the index: ``analysis`` outside its reports imports nothing of ``core``, and
this module imports nothing of ``analysis`` (the import contracts), so the index computes and the
reports name its parts from here."""


def capitalised(text: str) -> str:
    """The label with its first letter in upper case, to start a line or head a column."""
    return text[:1].upper() + text[1:]


def _readable(code: str) -> str:
    return str(code).replace("_", " ")


def mechanism_name(code: str) -> str:
    """'emotional reaction': one mechanism, as one phrase or turn shows it."""
    names = _MECHANISM_NAMES.get(code)
    return gettext(names[0]) if names else _readable(code)


def mechanism_names(code: str) -> str:
    """'emotional reactions': the mechanism as rates and lists of what was missing name it."""
    names = _MECHANISM_NAMES.get(code)
    return gettext(names[1]) if names else _readable(code)


def mechanism_tag(key: str) -> str:
    """The short tag of what a highlight carries: ER, IP, EX, CONCERN, SAFETY, AGAINST..."""
    if key in _HIGHLIGHT_TAGS:
        return gettext(_HIGHLIGHT_TAGS[key])
    if key in RUPTURE_KINDS:  # a client phrase: AGAINST (confrontation), WITHDRAWN
        return gettext(RUPTURE_KINDS[key].label)
    return str(key).upper()


def highlight_name(key: str) -> str:
    """What a highlighted phrase carries, in words: a mechanism, 'concern', 'safety', or what a
    client's rupture phrase did ('the client turned against the practitioner or the service')."""
    if key in _HIGHLIGHT_NAMES:
        return gettext(_HIGHLIGHT_NAMES[key])
    if key in RUPTURE_KINDS:
        return rupture_description(key)
    return mechanism_name(key)


def level_name(level: int) -> str:
    return gettext(LEVELS[level]) if 0 <= level < len(LEVELS) else str(level)


def mi_code_name(code: str) -> str:
    return gettext(MI_CODES[code]) if code in MI_CODES else _readable(code)


def mi_behaviour_name(code: str) -> str:
    return gettext(MI_BEHAVIOURS[code]) if code in MI_BEHAVIOURS else _readable(code)


def talk_name(talk_type: str) -> str:
    return gettext(TALK_TYPES[talk_type]) if talk_type in TALK_TYPES else _readable(talk_type)


def rating_name(rating: str) -> str:
    return gettext(RATINGS[rating]) if rating in RATINGS else str(rating)


def metric_name(key: str) -> str:
    """'reflections to questions': a summary measure in a sentence, a legend or on a card."""
    known = METRICS.get(key)
    return gettext(known.name) if known else _readable(key)


def metric_heading(key: str) -> str:
    """'reflections to questions (R:Q)': the name with its abbreviation, where it has one."""
    known = METRICS.get(key)
    if known is None or not known.abbreviation:
        return metric_name(key)
    return f"{gettext(known.name)} ({gettext(known.abbreviation)})"


def metric_abbreviation(key: str) -> str:
    """'R:Q' for a narrow column; the name for a measure without an abbreviation."""
    known = METRICS.get(key)
    return gettext(known.abbreviation) if known and known.abbreviation else metric_name(key)


def metric_compact(key: str) -> str:
    """'reflection-to-question': the label of a fixed-width column (the terminal report)."""
    known = METRICS.get(key)
    return gettext(known.compact) if known and known.compact else metric_name(key)


def quality_part_name(part: str) -> str:
    """'reflections per question', 'emotional reactions (ER)': a part of the quality index."""
    if part in QUALITY_PARTS:
        return gettext(QUALITY_PARTS[part])
    mechanism = part.removesuffix("_rate")
    if part.endswith("_rate") and mechanism in _MECHANISM_NAMES:
        return f"{mechanism_names(mechanism)} ({mechanism_tag(mechanism)})"
    return _readable(part)


def concern_name(kind: str) -> str:
    """The concern's short name ('blaming'); its texts are in ``concern_texts``."""
    known = CONCERN_KINDS.get(kind)
    return gettext(known.label) if known else _readable(kind)


def concern_texts(kind: str) -> dict[str, str]:
    """{label, what, why, instead} of a concern kind; the texts are empty for an unknown kind."""
    known = CONCERN_KINDS.get(kind)
    if known is None:
        return {"label": _readable(kind), "what": "", "why": "", "instead": ""}
    return {
        "label": gettext(known.label),
        "what": gettext(known.what),
        "why": gettext(known.why),
        "instead": gettext(known.instead),
    }


def rupture_name(kind: str) -> str:
    """'confrontation' or 'withdrawal': a rupture's kind in a sentence."""
    known = RUPTURE_KINDS.get(kind)
    return gettext(known.name) if known else _readable(kind)


def rupture_description(kind: str) -> str:
    known = RUPTURE_KINDS.get(kind)
    return gettext(known.description) if known else _readable(kind)


def repair_move_name(move: str) -> str:
    return gettext(REPAIR_MOVES[move]) if move in REPAIR_MOVES else _readable(move)


def repair_status_name(repaired: bool | None) -> str:
    """'repaired', 'not repaired' or 'repair unknown (the transcript ends)'."""
    return gettext(REPAIR_STATUS[repaired if isinstance(repaired, bool) else None])
