"""Training end to end on a tiny generated dataset; skipped where torch is absent (CI)."""

import json
from pathlib import Path

import pytest

from empathic.nlp.artifacts import read_manifest
from empathic.nlp.scorer import load_scorer

from .helpers import TINY_ROWS, write_epitome_csv

pytest.importorskip("torch")
pytest.importorskip("transformers")


@pytest.mark.slow
def test_train_writes_a_loadable_bundle_with_card(tmp_path: Path):
    from empathic.nlp.training.epitome import TrainConfig
    from empathic.nlp.training.pipeline import train_epitome

    data = tmp_path / "data"
    data.mkdir()
    write_epitome_csv(data / "train.csv", TINY_ROWS * 3)
    write_epitome_csv(data / "dev.csv", TINY_ROWS)
    out = tmp_path / "bundle"
    record = train_epitome(
        data,
        out_dir=out,
        work_dir=tmp_path / "work",
        config=TrainConfig(attempt="tiny", epochs=1, batch_size=4, max_tokens=64, notes="test"),
    )
    assert record["fit"]["selected_epoch"] == 1
    manifest = read_manifest(out)
    assert {"MODEL_CARD.md", "attempts.json"} <= set(manifest.documents)
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "non-commercial" in card and "Apache-2.0" in card and "epitome@1.0.0" in card
    assert manifest.max_tokens == 64
    scorer = load_scorer(out)
    assert scorer.score(context="hi", response="hello").er.level in (0, 1, 2)


def write_all_datasets(root: Path) -> Path:
    """A tiny copy of every dataset's shape (no real data), train and dev alike."""
    from .test_multitask_data import write_annomi

    root.mkdir()
    write_annomi(root)
    for split in ("train", "dev"):
        (root / "epitome").mkdir(exist_ok=True)
        write_epitome_csv(root / "epitome" / f"{split}.csv", TINY_ROWS * 2)
        if split == "dev":
            for name in ("", "_full"):
                source = root / "annomi" / f"train{name}.csv"
                (root / "annomi" / f"dev{name}.csv").write_text(source.read_text("utf-8"))
        (root / "esconv").mkdir(exist_ok=True)
        dialog = [{"speaker": "usr", "text": "I can't sleep."},
                  {"speaker": "sys", "text": "How long has that been going on?",
                   "strategy": "Question"},
                  {"speaker": "usr", "text": "Weeks."},
                  {"speaker": "sys", "text": "That sounds exhausting.",
                   "strategy": "Reflection of feelings"}]  # fmt: skip
        (root / "esconv" / f"{split}.jsonl").write_text(json.dumps({"dialog": dialog}) + "\n")
        for folder, header, rows in (
            ("mi_gold", "text,label", ["You should leave.,Advise without Permission",
                                       "How are you?,Open Question"]),
            ("goemotions", "text,labels", ["I am so angry,anger", "thanks a lot,gratitude"]),
            ("davidson", "tweet,class", ["have a nice day,2", "shut up idiot,1"]),
            ("empathic_reactions", "essay,empathy,distress",
             ["So sad to read this.,5.5,6.0", "Fine news.,2.0,1.5"]),
        ):  # fmt: skip
            (root / folder).mkdir(exist_ok=True)
            (root / folder / f"{split}.csv").write_text("\n".join([header, *rows]) + "\n")
    return root


@pytest.mark.slow
def test_the_v2_encoder_trains_on_every_dataset_and_exports_exact_batches(tmp_path: Path):
    from empathic.nlp.training.encoder_pipeline import finish_encoder
    from empathic.nlp.training.multitask import MultiTaskConfig, fit

    data = write_all_datasets(tmp_path / "data")
    config = MultiTaskConfig(
        attempt="tiny", epochs=1, batch_size=4, checkpoint_steps=2, quantization="static",
        notes="test",
    )  # fmt: skip
    log = fit(data, tmp_path / "work", config)
    assert log["selected_epoch"] == 1 and (tmp_path / "work" / "last.pt").is_file()
    again = fit(data, tmp_path / "work", config)  # resumes: nothing left to do
    assert again["epochs"] == log["epochs"]
    out = tmp_path / "bundle"
    record = finish_encoder(data, out, tmp_path / "work", log)
    manifest = read_manifest(out)
    assert (manifest.max_context_tokens, manifest.context_turns) == (96, 2)
    assert record["batching"]["levels_changed"] == 0 and manifest.batch_size == 16
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "CC BY-NC-SA 3.0" in card and "non-commercial" in card
    scorer = load_scorer(out)
    assert scorer.model == "epitome@2.0.0"
