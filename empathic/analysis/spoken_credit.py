"""Interpretation credit for spoken reflections.

EPITOME's interpretation head was trained on Reddit replies, where understanding is written
out ("I understand how hard that must be"); in a spoken session it is carried by reflections
("It sounds like that notice knocked the ground out from under you"), which the head mostly
scores *none*. A reflection is an interpretation in EPITOME's sense (it communicates an
understanding of the client's feelings or experience), and the MI behaviour head reads
reflections from spoken counselling (AnnoMI). So the reported interpretation level is the
higher of the two readings:

* the MI head gives *reflection* a probability of at least ``REFLECTION_CREDIT``, and
* its subtype head says *complex* (strong, level 2) or *simple* (weak, level 1).

This runs before the concern rule, so a "reflection" that blames or commands still gets no
credit. The EPITOME model and ``empathic evaluate epitome`` are unchanged; the turn records the
credit it got this way in ``TurnAnalysis.credit_added``. Retraining the encoder on spoken data
(the scoring-models issue) is the lasting fix; this rule is what the report needs meanwhile.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from empathic.nlp.results import EmpathyScore, RationaleSpan

if TYPE_CHECKING:
    from empathic.analysis.results import PractitionerSignals

REFLECTION_CREDIT = 0.6
"""P(reflection) needed. On the sample session the reflections score 0.63-0.97; "You should call
the legal aid line today" (advice the head half-read as a reflection) scores 0.52."""

_LEVEL_BY_CODE = {"complex_reflection": 2, "simple_reflection": 1}
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")


def credit_spoken_reflection(
    empathy: EmpathyScore, signals: PractitionerSignals, text: str
) -> tuple[EmpathyScore, tuple[str, ...]]:
    """The score with interpretation raised for a confident reflection, and ("ip",) when it was."""
    level = _LEVEL_BY_CODE.get(signals.mi_code, 0)
    if not level or signals.mi_probabilities.get("reflection", 0.0) < REFLECTION_CREDIT:
        return empathy, ()
    if empathy.ip.level >= level:
        return empathy, ()
    rationale = empathy.ip.rationale or _reflective_sentence(text)
    credited = replace(empathy.ip, level=level, rationale=rationale)
    return replace(empathy, ip=credited), ("ip",)


def _reflective_sentence(text: str) -> tuple[RationaleSpan, ...]:
    """The longest sentence of the turn: in a reflection that is the reflection itself, not the
    "Okay." or the name in front of it."""
    sentences = [m for m in _SENTENCE.finditer(text) if m.group().strip()]
    if not sentences:
        return ()
    best = max(sentences, key=lambda m: len(m.group().strip()))
    start = best.start() + (len(best.group()) - len(best.group().lstrip()))
    end = best.start() + len(best.group().rstrip())
    return (RationaleSpan(start, end, text[start:end]),)
