"""The learned concern layer: the shipped bundle, its combination with the patterns, spans."""

from __future__ import annotations

import dataclasses
import functools
import json
import shutil
from typing import TYPE_CHECKING

import numpy as np
import pytest

from empathic.nlp.concerns import KINDS, apply_concern_rule, detect_concerns, read_concerns
from empathic.nlp.concerns.learned import BUNDLE_DIR, ConcernModel, load_for_scorer
from empathic.nlp.errors import ModelIntegrityError
from empathic.nlp.results import EmpathyScore, MechanismScore
from empathic.nlp.scorer import load_scorer
from empathic.nlp.signal_heads import dense_features

if TYPE_CHECKING:
    from pathlib import Path


@functools.cache
def scorer():
    return load_scorer()


@functools.cache
def model() -> ConcernModel:
    return load_for_scorer(scorer())


def detect(context: str, text: str):
    """Concerns as the analyser finds them: the pair's pooled features handed to the heads."""
    dense = dense_features(scorer().features([(context, text)]))[0]
    return detect_concerns(text, context, features=dense, model=model())


def test_the_bundle_is_complete_and_names_its_encoder():
    manifest = json.loads((BUNDLE_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert f"{manifest['name']}@{manifest['version']}" == model().model == "concerns@1.4.0"
    assert manifest["encoder_sha256"] == scorer().manifest.files[scorer().manifest.encoder]
    assert set(manifest["kinds"]) <= set(KINDS)
    assert 0 < model().threshold < 1
    assert (BUNDLE_DIR / "MODEL_CARD.md").is_file()
    assert "non-commercial" in (BUNDLE_DIR / "MODEL_CARD.md").read_text(encoding="utf-8")


def test_a_modified_bundle_is_refused(tmp_path: Path):
    bundle = tmp_path / "concerns"
    shutil.copytree(BUNDLE_DIR, bundle)
    with np.load(bundle / "heads.npz") as archive:
        arrays = {k: archive[k] for k in archive.files}
    arrays["flag.bias"] = arrays["flag.bias"] + 1
    np.savez_compressed(bundle / "heads.npz", **arrays)
    with pytest.raises(ModelIntegrityError, match="sha256"):
        load_for_scorer(scorer(), bundle)


def test_a_bundle_for_another_encoder_is_refused(tmp_path: Path):
    bundle = tmp_path / "concerns"
    shutil.copytree(BUNDLE_DIR, bundle)
    manifest = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    manifest["encoder_sha256"] = "0" * 64
    (bundle / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(ModelIntegrityError, match="another encoder"):
        load_for_scorer(scorer(), bundle)


# Written for these tests, in none of the train or dev sets; the patterns miss each of them.
# Not a measure: of 13 such harmful phrasings drafted, the heads flagged 7, and of 12 good
# reflections 2 ("Doing it all by yourself, with no break, is wearing you down" at 0.94):
# the withheld independent set is the measure (see the bundle's MODEL_CARD.md).
UNSEEN_HARMFUL = [
    ("The landlord's changed the locks!",
     "Okay, but shouting down the phone at me won't get the locks changed back."),
    ("I don't want to go back on the medication.",
     "Then don't come back here when it all falls apart."),
]  # fmt: skip
SUSPECTED_HARMFUL = [
    # concerns@1.4.0 reads this blame at P 0.73, under its threshold (0.82) and over its doubt
    # threshold (0.42): not shown as a concern, and never strongly credited.
    ("Nobody at the jobcentre listens to me.", "Maybe if you turned up on time they'd listen."),
]  # fmt: skip

GOOD_REFLECTIONS = [
    ("I've been sleeping in my car for a week.",
     "A week in your car. That sounds exhausting and frightening."),
    ("My son won't speak to me since the court date.",
     "It sounds like losing contact with him is the hardest part of all this."),
    ("I keep forgetting my appointments, I'm sorry.",
     "You're worried we'll give up on you. What's been getting in the way?"),
]  # fmt: skip


@pytest.mark.parametrize(("context", "text"), UNSEEN_HARMFUL)
def test_unseen_harmful_phrasings_are_flagged_by_the_heads(context: str, text: str):
    assert detect_concerns(text, context) == ()  # the patterns alone miss it
    (concern,) = detect(context, text)
    assert concern.kind in KINDS
    assert concern.score >= model().threshold


@pytest.mark.parametrize(("context", "text"), SUSPECTED_HARMFUL)
def test_a_suspected_harm_is_doubted_so_never_strongly_credited(context: str, text: str):
    dense = dense_features(scorer().features([(context, text)]))[0]
    assert read_concerns(text, context, features=dense, model=model()) == ((), True)


@pytest.mark.parametrize(("context", "text"), GOOD_REFLECTIONS)
def test_good_reflections_are_not_flagged(context: str, text: str):
    dense = dense_features(scorer().features([(context, text)]))[0]
    assert read_concerns(text, context, features=dense, model=model()) == ((), False)


@pytest.mark.parametrize(("context", "text"), UNSEEN_HARMFUL)
def test_a_learned_span_is_a_sentence_inside_the_turn(context: str, text: str):
    (concern,) = detect(context, text)
    assert 0 <= concern.start < concern.end <= len(text)
    phrase = text[concern.start : concern.end]
    assert phrase == phrase.strip() and not phrase.endswith((".", "?", "!"))


def test_the_span_picks_the_harmful_sentence_not_the_sympathy():
    text = "I'm sorry to hear that. Honestly, you brought all of this on yourself."
    start, end = model().sentence_span(text)
    assert text[start:end] == "Honestly, you brought all of this on yourself"


def test_a_pattern_hit_keeps_its_kind_and_span():
    text = "I hear you, but you should have called us as soon as the hours got cut."
    assert detect("My hours got cut.", text) == detect_concerns(text)


def test_without_features_only_the_patterns_run():
    text = "Honestly, I'd stop worrying about him and look after yourself for once."
    assert detect_concerns(text, model=model()) == detect_concerns(text)


def _reading_at(probability: float, threshold: float = 0.8, doubt: float = 0.5):
    """The shipped heads with the flag head's bias moved so this turn reads at `probability`."""
    shipped = model()
    text, context = "Right, okay. Let's get the form done.", "I've been waiting two hours."
    dense = dense_features(scorer().features([(context, text)]))[0]
    now = float(shipped.probability(dense, [text])[0])
    flag = shipped.flag
    shift = np.log(probability / (1 - probability)) - np.log(now / (1 - now))
    moved = ConcernModel(
        shipped.name, shipped.version,
        dataclasses.replace(flag, bias=flag.bias + np.float32(shift)),
        shipped.kind, threshold, doubt,
    )  # fmt: skip
    return read_concerns(text, context, features=dense, model=moved)


def test_between_doubt_and_threshold_a_turn_is_doubted_not_flagged():
    assert _reading_at(0.65) == ((), True)
    assert _reading_at(0.3) == ((), False)
    concerns, doubted = _reading_at(0.9)
    assert len(concerns) == 1 and not doubted  # over the threshold: a concern, shown


def test_a_doubted_turn_keeps_only_weak_credit_and_nothing_is_withheld():
    strong = MechanismScore(2, (0.0, 0.1, 0.9), ())
    empathy = EmpathyScore(er=strong, ip=strong, ex=strong, model="t")
    shown, withheld = apply_concern_rule(empathy, (), doubted=True)
    assert (shown.er.level, shown.ip.level, shown.ex.level) == (1, 1, 2)
    assert withheld == ()
    assert apply_concern_rule(empathy, ())[0] == empathy
