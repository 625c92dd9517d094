"""`empathic train epitome`: fit, export, evaluate fp32 and int8 on dev, write manifest and card."""

from __future__ import annotations

import dataclasses
import json
import tempfile
from pathlib import Path
from typing import Any

from empathic.nlp.artifacts import MODELS_DIR, write_manifest
from empathic.nlp.encoding import MAX_TOKENS
from empathic.nlp.evaluation import evaluate_epitome
from empathic.nlp.scorer import load_scorer
from empathic.nlp.training.epitome import TrainConfig, fit
from empathic.nlp.training.export import ENCODER_FP32, ENCODER_INT8, export_bundle, manifest_fields
from empathic.nlp.training.model_card import render_model_card

MODEL_NAME = "epitome"
MODEL_VERSION = "1.0.0"
ATTEMPTS = "attempts.json"
CARD = "MODEL_CARD.md"
THRESHOLD_GRID = (0.2, 0.3, 0.4, 0.5)


def train_epitome(
    data_dir: Path,
    out_dir: Path = MODELS_DIR / MODEL_NAME,
    work_dir: Path | None = None,
    config: TrainConfig | None = None,
    version: str = MODEL_VERSION,
) -> dict[str, Any]:
    config = config or TrainConfig()
    work_dir = work_dir or Path(tempfile.mkdtemp(prefix="empathic-train-"))
    fit_log = fit(data_dir, work_dir, config)
    return finish(work_dir / "best.pt", fit_log, data_dir, out_dir, work_dir, version)


def finish(
    checkpoint: Path,
    fit_log: dict[str, Any],
    data_dir: Path,
    out_dir: Path,
    work_dir: Path,
    version: str = MODEL_VERSION,
) -> dict[str, Any]:
    """Export the checkpoint into out_dir, score fp32 and int8 on dev, record the attempt."""
    fp32_dir = work_dir / "fp32"
    features = fit_log["config"].get("features", ["mean_all", "mean_response"])
    export_bundle(checkpoint, out_dir, fp32_dir, features)
    dev = data_dir / "dev.csv"
    max_tokens = fit_log["config"].get("max_tokens", MAX_TOKENS)
    thresholds: dict[str, float] = {}  # filled once selected; the first manifest uses 0.5

    def fields(encoder: str, model_version: str) -> dict[str, Any]:
        return manifest_fields(MODEL_NAME, model_version, encoder, features, thresholds, max_tokens)

    write_manifest(out_dir, fields(ENCODER_INT8, version), [])
    thresholds.update(select_rationale_thresholds(out_dir, dev))

    write_manifest(fp32_dir, fields(ENCODER_FP32, f"{version}-fp32"), [])
    write_manifest(out_dir, fields(ENCODER_INT8, version), [])
    record = {
        "attempt": fit_log["config"]["attempt"],
        "fit": fit_log,
        "rationale_thresholds": thresholds,
        "fp32_dev": evaluate_epitome(load_scorer(fp32_dir), dev),
        "int8_dev": evaluate_epitome(load_scorer(out_dir), dev),
    }
    print(json.dumps({k: record[k]["metrics"] for k in ("fp32_dev", "int8_dev")}), flush=True)
    attempts = record_attempt(out_dir / ATTEMPTS, record)
    manifest_path = write_manifest(out_dir, fields(ENCODER_INT8, version), [])
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    (out_dir / CARD).write_text(render_model_card(manifest, attempts, record), encoding="utf-8")
    write_manifest(out_dir, fields(ENCODER_INT8, version), [CARD, ATTEMPTS])
    return record


def select_rationale_thresholds(bundle: Path, dev: Path) -> dict[str, float]:
    """Per mechanism, the tagger threshold with the best dev rationale F1 (levels are unaffected:
    they read the tagger's probabilities, not its threshold)."""
    scorer = load_scorer(bundle)
    best: dict[str, tuple[float, float]] = {}
    for threshold in THRESHOLD_GRID:
        for mechanism, tagger in list(scorer.heads.taggers.items()):
            scorer.heads.taggers[mechanism] = dataclasses.replace(tagger, threshold=threshold)
        f1 = evaluate_epitome(scorer, dev)["metrics"]["rationale_token_f1"]
        for mechanism, score in f1.items():
            if score > best.get(mechanism, (-1.0, 0.0))[0]:
                best[mechanism] = (score, threshold)
    return {mechanism: threshold for mechanism, (_, threshold) in best.items()}


def record_attempt(path: Path, record: dict[str, Any]) -> list[dict[str, Any]]:
    """Keep every attempt ever made for this bundle (the card reports them all)."""
    attempts = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []
    attempts = [a for a in attempts if a["attempt"] != record["attempt"]] + [record]
    path.write_text(json.dumps(attempts, indent=2) + "\n", encoding="utf-8")
    return attempts
