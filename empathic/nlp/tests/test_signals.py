"""The shipped signal heads: integrity checks, shapes, and `empathic evaluate` per task."""

import json
import shutil

import numpy as np
import pytest
from typer.testing import CliRunner

from empathic.cli import app
from empathic.nlp.artifacts import MODELS_DIR
from empathic.nlp.errors import ModelIntegrityError
from empathic.nlp.signal_heads import dense_features, load_signals

runner = CliRunner()


@pytest.fixture(scope="module")
def signals(scorer):
    return load_signals(scorer)


def test_every_head_is_shipped(signals):
    expected = {
        "therapist_behaviour", "reflection_subtype", "question_subtype",
        "therapist_input_subtype", "client_talk_type", "strategy", "emotion", "hostility",
        "reactions", "mi_code", "client_state",
    }  # fmt: skip
    assert set(signals.heads) == expected
    assert signals.model.startswith("signals@")


def test_heads_give_distributions_and_bounded_ratings(scorer, signals):
    texts = ["I'm so angry, nobody listens to me!", "Thanks, that really helped."]
    dense = dense_features(scorer.features([("", t) for t in texts]))
    fields = [{"text": t, "context": ""} for t in texts]
    for name in ("hostility", "client_talk_type"):
        proba = signals.head(name).predict_proba(dense, fields)
        assert proba.shape == (2, len(signals.head(name).labels))
        np.testing.assert_allclose(proba.sum(axis=1), 1.0, atol=1e-5)
    emotions = signals.head("emotion").predict_proba(dense, fields)
    labels = signals.head("emotion").labels
    assert emotions[0, labels.index("anger")] > emotions[1, labels.index("anger")]
    assert emotions[1, labels.index("gratitude")] > emotions[0, labels.index("gratitude")]
    ratings = signals.head("reactions").predict(dense, fields)
    assert ((ratings >= 1) & (ratings <= 7)).all()


def test_a_modified_heads_file_is_refused(scorer, tmp_path):
    bundle = tmp_path / "signals"
    shutil.copytree(MODELS_DIR / "signals", bundle)
    with (bundle / "heads.npz").open("ab") as handle:
        handle.write(b"tampered")
    with pytest.raises(ModelIntegrityError, match="sha256"):
        load_signals(scorer, bundle)


def test_heads_trained_on_another_encoder_are_refused(scorer, tmp_path):
    bundle = tmp_path / "signals"
    shutil.copytree(MODELS_DIR / "signals", bundle)
    manifest = json.loads((bundle / "manifest.json").read_text())
    manifest["encoder_sha256"] = "0" * 64
    (bundle / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ModelIntegrityError, match="another encoder"):
        load_signals(scorer, bundle)


ANNOMI = (
    "transcript_id,utterance_id,interlocutor,utterance_text,main_therapist_behaviour,"
    "client_talk_type\n"
    "1,0,therapist,What brings you in today?,question,n/a\n"
    "1,1,client,I want to cut down on drinking.,n/a,change\n"
    "1,2,therapist,You're ready to make a change.,reflection,n/a\n"
    "1,3,client,I don't think I can stop.,n/a,sustain\n"
)


@pytest.mark.parametrize(
    "task, name, content, keys",
    [
        ("annomi", "a.csv", ANNOMI,
         {"therapist_behaviour": "macro_f1", "client_talk_type": "macro_f1"}),
        ("esconv", "e.jsonl", json.dumps({"dialog": [
            {"speaker": "usr", "text": "I lost my job."},
            {"speaker": "sys", "text": "What happened?", "strategy": "Question"},
        ]}) + "\n", {"strategy": "accuracy"}),
        ("goemotions", "g.csv", "id,text,labels\n1,I love it,love\n2,Ugh,annoyance\n",
         {"emotion": "macro_f1"}),
        ("davidson", "d.csv", "class,tweet\n2,lovely day\n1,shut up idiot\n",
         {"hostility": "hate_f1"}),
        ("empathic_reactions", "r.csv",
         "essay,empathy,distress\nSo sad for them.,6,5\nWhatever.,1,1\nTerrible news.,4,3\n",
         {"distress": "pearson", "empathy": "pearson"}),
    ],
)  # fmt: skip
def test_evaluate_prints_the_task_metrics_as_json(tmp_path, task, name, content, keys):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["evaluate", task, "--data", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["task"] == task and report["model"].startswith("signals@")
    for output, metric in keys.items():
        assert 0.0 <= abs(report["metrics"][output][metric]) <= 1.0


def test_evaluate_refuses_a_malformed_file_with_exit_2(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("nothing,useful\n1,2\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "davidson", "--data", str(path)])
    assert result.exit_code == 2
    assert "missing columns" in result.output
