"""Which turns get rewrites: only where a rewrite can help (feedback/selection.py)."""

from __future__ import annotations

from empathic.analysis.feedback.selection import turns_to_rewrite
from empathic.analysis.results import Feedback, PractitionerSignals, TurnAnalysis
from empathic.nlp.concerns import Concern
from empathic.nlp.results import EmpathyScore, MechanismScore


def _empathy(er: int, ip: int, ex: int) -> EmpathyScore:
    return EmpathyScore(
        *(MechanismScore(level, (0.2, 0.3, 0.5), ()) for level in (er, ip, ex)), model="t"
    )


def _signals(code: str, *, doubted: bool = False) -> PractitionerSignals:
    behaviour = "reflection" if "reflection" in code else "question"
    return PractitionerSignals(
        behaviour, code, {}, "Others", {}, credit_doubted=doubted
    )  # fmt: skip


def _turn(index: int, empathy: EmpathyScore, signals: PractitionerSignals, **extra) -> TurnAnalysis:
    return TurnAnalysis(
        index, "P", "practitioner", f"turn {index}", None, empathy=empathy,
        practitioner=signals, **extra,
    )  # fmt: skip


def test_strong_turns_and_doubted_reflections_are_left_alone_but_concerns_are_not() -> None:
    strong_after_missed = _turn(0, _empathy(2, 0, 0), _signals("other"), missed_empathy=True)
    doubted_reflection = _turn(
        1, _empathy(1, 1, 0), _signals("complex_reflection", doubted=True), missed_empathy=True
    )
    flagged_strong = _turn(
        2, _empathy(0, 0, 0), _signals("other"), concerns=(Concern("blaming", 0, 5, 0.9),)
    )
    weak_after_missed = _turn(
        3, _empathy(0, 0, 1), _signals("closed_question"), missed_empathy=True
    )
    turns = [strong_after_missed, doubted_reflection, flagged_strong, weak_after_missed]
    feedback = {t.index: Feedback(("er", "ip"), (), ()) for t in turns}
    chosen = turns_to_rewrite(turns, feedback, share=1.0)
    assert chosen == [2, 3]  # the concern first, then the weak turn after a missed moment


def test_a_repair_or_a_choice_handed_back_is_left_alone_even_after_a_missed_moment() -> None:
    from dataclasses import replace

    weak = _empathy(0, 0, 0)
    texts = [
        "No, that was out of order. You've spent four years facing up to it. I'm sorry.",
        "It's your decision. Would it be alright if I told you about a couple of options?",
        "Okay. Do you have a copy of your lease with you?",
    ]
    turns = [
        replace(_turn(i, weak, _signals("other"), missed_empathy=True), text=text)
        for i, text in enumerate(texts)
    ]
    feedback = {t.index: Feedback(("er", "ip"), (), ()) for t in turns}
    assert turns_to_rewrite(turns, feedback, share=1.0) == [2]
    # with a concern, the turn is rewritten whatever else it says
    flagged = replace(turns[0], concerns=(Concern("blaming", 0, 5, 0.9),))
    assert turns_to_rewrite([flagged], {0: feedback[0]}, share=1.0) == [0]
