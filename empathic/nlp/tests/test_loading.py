import json
import subprocess
import sys
from pathlib import Path

import pytest

from empathic.nlp import ModelIntegrityError, load_scorer
from empathic.nlp.artifacts import read_manifest, sha256_file

from .helpers import BUNDLE


def test_shipped_bundle_loads_offline_with_version():
    # Load time (< 1 s) is measured by the benchmark, not asserted here.
    scorer = load_scorer()
    assert scorer.model == "epitome@2.1.0"
    assert scorer.manifest.max_tokens == 256


def test_manifest_hashes_match_every_shipped_file():
    manifest = read_manifest(BUNDLE)
    for name, digest in {**manifest.files, **manifest.documents}.items():
        assert sha256_file(BUNDLE / name) == digest, name
    assert {"MODEL_CARD.md", "attempts.json"} <= set(manifest.documents)


def test_encoder_is_small_int8_onnx():
    manifest = read_manifest(BUNDLE)
    assert manifest.encoder.endswith(".int8.onnx")
    assert (BUNDLE / manifest.encoder).stat().st_size < 26_000_000


@pytest.mark.parametrize("victim", ["encoder.int8.onnx", "heads.npz", "tokenizer.json"])
def test_tampered_file_is_refused_with_a_clear_error(bundle_copy: Path, victim: str):
    path = bundle_copy / victim
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match=rf"{victim}: sha256 .* does not match"):
        load_scorer(bundle_copy)


def test_missing_file_is_refused(bundle_copy: Path):
    (bundle_copy / "heads.npz").unlink()
    with pytest.raises(ModelIntegrityError, match="missing"):
        load_scorer(bundle_copy)


def test_missing_or_broken_manifest_is_refused(bundle_copy: Path, tmp_path: Path):
    manifest = bundle_copy / "manifest.json"
    manifest.write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelIntegrityError, match="unreadable manifest"):
        load_scorer(bundle_copy)
    with pytest.raises(ModelIntegrityError, match="missing"):
        load_scorer(tmp_path / "nowhere")


def test_edited_manifest_cannot_point_at_another_file(bundle_copy: Path):
    raw = json.loads((bundle_copy / "manifest.json").read_text(encoding="utf-8"))
    raw["files"]["heads.npz"] = "0" * 64
    (bundle_copy / "manifest.json").write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ModelIntegrityError):
        load_scorer(bundle_copy)


def test_run_time_imports_neither_torch_nor_django():
    code = (
        "import sys; from empathic.nlp import load_scorer; load_scorer()"
        ".score(context='hi', response='hello');"
        "bad = [m for m in ('torch', 'django', 'transformers') if m in sys.modules];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_package_import_is_lazy():
    code = "import sys, empathic.nlp; assert 'onnxruntime' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
