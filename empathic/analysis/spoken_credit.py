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

The other way round, a closed question ("Okay. Do you have a copy of your lease with you?") is
not an exploration in MI terms: it asks for a fact or a yes, not for the client's experience,
and EPITOME's exploration head often scores it *strong*. A turn whose every question is plainly
closed (it starts "Do you", "Have you", "Is it"..., and is not an invitation like "Can you tell
me more?") gets at most weak (1) exploration. On AnnoMI dev the rule marks 40 therapist turns:
32 coded closed questions, 3 open and 5 with no question code; it finds 32 of the 114 closed
questions, so it errs on the side of leaving credit alone. ``spoken_levels`` applies both.

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


_CLOSED_LEAD = re.compile(
    r"^\s*(?:(?:so|and|but|okay|ok|right|well|um|erm|uh|now|then|just|yeah|alright|oh)"
    r",?\s+)*(?:do|does|did|have|has|had|are|is|was|were|am|can|could|would|will|shall|should"
    r"|may|might|don't|doesn't|didn't|haven't|hasn't|isn't|aren't|wasn't|weren't|won't|wouldn't"
    r"|can't|couldn't|shouldn't)\b",
    re.IGNORECASE,
)
_INVITATION = re.compile(
    r"\b(?:tell me|say (?:a bit |a little )?more|talk (?:me )?(?:through|about)|describe"
    r"|walk me through|explain|share|help me understand)\b|\b(?:any|anything) else\b"
    r"|\bor\s*\?$",
    re.IGNORECASE,
)
"""Closed in form, open in intent: "Can you tell me more?", "Anything else?", "...or?"."""


def spoken_levels(
    empathy: EmpathyScore, signals: PractitionerSignals, text: str
) -> tuple[EmpathyScore, tuple[str, ...]]:
    """The levels a spoken turn is reported with: interpretation credited to a confident
    reflection (`credit_spoken_reflection`, whose added mechanisms are returned), and at most
    weak exploration for a turn that asks only closed questions."""
    empathy, added = credit_spoken_reflection(empathy, signals, text)
    if empathy.ex.level > 1 and asks_only_closed_questions(text):
        empathy = replace(empathy, ex=replace(empathy.ex, level=1))
    return empathy, added


def asks_only_closed_questions(text: str) -> bool:
    """Whether the turn asks at least one question and every one is plainly closed."""
    questions = [q for m in _SENTENCE.finditer(text) if (q := m.group().strip()).endswith("?")]
    return bool(questions) and all(
        _CLOSED_LEAD.match(q) and not _INVITATION.search(q) for q in questions
    )


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
