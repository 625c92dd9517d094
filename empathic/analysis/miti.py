"""MITI-style summary of a conversation (Moyers et al., MITI 4.2.1) and EPITOME mechanism rates.

MITI 4.2.1 thresholds: percent complex reflections 40% fair / 50% good; reflection-to-question
ratio 1:1 fair / 2:1 good. MITI 4 gives no threshold for the share of open questions (MITI 3 did),
so it is reported without a band. Counts come from the MI codes the heads assign, not from human
coders, so they are estimates of what a MITI coder would count. A turn with a concern (blaming,
commanding, ...) is counted as neither a reflection nor a question: a MITI coder codes it as
confront or persuade, and counting "There's no need to raise your voice" as a complex
reflection would rate a harmful session "good".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from empathic.analysis.results import Band, Summary, TurnAnalysis
from empathic.nlp.results import MECHANISMS

if TYPE_CHECKING:
    from collections.abc import Sequence

COMPLEX_REFLECTIONS_FAIR, COMPLEX_REFLECTIONS_GOOD = 0.40, 0.50
R_TO_Q_FAIR, R_TO_Q_GOOD = 1.0, 2.0


def summarise(turns: Sequence[TurnAnalysis]) -> Summary:
    practitioner = [t for t in turns if t.role == "practitioner" and t.practitioner]
    client = [t for t in turns if t.role == "client"]
    codes = [t.practitioner.mi_code for t in practitioner if t.practitioner and not t.concerns]
    simple, complex_ = codes.count("simple_reflection"), codes.count("complex_reflection")
    open_, closed = codes.count("open_question"), codes.count("closed_question")
    reflections, questions = simple + complex_, open_ + closed
    words_practitioner = sum(t.words for t in turns if t.role == "practitioner")
    words_all = sum(t.words for t in turns)
    scored = [t.empathy for t in practitioner if t.empathy is not None]
    talk = [t.client.talk_type for t in client if t.client]
    return Summary(
        practitioner_turns=len(practitioner),
        client_turns=len(client),
        reflections=reflections,
        complex_reflections=complex_,
        questions=questions,
        open_questions=open_,
        reflection_to_question=Band(
            _ratio(reflections, questions), fair=R_TO_Q_FAIR, good=R_TO_Q_GOOD
        ),
        percent_complex_reflections=Band(
            _ratio(complex_, reflections),
            fair=COMPLEX_REFLECTIONS_FAIR,
            good=COMPLEX_REFLECTIONS_GOOD,
        ),
        percent_open_questions=_ratio(open_, questions),
        practitioner_talk_share=round(words_practitioner / words_all, 4) if words_all else 0.0,
        mechanism_rates=_rates(scored, minimum=1),
        strong_mechanism_rates=_rates(scored, minimum=2),
        missed_moments=sum(1 for t in turns if t.missed_empathy),
        change_talk=talk.count("change"),
        sustain_talk=talk.count("sustain"),
    )


def _ratio(numerator: int, denominator: int) -> float | None:
    """None when undefined (no questions, no reflections): a band cannot rate it."""
    return round(numerator / denominator, 4) if denominator else None


def _rates(scores, minimum: int) -> dict[str, float]:
    if not scores:
        return dict.fromkeys(MECHANISMS, 0.0)
    return {
        m: round(sum(1 for s in scores if s.mechanisms[m].level >= minimum) / len(scores), 4)
        for m in MECHANISMS
    }
