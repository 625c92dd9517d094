"""Scoring from worked examples computed by hand (the arithmetic is written out)."""

from __future__ import annotations

import pytest

from empathic.wellbeing.scoring import ScoringError, all_instruments, load_instrument, score

CS = ["3", "6", "12", "16", "18", "20", "22", "24", "27", "30"]
BO = ["1", "4", "8", "10", "15", "17", "19", "21", "26", "29"]
STS = ["2", "5", "7", "9", "11", "13", "14", "23", "25", "28"]


def test_proqol_structure_matches_the_published_form():
    proqol = load_instrument("proqol5")
    assert len(proqol.items) == 30
    assert sorted(CS + BO + STS, key=int) == [str(n) for n in range(1, 31)]
    assert list(proqol.subscale("compassion_satisfaction").items) == CS
    assert list(proqol.subscale("burnout").items) == BO
    assert list(proqol.subscale("secondary_traumatic_stress").items) == STS
    assert [i.id for i in proqol.items if i.reverse] == ["1", "4", "15", "17", "29"]
    assert [o.label for o in proqol.items[0].options] == [
        "Never",
        "Rarely",
        "Sometimes",
        "Often",
        "Very often",
    ]
    # The "[helper]" term is replaced consistently: no bracket is left in any item.
    assert not any("[" in item.text for item in proqol.items)
    assert "Center for Victims of Torture" in proqol.attribution


def test_proqol_all_threes_scores_thirty_everywhere():
    # Every answer 3: reversing 3 gives 3 (6 - 3), so each subscale is 10 x 3 = 30 (moderate).
    result = score(load_instrument("proqol5"), {str(n): "3" for n in range(1, 31)})
    assert result.as_dict() == {
        "compassion_satisfaction": {"value": 30, "band": "moderate"},
        "burnout": {"value": 30, "band": "moderate"},
        "secondary_traumatic_stress": {"value": 30, "band": "moderate"},
    }


def test_proqol_worked_example_with_reverse_items():
    answers = {str(n): "1" for n in range(1, 31)}
    # Compassion satisfaction: all ten items 5 -> 10 x 5 = 50 (high, >= 42).
    answers.update({i: "5" for i in CS})
    # Burnout: reverse items 1, 4, 15, 17, 29 answered 5 -> each scores 6 - 5 = 1;
    # items 8, 10, 19, 21, 26 answered 2 -> 5 x 2 = 10. Total 5 x 1 + 10 = 15 (low, <= 22).
    answers.update({i: "5" for i in ["1", "4", "15", "17", "29"]})
    answers.update({i: "2" for i in ["8", "10", "19", "21", "26"]})
    # Secondary traumatic stress: 2,5,7,9,11 answered 4 (= 20) and 13,14,23,25,28 answered 5
    # (= 25): 20 + 25 = 45 (high).
    answers.update({i: "4" for i in ["2", "5", "7", "9", "11"]})
    answers.update({i: "5" for i in ["13", "14", "23", "25", "28"]})
    result = score(load_instrument("proqol5"), answers).as_dict()
    assert result["compassion_satisfaction"] == {"value": 50, "band": "high"}
    assert result["burnout"] == {"value": 15, "band": "low"}
    assert result["secondary_traumatic_stress"] == {"value": 45, "band": "high"}


@pytest.mark.parametrize(
    ("answers_2_count", "expected", "band"),
    [
        # STS items: k items answered 3, the rest 2 -> 20 + k.
        (2, 22, "low"),  # 8 x 2 + 2 x 3 = 22: the top of "low"
        (3, 23, "moderate"),  # 7 x 2 + 3 x 3 = 23: the bottom of "moderate"
    ],
)
def test_proqol_band_edges_low_moderate(answers_2_count, expected, band):
    answers = {str(n): "3" for n in range(1, 31)}
    answers.update({i: "2" for i in STS})
    answers.update({i: "3" for i in STS[:answers_2_count]})
    sts = score(load_instrument("proqol5"), answers).subscales[2]
    assert (sts.value, sts.band) == (expected, band)


def test_proqol_band_edges_moderate_high():
    answers = {str(n): "3" for n in range(1, 31)}
    # CS: 8 items at 4 and 2 at 5 -> 32 + 10 = 42 (high); one fewer 5 -> 41 (moderate).
    answers.update({i: "4" for i in CS})
    answers.update({"3": "5", "6": "5"})
    assert score(load_instrument("proqol5"), answers).subscales[0].band == "high"
    answers["6"] = "4"
    cs = score(load_instrument("proqol5"), answers).subscales[0]
    assert (cs.value, cs.band) == (41, "moderate")


def test_cbi_structure():
    cbi = load_instrument("cbi")
    assert len(cbi.items) == 19
    assert [len(s.items) for s in cbi.subscales] == [6, 7, 6]
    assert [i.id for i in cbi.items if i.reverse] == ["w4"]
    assert "enough energy for family and friends" in cbi.item("w4").text
    assert [o.points for o in cbi.item("p1").options] == [100, 75, 50, 25, 0]
    assert cbi.item("w5").options[0].label == "To a very high degree"


def test_cbi_worked_example():
    answers = {
        # Personal: always 100, often 75, often 75, sometimes 50, seldom 25, never 0
        # -> (100 + 75 + 75 + 50 + 25 + 0) / 6 = 325 / 6 = 54.1666... -> 54.17 (moderate).
        "p1": "always",
        "p2": "often",
        "p3": "often",
        "p4": "sometimes",
        "p5": "seldom",
        "p6": "never",
        # Work: often 75, often 75, sometimes 50, w4 "seldom" reversed: 100 - 25 = 75,
        # high 75, somewhat 50, very high 100
        # -> (75 + 75 + 50 + 75 + 75 + 50 + 100) / 7 = 500 / 7 = 71.428... -> 71.43 (moderate).
        "w1": "often",
        "w2": "often",
        "w3": "sometimes",
        "w4": "seldom",
        "w5": "high",
        "w6": "somewhat",
        "w7": "very_high",
        # Client: very low 0, low 25, low 25, somewhat 50, never 0, seldom 25
        # -> 125 / 6 = 20.833... -> 20.83 (low).
        "c1": "very_low",
        "c2": "low",
        "c3": "low",
        "c4": "somewhat",
        "c5": "never",
        "c6": "seldom",
    }
    result = score(load_instrument("cbi"), answers).as_dict()
    assert result == {
        "personal": {"value": 54.17, "band": "moderate"},
        "work": {"value": 71.43, "band": "moderate"},
        "client": {"value": 20.83, "band": "low"},
    }


def test_cbi_reverse_item_and_high_band():
    cbi = load_instrument("cbi")
    answers = {item.id: item.options[0].code for item in cbi.items}  # the "100" answer everywhere
    # w4 "always" has enough energy -> 100 reversed = 0, so work = (6 x 100 + 0) / 7 = 85.71.
    result = score(cbi, answers).as_dict()
    assert result["personal"] == {"value": 100, "band": "high"}
    assert result["work"] == {"value": 85.71, "band": "high"}
    # w4 "never" -> 100: all seven 100 -> 100.
    answers["w4"] = "never"
    assert score(cbi, answers).as_dict()["work"]["value"] == 100


def test_missing_and_invalid_answers_are_refused():
    proqol = load_instrument("proqol5")
    with pytest.raises(ScoringError, match="Missing"):
        score(proqol, {"1": "3"})
    answers = {str(n): "3" for n in range(1, 31)}
    answers["7"] = "6"
    with pytest.raises(ScoringError, match="not one of its options"):
        score(proqol, answers)
    answers["7"] = "3"
    answers["31"] = "3"
    with pytest.raises(ScoringError, match="Unknown"):
        score(proqol, answers)


def test_every_instrument_loads_and_scores_its_minimum():
    for instrument in all_instruments():
        lowest = {}
        for item in instrument.items:
            # Pick the option that gives the fewest points after any reversal.
            lowest[item.id] = min(item.options, key=lambda o, i=item: i.points(o.code)).code
        for subscale in score(instrument, lowest).subscales:
            assert subscale.value == instrument.subscale(subscale.code).min
            assert subscale.band == "low"
