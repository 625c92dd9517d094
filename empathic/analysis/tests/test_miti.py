import pytest

from empathic.analysis.miti import summarise
from empathic.analysis.results import Band, PractitionerSignals, TurnAnalysis
from empathic.nlp.results import EmpathyScore, MechanismScore


def empathy(er=0, ip=0, ex=0) -> EmpathyScore:
    def m(level):
        return MechanismScore(level, (0.0, 0.0, 0.0), ())

    return EmpathyScore(m(er), m(ip), m(ex), model="test@0")


def practitioner(index, code, text="one two three", **levels) -> TurnAnalysis:
    behaviour = code.split("_")[-1] if "_" in code else "therapist_input"
    signals = PractitionerSignals(behaviour, code, {}, "Others", {})
    return TurnAnalysis(
        index, "Sam", "practitioner", text, None, empathy=empathy(**levels), practitioner=signals
    )


def client(index, text="a b c d e f g") -> TurnAnalysis:
    return TurnAnalysis(index, "Jo", "client", text, None)


def test_counts_ratios_and_bands():
    turns = [
        practitioner(0, "complex_reflection", er=1),
        client(1),
        practitioner(2, "complex_reflection", ip=2),
        client(3),
        practitioner(4, "simple_reflection", ex=1),
        practitioner(5, "open_question"),
        practitioner(6, "closed_question"),
        practitioner(7, "advice"),
    ]
    summary = summarise(turns)
    assert (summary.reflections, summary.complex_reflections) == (3, 2)
    assert (summary.questions, summary.open_questions) == (2, 1)
    assert summary.reflection_to_question.value == 1.5
    assert summary.reflection_to_question.rating == "fair"
    assert summary.percent_complex_reflections.value == pytest.approx(0.6667, abs=1e-4)
    assert summary.percent_complex_reflections.rating == "good"
    assert summary.percent_open_questions == 0.5
    # 6 practitioner turns x 3 words against 2 client turns x 7 words
    assert summary.practitioner_talk_share == pytest.approx(18 / 32, abs=1e-4)
    for m in ("er", "ip", "ex"):
        assert summary.mechanism_rates[m] == pytest.approx(1 / 6, abs=1e-4)
    assert summary.strong_mechanism_rates["ip"] == pytest.approx(1 / 6, abs=1e-4)
    assert summary.strong_mechanism_rates["er"] == 0


def test_undefined_ratios_are_not_rated():
    summary = summarise([practitioner(0, "advice"), client(1)])
    assert summary.reflection_to_question.value is None
    assert summary.reflection_to_question.rating == "n/a"
    assert summary.percent_open_questions is None


@pytest.mark.parametrize(
    "value, rating", [(0.39, "below fair"), (0.40, "fair"), (0.49, "fair"), (0.5, "good")]
)
def test_miti_complex_reflection_thresholds(value, rating):
    assert Band(value, fair=0.40, good=0.50).rating == rating
