"""The shipped v2 models as a practitioner meets them: spoken turns, exact batches, MI codes."""

import csv
import json
from pathlib import Path

import numpy as np
from typer.testing import CliRunner

from empathic.nlp.bench import generate_workload
from empathic.nlp.context import dialogue_context

from .test_commands import app

MI_SENTENCES = [  # written for this test, in the style of mi_gold's codes
    ("How have the last few weeks been for you?", "Open Question"),
    ("Did you sleep at all last night?", "Closed Question"),
    ("You should just leave him and move back home.", "Advise without Permission"),
    ("Stop making excuses and get it done.", "Direct"),
    ("If you keep drinking like this you will lose your kids.", "Warn"),
    ("It sounds like you're exhausted from holding everything together.", "Complex Reflection"),
    ("You're feeling tired.", "Simple Reflection"),
    ("It took courage to write this.", "Affirm"),
    ("Would it be okay if I shared something that helped other people?", "Advise with Permission"),
    ("It's your decision, and you know your situation best.", "Emphasize Autonomy"),
]


def test_evaluate_mi_gold_has_exactly_the_specified_keys(tmp_path: Path):
    data = tmp_path / "mi.csv"
    with data.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        writer.writerows(MI_SENTENCES)
    result = CliRunner().invoke(app, ["evaluate", "mi_gold", "--data", str(data), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) == {"task", "n", "model", "metrics"}
    assert (report["task"], report["n"]) == ("mi_gold", len(MI_SENTENCES))
    assert report["model"].startswith("signals@2")
    assert set(report["metrics"]) == {"code", "mi_inconsistent"}
    assert set(report["metrics"]["code"]) == {"macro_f1", "accuracy"}
    assert set(report["metrics"]["mi_inconsistent"]) == {"precision", "recall", "f1"}
    # three of the ten are MI-inconsistent; a working head finds most of them
    assert report["metrics"]["mi_inconsistent"]["recall"] >= 2 / 3


def test_batches_give_exactly_the_one_by_one_scores(scorer):
    # The bundle's batch size (one pair per call for dynamic int8) must never change a score.
    pairs = [*generate_workload(48, seed=7), ("", "Okay."), ("Hi", "x " * 300)]
    one = [scorer.score(context=c, response=r) for c, r in pairs]
    batched = scorer.score_batch(pairs)
    for a, b in zip(one, batched, strict=True):
        for m in ("er", "ip", "ex"):
            assert a.mechanisms[m].level == b.mechanisms[m].level
            assert np.allclose(a.mechanisms[m].probabilities, b.mechanisms[m].probabilities,
                               atol=1e-6)  # fmt: skip
            assert a.mechanisms[m].rationale == b.mechanisms[m].rationale


def test_a_spoken_reflection_earns_interpretation_credit(scorer):
    client = "They gave me two weeks' notice on the flat. I don't know where we'll go."
    score = scorer.score(
        context=dialogue_context([client]),
        response="It sounds like that notice knocked the ground out from under you.",
    )
    assert score.ip.level > 0


WARMTH_IN_SPEECH = [  # written for this test; none of these replies is in the spoken ER sets
    ("The council lost my forms again and the baby's got nowhere to sleep.",
     "God, that sounds exhausting, and frightening with the baby."),
    ("I just sit in the flat all day now. Nobody rings.",
     "That sounds so lonely. I can hear how much it's weighing on you."),
    ("They stopped my money and I've got nothing for the gas.",
     "That's frightening, having nothing for the gas. No wonder you're worried sick."),
]  # fmt: skip
FORMULA_BEFORE_A_DEMAND = [
    ("You lot stopped my money again! I've got nothing!",
     "Sorry. What's your reference number?"),
    ("You lot stopped my money again! I've got nothing!",
     "Please don't shout at me. There's a process and you need to follow it."),
    ("My dad died on Tuesday and I couldn't get here.",
     "I understand, but you still needed to ring and tell us."),
]  # fmt: skip


def test_warmth_in_speech_counts_and_a_formula_before_a_demand_does_not(scorer):
    """The refitted ER head (epitome@2.1.0) reads warmth, not the word "sorry": the 2.0.0
    head gave "That sounds really scary" no emotional reaction and "Sorry. Do you have your
    letter?" a strong one."""
    for context, response in WARMTH_IN_SPEECH:
        assert scorer.score(context=context, response=response).er.level == 2, response
    for context, response in FORMULA_BEFORE_A_DEMAND:
        assert scorer.score(context=context, response=response).er.level < 2, response
