"""`empathic train epitome`: fit, export, evaluate fp32 and int8 on dev, write manifest and card."""

from __future__ import annotations

import dataclasses
import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from empathic.nlp.artifacts import MODELS_DIR, write_manifest
from empathic.nlp.datasets.epitome import read_epitome_csv
from empathic.nlp.encoding import MAX_TOKENS
from empathic.nlp.evaluation import evaluate_epitome
from empathic.nlp.scorer import load_scorer
from empathic.nlp.training.epitome import TrainConfig, fit
from empathic.nlp.training.export import ENCODER_FP32, ENCODER_INT8, export_bundle, manifest_fields
from empathic.nlp.training.model_card import render_model_card

if TYPE_CHECKING:
    from collections.abc import Callable

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
    *,
    build: Callable[[Path], Any] | None = None,
    context: dict[str, int] | None = None,
    epitome_dev: Path | None = None,
    checks: Callable[[Path], dict[str, Any]] | None = None,
    render: Callable[..., str] = render_model_card,
    calibration: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Export the checkpoint into out_dir, score fp32 and int8 on dev, record the attempt.
    The v2 encoder passes its model builder, its context settings, where the EPITOME dev file
    is, extra dev checks on the int8 bundle (`checks`) and its own card renderer."""
    fp32_dir = work_dir / "fp32"
    features = fit_log["config"].get("features", ["mean_all", "mean_response"])
    export_bundle(checkpoint, out_dir, fp32_dir, features, build=build, calibration=calibration)
    dev = epitome_dev or data_dir / "dev.csv"
    max_tokens = fit_log["config"].get("max_tokens", MAX_TOKENS)
    thresholds: dict[str, float] = {}  # filled once selected; the first manifest uses 0.5

    extra_fields: dict[str, Any] = dict(context or {})

    def fields(encoder: str, model_version: str) -> dict[str, Any]:
        return manifest_fields(
            MODEL_NAME, model_version, encoder, features, thresholds, max_tokens, extra_fields
        )

    write_manifest(out_dir, fields(ENCODER_INT8, version), [])
    thresholds.update(select_rationale_thresholds(out_dir, dev))
    batching: dict[str, Any] = {}
    if calibration is not None:  # static int8: keep batches only if they change no level
        batching = batching_check(out_dir, dev)
        if batching["levels_changed"] == 0:
            extra_fields["batch_size"] = BATCH_SIZE

    write_manifest(fp32_dir, fields(ENCODER_FP32, f"{version}-fp32"), [])
    write_manifest(out_dir, fields(ENCODER_INT8, version), [])
    record = {
        "attempt": fit_log["config"]["attempt"],
        "fit": fit_log,
        "rationale_thresholds": thresholds,
        "fp32_dev": evaluate_epitome(load_scorer(fp32_dir), dev),
        "int8_dev": evaluate_epitome(load_scorer(out_dir), dev),
    }
    if checks is not None:
        record["checks"] = {"fp32": checks(fp32_dir), "int8": checks(out_dir)}
    if batching:
        record["batching"] = batching
    print(json.dumps({k: record[k]["metrics"] for k in ("fp32_dev", "int8_dev")}), flush=True)
    attempts = record_attempt(out_dir / ATTEMPTS, record)
    manifest_path = write_manifest(out_dir, fields(ENCODER_INT8, version), [])
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    (out_dir / CARD).write_text(render(manifest, attempts, record), encoding="utf-8")
    write_manifest(out_dir, fields(ENCODER_INT8, version), [CARD, ATTEMPTS])
    return record


BATCH_SIZE = 16
"""Pairs per encoder call once batching is shown exact: most of the gain of batching on two
cores, with little padding among pairs of similar length."""


def batching_check(bundle: Path, dev: Path) -> dict[str, Any]:
    """Levels of every dev pair, batched (BATCH_SIZE) against one by one, on the int8 bundle."""
    scorer = load_scorer(bundle)
    pairs = [(r.seeker_post, r.response_post) for r in read_epitome_csv(dev)]
    one = scorer.predict(pairs, batch_size=1)
    many = scorer.predict(pairs, batch_size=BATCH_SIZE)
    changed = sum(int((one[m] != many[m]).sum()) for m in one)
    one_p = scorer.predict_proba(pairs, batch_size=1)
    many_p = scorer.predict_proba(pairs, batch_size=BATCH_SIZE)
    gap = max(float(np.abs(one_p[m] - many_p[m]).max()) for m in one_p)
    return {"pairs": len(pairs), "batch_size": BATCH_SIZE, "levels_changed": changed,
            "max_probability_difference": gap}  # fmt: skip


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
