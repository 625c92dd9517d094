"""Turn a fitted checkpoint into a run-time bundle: ONNX encoder (fp32 and int8) + numpy heads."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import numpy as np

from empathic.nlp.datasets.epitome import MECHANISMS
from empathic.nlp.encoding import MAX_TOKENS
from empathic.nlp.training.base_model import base_model_dir

ENCODER_INT8 = "encoder.int8.onnx"
ENCODER_FP32 = "encoder.fp32.onnx"  # kept out of the package: 90 MB, used to compare scores
TOKENIZER = "tokenizer.json"
HEADS = "heads.npz"
RATIONALE_THRESHOLD = 0.5
"""Tagger threshold before selection on dev (see pipeline.select_rationale_thresholds)."""


def head_specs(
    features: list[str], thresholds: dict[str, float] | None = None
) -> list[dict[str, Any]]:
    """The manifest's head registry for EPITOME: three level heads, three rationale taggers."""
    thresholds = thresholds or {}
    specs: list[dict[str, Any]] = []
    for m in MECHANISMS:
        specs.append(
            {
                "name": f"epitome.{m}.level",
                "kind": "level",
                "target": m,
                "labels": [0, 1, 2],
                "features": list(features),
                "weight": f"level.{m}.weight",
                "bias": f"level.{m}.bias",
            }
        )
        specs.append(
            {
                "name": f"epitome.{m}.rationale",
                "kind": "token_tagger",
                "target": m,
                "threshold": thresholds.get(m, RATIONALE_THRESHOLD),
                "weight": f"rationale.{m}.weight",
                "bias": f"rationale.{m}.bias",
            }
        )
    return specs


def export_bundle(checkpoint: Path, bundle_dir: Path, fp32_dir: Path, features: list[str]) -> None:
    """Write encoder.int8.onnx, heads.npz, tokenizer.json into bundle_dir (fp32 ONNX beside)."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from tokenizers import Tokenizer

    from empathic.nlp.training.epitome import build_model

    model_dir = base_model_dir()
    model = build_model(model_dir, features)
    model.load_state_dict(torch.load(checkpoint, map_location="cpu", weights_only=True))
    model.eval()

    class EncoderOnly(torch.nn.Module):
        def __init__(self, encoder: torch.nn.Module) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    bundle_dir.mkdir(parents=True, exist_ok=True)
    fp32_dir.mkdir(parents=True, exist_ok=True)
    fp32_path = fp32_dir / ENCODER_FP32
    example = torch.ones((2, 16), dtype=torch.long)
    batch_axes = {0: "batch", 1: "sequence"}
    with torch.inference_mode():
        torch.onnx.export(
            EncoderOnly(model.encoder),
            (example, example, torch.zeros_like(example)),
            str(fp32_path),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["last_hidden_state"],
            dynamic_axes={
                "input_ids": batch_axes,
                "attention_mask": batch_axes,
                "token_type_ids": batch_axes,
                "last_hidden_state": batch_axes,
            },
            opset_version=17,
            dynamo=False,  # the dynamo exporter is ~3.5x slower on batches here
        )
    # Per-channel keeps embeddings close to fp32; per-tensor visibly degrades them.
    quantize_dynamic(
        str(fp32_path),
        str(bundle_dir / ENCODER_INT8),
        per_channel=True,
        weight_type=QuantType.QInt8,
    )

    arrays = {}
    for m in MECHANISMS:
        arrays[f"level.{m}.weight"] = model.level[m].weight.detach().numpy().astype(np.float32)
        arrays[f"level.{m}.bias"] = model.level[m].bias.detach().numpy().astype(np.float32)
        arrays[f"rationale.{m}.weight"] = (
            model.rationale[m].weight.detach().numpy().astype(np.float32)
        )
        arrays[f"rationale.{m}.bias"] = model.rationale[m].bias.detach().numpy().astype(np.float32)
    np.savez(bundle_dir / HEADS, **arrays)
    shutil.copy(bundle_dir / HEADS, fp32_dir / HEADS)

    tokenizer = Tokenizer.from_file(str(model_dir / TOKENIZER))
    tokenizer.no_truncation()  # the engine truncates (response kept) and pads itself
    tokenizer.no_padding()
    tokenizer.save(str(bundle_dir / TOKENIZER))
    shutil.copy(bundle_dir / TOKENIZER, fp32_dir / TOKENIZER)


def manifest_fields(
    name: str,
    version: str,
    encoder: str,
    features: list[str],
    thresholds: dict[str, float] | None = None,
    max_tokens: int = MAX_TOKENS,
) -> dict[str, Any]:
    return {
        "name": name,
        "version": version,
        "encoder": encoder,
        "tokenizer": TOKENIZER,
        "heads_file": HEADS,
        "max_tokens": max_tokens,
        "heads": head_specs(features, thresholds),
    }
