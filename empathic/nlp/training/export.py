"""Turn a fitted checkpoint into a run-time bundle: ONNX encoder (fp32 and int8) + numpy heads."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING, Any

import numpy as np
from tokenizers import Tokenizer

from empathic.nlp.datasets.epitome import MECHANISMS
from empathic.nlp.encoding import MAX_TOKENS
from empathic.nlp.training.base_model import base_model_dir
from empathic.nlp.training.epitome import build_model

if TYPE_CHECKING:
    from pathlib import Path

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


def export_bundle(
    checkpoint: Path,
    bundle_dir: Path,
    fp32_dir: Path,
    features: list[str],
    build=None,
    calibration: list[dict[str, np.ndarray]] | None = None,
) -> None:
    """Write encoder.int8.onnx, heads.npz, tokenizer.json into bundle_dir (fp32 ONNX beside).
    `build(model_dir)` makes the trained module (default: the EPITOME-only model); it must have
    `encoder`, `level` and `rationale` as the EPITOME model names them. With `calibration`
    (encoder feeds of real pairs, one per call) the int8 model is quantized statically (see
    `quantize_static_int8`); without, dynamically."""
    # torch, and onnxruntime's quantization tools (they need onnx): the [train] extra.
    import torch  # noqa: PLC0415
    from onnxruntime.quantization import QuantType, quantize_dynamic  # noqa: PLC0415

    model_dir = base_model_dir()
    model = build(model_dir) if build else build_model(model_dir, features)
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
    if calibration is not None:
        quantize_static_int8(fp32_path, bundle_dir / ENCODER_INT8, calibration)
    else:
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


def quantize_static_int8(
    fp32_path: Path, out_path: Path, calibration: list[dict[str, np.ndarray]]
) -> None:
    """Int8 with activation scales fixed from calibration pairs (QDQ, per-channel weights).

    Why static: dynamic quantization measures each call's activation range, so in a padded
    batch a pair's scores depend on its batch mates (6 of 465 EPITOME dev levels changed), and
    the scorer had to encode one pair per call. With fixed scales a row's arithmetic is its
    own: batches give the levels one-by-one calls give, measured at export (`batching` in the
    manifest). MatMul (the cost) and Gather (the word-embedding table, most of the file's size)
    are quantized; LayerNorm, softmax and GELU stay fp32, where int8 hurts transformers most."""
    from onnxruntime.quantization import (  # noqa: PLC0415 (onnx: the [train] extra)
        CalibrationDataReader,
        CalibrationMethod,
        QuantFormat,
        QuantType,
        quantize_static,
    )

    class Feeds(CalibrationDataReader):
        def __init__(self) -> None:
            self.feeds = iter(calibration)

        def get_next(self) -> dict[str, np.ndarray] | None:
            return next(self.feeds, None)

    quantize_static(
        str(fp32_path),
        str(out_path),
        Feeds(),
        quant_format=QuantFormat.QDQ,
        per_channel=True,
        activation_type=QuantType.QUInt8,
        weight_type=QuantType.QInt8,
        op_types_to_quantize=["MatMul", "Gather"],
        calibrate_method=CalibrationMethod.MinMax,
    )


def manifest_fields(
    name: str,
    version: str,
    encoder: str,
    features: list[str],
    thresholds: dict[str, float] | None = None,
    max_tokens: int = MAX_TOKENS,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """`extra`: v2 bundles record max_context_tokens, context_turns (see context.py) and the
    exact batch size."""
    return {
        "name": name,
        "version": version,
        "encoder": encoder,
        "tokenizer": TOKENIZER,
        "heads_file": HEADS,
        "max_tokens": max_tokens,
        "heads": head_specs(features, thresholds),
        **(extra or {}),
    }
