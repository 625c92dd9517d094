from __future__ import annotations

import pytest

from empathic.practice.branching import BRANCH_KEYS, next_key, response_kind
from empathic.practice.presentation import RESPONSE_KINDS, kind_field_label, kind_label


@pytest.mark.parametrize(
    ("levels", "mi", "kind"),
    [
        ({"er": 0, "ip": 0, "ex": 2}, "", "exploring"),
        ({"er": 2, "ip": 0, "ex": 1}, "", "exploring"),
        ({"er": 0, "ip": 0, "ex": 0}, "open_question", "exploring"),
        ({"er": 1, "ip": 0, "ex": 0}, "", "empathic"),
        ({"er": 0, "ip": 2, "ex": 0}, "advice", "empathic"),
        ({"er": 0, "ip": 0, "ex": 0}, "advice", "dismissive"),
        ({"er": 0, "ip": 0, "ex": 0}, "", "dismissive"),
        ({"er": 0, "ip": 0, "ex": 0}, "closed_question", "neutral"),
        # a closed question is weak exploration at most, and does not open the client up
        ({"er": 0, "ip": 0, "ex": 1}, "closed_question", "neutral"),
        ({"er": 1, "ip": 0, "ex": 1}, "closed_question", "empathic"),
        ({"er": 0, "ip": 0, "ex": 1}, "", "exploring"),
    ],
)
def test_response_kind(levels, mi, kind):
    assert response_kind(levels, mi) == kind


@pytest.mark.parametrize(
    ("strategy", "kind"),
    [("Providing Suggestions", "dismissive"), ("Restatement or Paraphrasing", "neutral")],
)
def test_a_suggestion_without_empathy_is_advice_whatever_the_mi_code(strategy, kind):
    none = {"er": 0, "ip": 0, "ex": 0}
    assert response_kind(none, "complex_reflection", strategy) == kind


def test_next_key_falls_back_to_default():
    branches = {"dismissive": "guarded", "default": "deeper"}
    assert next_key(branches, "dismissive") == "guarded"
    assert next_key(branches, "neutral") == "deeper"


def test_an_answer_with_a_concern_is_dismissive_whatever_its_levels():
    strong = {"er": 2, "ip": 2, "ex": 2}
    concern = [{"kind": "commanding", "start": 0, "end": 5, "score": 0.9}]
    assert response_kind(strong, "complex_reflection", "", concern) == "dismissive"
    assert response_kind(strong, "open_question") == "exploring"


def test_every_branch_key_has_its_words_in_one_table():
    assert tuple(RESPONSE_KINDS) == BRANCH_KEYS  # the authoring form lists them in this order
    assert kind_label("exploring") == "Exploring: the client tells you more"
    assert kind_field_label("exploring").startswith("After an exploring answer")
    assert kind_label("unknown_kind") == "unknown_kind"  # stored by a newer version: shown as is
