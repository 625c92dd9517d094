import pytest

from empathic.nlp.metrics import TokenF1, accuracy, macro_f1, words_covered


def test_macro_f1_matches_hand_computed_values():
    assert macro_f1([0, 1, 2], [0, 1, 2]) == 1.0
    # label 0: tp1 fp1 fn0 -> 2/3; label 1: tp0 -> 0; label 2: tp1 -> 1
    assert macro_f1([0, 1, 2], [0, 0, 2]) == pytest.approx((2 / 3 + 0 + 1) / 3)
    # labels absent from gold and predictions do not count (scikit-learn's default)
    assert macro_f1([0, 2], [0, 2]) == 1.0
    assert accuracy([0, 1, 1, 2], [0, 1, 2, 2]) == 0.75


def test_rationale_f1_counts_whitespace_words():
    text = "That sounds hard. How are you?"
    assert words_covered(text, [(0, 4)]) == {0}
    assert words_covered(text, [(3, 6)]) == {0, 1}  # a span touching a word counts the word
    f1 = TokenF1()
    f1.add(text, gold=[(18, 30)], predicted=[(18, 30)])
    f1.add(text, gold=[(0, 17)], predicted=[])
    # tp 3, fn 3, fp 0 -> 2*3 / (6 + 3)
    assert f1.f1 == pytest.approx(6 / 9)
    assert TokenF1().f1 == 0.0
