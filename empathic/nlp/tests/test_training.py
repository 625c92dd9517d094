"""Training end to end on a tiny generated dataset; skipped where torch is absent (CI)."""

from pathlib import Path

import pytest

from empathic.nlp.artifacts import read_manifest
from empathic.nlp.scorer import load_scorer

from .conftest import TINY_ROWS, write_epitome_csv

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
