"""Conversation-signal heads on the shared EPITOME encoder: MI behaviour and subtypes, support
strategy, client talk type, emotions, hostility, distress.

Each head is linear over two inputs: the encoder's pooled features (`mean_all`,
`mean_response`) and hashed word n-grams of the turn (and, for some heads, of the previous turn);
see ngrams.py for why both. Heads live in their own bundle (`models/signals/`) that names the
encoder it was trained on by sha256, so a re-trained encoder cannot silently pair with stale heads.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from empathic.nlp.artifacts import MODELS_DIR, verify_file
from empathic.nlp.errors import ModelIntegrityError
from empathic.nlp.heads import sigmoid, softmax
from empathic.nlp.ngrams import BUCKETS, sparse_row

if TYPE_CHECKING:
    from empathic.nlp.scorer import EmpathyScorer

DEFAULT_SIGNALS = "signals"
KINDS = ("softmax", "sigmoid", "regression")


@dataclass(frozen=True)
class SignalHead:
    name: str  # e.g. "annomi.therapist_behaviour"
    output: str  # e.g. "therapist_behaviour"
    kind: str  # softmax (one class), sigmoid (multi-label), regression
    labels: tuple[str, ...]  # classes, or the regression targets
    fields: tuple[str, ...]  # n-gram fields read, in order: "text", "context"
    dense_weight: np.ndarray  # (outputs, 2 * hidden), standardisation folded in
    ngram_weight: np.ndarray  # (outputs, len(fields) * BUCKETS), float16 on disk
    bias: np.ndarray  # (outputs,)
    idf: np.ndarray  # (len(fields) * BUCKETS,)
    thresholds: np.ndarray | None = None  # sigmoid: per-label decision thresholds
    value_range: tuple[float, float] | None = None  # regression: clip to the scale

    def decision(self, dense: np.ndarray, texts: list[dict[str, str]]) -> np.ndarray:
        """(n, outputs) logits or values for dense (n, 2*hidden) features and field texts."""
        out = dense @ self.dense_weight.T + self.bias
        for row, fields in enumerate(texts):
            indices, values = sparse_row([fields.get(f, "") for f in self.fields], self.idf)
            if len(indices):
                out[row] += self.ngram_weight[:, indices].astype(np.float32) @ values
        return out

    def predict_proba(self, dense: np.ndarray, texts: list[dict[str, str]]) -> np.ndarray:
        scores = self.decision(dense, texts)
        if self.kind == "softmax":
            return softmax(scores)
        if self.kind == "sigmoid":
            return sigmoid(scores)
        raise ValueError(f"{self.name} is a regression head; use predict")

    def predict(self, dense: np.ndarray, texts: list[dict[str, str]]) -> np.ndarray:
        """Class indices (softmax), 0/1 label matrix (sigmoid) or clipped values (regression)."""
        if self.kind == "regression":
            values = self.decision(dense, texts)
            low, high = self.value_range or (-np.inf, np.inf)
            return np.clip(values, low, high)
        proba = self.predict_proba(dense, texts)
        if self.kind == "softmax":
            return proba.argmax(axis=1)
        assert self.thresholds is not None
        return (proba >= self.thresholds).astype(np.int64)


class SignalModel:
    """The heads of one bundle, by output name, over a loaded EPITOME scorer's encoder."""

    def __init__(self, name: str, version: str, heads: dict[str, SignalHead]) -> None:
        self.name = name
        self.version = version
        self.heads = heads

    @property
    def model(self) -> str:
        return f"{self.name}@{self.version}"

    def head(self, output: str) -> SignalHead:
        try:
            return self.heads[output]
        except KeyError:
            raise ModelIntegrityError(f"{self.model} has no head {output!r}") from None


def dense_features(pooled: dict[str, np.ndarray]) -> np.ndarray:
    return np.concatenate([pooled["mean_all"], pooled["mean_response"]], axis=1)


def load_signals(scorer: EmpathyScorer, bundle: str | Path = DEFAULT_SIGNALS) -> SignalModel:
    """Load and verify a signals bundle; refuse it if it was trained on another encoder."""
    directory = (
        Path(bundle) if isinstance(bundle, Path) or "/" in str(bundle) else MODELS_DIR / bundle
    )
    manifest_path = directory / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ModelIntegrityError(f"{manifest_path}: unreadable manifest ({error})") from None
    encoder_sha = scorer.manifest.files.get(scorer.manifest.encoder)
    if manifest.get("encoder_sha256") != encoder_sha:
        raise ModelIntegrityError(
            f"{directory.name} was trained on another encoder than {scorer.model}; retrain it"
        )
    model_id = f"{manifest.get('name')}@{manifest.get('version')}"
    for name, expected in manifest.get("files", {}).items():
        verify_file(directory / name, expected, model_id)
    try:
        with np.load(directory / manifest["heads_file"], allow_pickle=False) as archive:
            arrays = {key: archive[key] for key in archive.files}
        heads = {spec["output"]: _head(spec, arrays) for spec in manifest["heads"]}
    except (OSError, ValueError, KeyError) as error:
        raise ModelIntegrityError(f"{directory}: unreadable signal heads ({error})") from None
    return SignalModel(manifest["name"], manifest["version"], heads)


def _head(spec: dict[str, Any], arrays: dict[str, np.ndarray]) -> SignalHead:
    if spec["kind"] not in KINDS:
        raise ModelIntegrityError(f"unknown signal head kind {spec['kind']!r}")
    prefix = spec["output"]
    fields = tuple(spec["fields"])
    ngram_weight = arrays[f"{prefix}.ngram_weight"]
    if ngram_weight.shape[1] != len(fields) * BUCKETS:
        raise ModelIntegrityError(f"{spec['name']}: n-gram weights do not match {BUCKETS} buckets")
    thresholds = arrays.get(f"{prefix}.thresholds")
    value_range = spec.get("value_range")
    return SignalHead(
        name=spec["name"],
        output=prefix,
        kind=spec["kind"],
        labels=tuple(spec["labels"]),
        fields=fields,
        dense_weight=arrays[f"{prefix}.dense_weight"].astype(np.float32),
        ngram_weight=ngram_weight,
        bias=arrays[f"{prefix}.bias"].astype(np.float32),
        idf=arrays[f"{prefix}.idf"].astype(np.float32),
        thresholds=None if thresholds is None else thresholds.astype(np.float32),
        value_range=None if value_range is None else (float(value_range[0]), float(value_range[1])),
    )
