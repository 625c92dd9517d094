"""`empathic train signals`: fit the conversation-signal heads on frozen encoder features plus
hashed n-grams (scikit-learn), select each head's settings on dev, write the signals bundle.

Why frozen: the heads share the EPITOME encoder so a turn is encoded once for every head, and
fine-tuning that encoder for six more tasks on two CPU cores is out of reach; the n-grams recover
much of what a frozen encoder misses (see ngrams.py). The model card records every grid point.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression, Ridge

from empathic.nlp import metrics
from empathic.nlp.artifacts import MODELS_DIR, sha256_file
from empathic.nlp.datasets.annomi import BEHAVIOURS, SUBTYPES, TALK_TYPES
from empathic.nlp.datasets.esconv import STRATEGIES
from empathic.nlp.datasets.mi_gold import CODES
from empathic.nlp.datasets.single_text import EMOTIONS, HOSTILITY
from empathic.nlp.ngrams import BUCKETS, document_frequency_idf, sparse_row
from empathic.nlp.scorer import load_scorer
from empathic.nlp.training.signal_data import (
    CLIENT_STATES,
    Examples,
    attach_features,
    load_split,
)
from empathic.nlp.training.signals_card import write_card

NAME = "signals"
VERSION = "2.0.0"
HEADS_FILE = "heads.npz"
CARD = "MODEL_CARD.md"
RECORD = "training.json"


@dataclass(frozen=True)
class HeadSpec:
    output: str
    family: str  # dataset: the head's name is family.output
    kind: str
    labels: tuple[str, ...]
    fields: tuple[str, ...]
    grid: tuple[dict[str, Any], ...]


SOFTMAX_GRID = tuple(
    {"C": c, "beta": 1.0, "class_weight": w} for c in (1.0, 4.0) for w in (None, "balanced")
)
LARGE_GRID = tuple({"C": 4.0, "beta": 1.0, "class_weight": w} for w in (None, "balanced"))
"""Grids are small on purpose: dev sets are small (select, don't iterate), and on two CPU cores
each fit of the 13k-20k-row heads takes minutes. A first 12-point grid on the MI behaviour head
(C 1/4/16 x beta 1/3 x class weights) spread dev macro-F1 over 0.718-0.749 only."""

TEXT, PAIR = ("text",), ("text", "context")
SPECS = (
    HeadSpec("therapist_behaviour", "annomi", "softmax", BEHAVIOURS, TEXT, SOFTMAX_GRID),
    HeadSpec("reflection_subtype", "annomi", "softmax", SUBTYPES["reflection"], TEXT, SOFTMAX_GRID),
    HeadSpec("question_subtype", "annomi", "softmax", SUBTYPES["question"], TEXT, SOFTMAX_GRID),
    HeadSpec(
        "therapist_input_subtype", "annomi", "softmax", SUBTYPES["therapist_input"], TEXT,
        SOFTMAX_GRID,
    ),
    HeadSpec("client_talk_type", "annomi", "softmax", TALK_TYPES, PAIR, SOFTMAX_GRID),
    HeadSpec("strategy", "esconv", "softmax", STRATEGIES, TEXT, LARGE_GRID),
    HeadSpec("mi_code", "mi_gold", "softmax", CODES, TEXT, SOFTMAX_GRID),
    HeadSpec("hostility", "davidson", "softmax", HOSTILITY, TEXT, LARGE_GRID),
    HeadSpec(
        "emotion", "goemotions", "sigmoid", EMOTIONS, TEXT,
        ({"C": 4.0, "beta": 1.0},),
    ),
    HeadSpec(
        "client_state", "goemotions", "sigmoid", tuple(CLIENT_STATES), TEXT,
        ({"C": 4.0, "beta": 1.0},),
    ),
    HeadSpec(
        "reactions", "empathic_reactions", "regression", ("empathy", "distress"), TEXT,
        tuple({"alpha": a, "beta": 1.0} for a in (1.0, 4.0, 16.0)),
    ),
)  # fmt: skip
THRESHOLDS = np.round(np.arange(0.05, 0.81, 0.05), 2)


@dataclass
class Design:
    """A head's inputs as one sparse matrix: n-gram block, then scaled standardised features."""

    idf: np.ndarray
    mean: np.ndarray
    std: np.ndarray

    def matrix(self, examples: Examples, fields: tuple[str, ...], beta: float) -> sparse.csr_matrix:
        indptr, indices, values = [0], [], []
        for context, text in zip(examples.contexts, examples.texts, strict=True):
            by_name = {"text": text, "context": context}
            row_indices, row_values = sparse_row([by_name[f] for f in fields], self.idf)
            indices.append(row_indices)
            values.append(row_values)
            indptr.append(indptr[-1] + len(row_indices))
        ngrams = sparse.csr_matrix(
            (np.concatenate(values), np.concatenate(indices), np.array(indptr)),
            shape=(len(examples.texts), len(fields) * BUCKETS),
        )
        dense = self.scaled(examples.features, beta)
        return sparse.hstack([ngrams, sparse.csr_matrix(dense)], format="csr")

    def scaled(self, features: np.ndarray, beta: float) -> np.ndarray:
        # Unit-variance features scaled so their block has a norm comparable to the n-grams'.
        return (features - self.mean) / self.std * (beta / np.sqrt(features.shape[1]))


def train_signals(
    data_dir: Path,
    out_dir: Path = MODELS_DIR / NAME,
    cache_dir: Path | None = None,
    only: set[str] | None = None,
) -> dict[str, Any]:
    """Fit every head (or refit `only` those, keeping the bundle's other heads as they are)."""
    scorer = load_scorer()
    cache_dir = cache_dir or Path("var/cache/signal-features")
    train, dev = load_split(data_dir, "train"), load_split(data_dir, "dev")
    arrays: dict[str, np.ndarray] = {}
    heads: list[dict[str, Any]] = [_manifest_head(spec) for spec in SPECS]
    record: dict[str, Any] = {"encoder": scorer.model, "heads": {}}
    if only:
        with np.load(out_dir / HEADS_FILE) as archive:
            arrays = {k: archive[k] for k in archive.files if k.split(".")[0] not in only}
        record = json.loads((out_dir / RECORD).read_text(encoding="utf-8"))
    for spec in SPECS:
        if only and spec.output not in only:
            continue
        started = time.perf_counter()
        for examples in (train[spec.output], dev[spec.output]):
            attach_features(scorer, examples, cache_dir)
        head_arrays, head_record = fit_head(spec, train[spec.output], dev[spec.output])
        head_record["seconds"] = round(time.perf_counter() - started, 1)
        arrays.update({f"{spec.output}.{k}": v for k, v in head_arrays.items()})
        record["heads"][spec.output] = head_record
        print(spec.output, json.dumps(head_record["selected"]), flush=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out_dir / HEADS_FILE, **arrays)
    (out_dir / RECORD).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    manifest = {
        "name": NAME,
        "version": VERSION,
        "encoder_model": scorer.model,
        "encoder_sha256": scorer.manifest.files[scorer.manifest.encoder],
        "heads_file": HEADS_FILE,
        "heads": heads,
        "files": {HEADS_FILE: sha256_file(out_dir / HEADS_FILE)},
        "documents": {RECORD: sha256_file(out_dir / RECORD)},
    }
    (out_dir / "manifest.json").write_text(
        json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    record["dev"] = write_card(out_dir, data_dir)
    return record


def train_signals_task(
    data_dir: Path, out_dir: Path | None = None, work_dir: Path | None = None, config=None
) -> dict[str, Any]:
    """The `empathic train` entry: DATA is the shared data folder holding every dataset."""
    if out_dir is None or out_dir.name == "epitome":
        out_dir = MODELS_DIR / NAME
    return train_signals(data_dir, out_dir=out_dir, cache_dir=work_dir)


def _manifest_head(spec: HeadSpec) -> dict[str, Any]:
    head: dict[str, Any] = {
        "name": f"{spec.family}.{spec.output}",
        "output": spec.output,
        "kind": spec.kind,
        "labels": list(spec.labels),
        "fields": list(spec.fields),
    }
    if spec.kind == "regression":
        head["value_range"] = [1.0, 7.0]
    return head


def fit_head(spec: HeadSpec, train: Examples, dev: Examples) -> tuple[dict, dict]:
    assert train.features is not None and dev.features is not None
    by_name = {"text": train.texts, "context": train.contexts}
    design = Design(
        idf=document_frequency_idf([by_name[f] for f in spec.fields]),
        mean=train.features.mean(axis=0),
        std=train.features.std(axis=0) + 1e-6,
    )
    fitter = {"softmax": _fit_softmax, "sigmoid": _fit_sigmoid, "regression": _fit_regression}

    def search(grid) -> tuple[tuple[float, dict, Any], list[dict]]:
        scores, best = [], None
        for params in grid:
            model, dev_metrics, score = fitter[spec.kind](spec, design, train, dev, params)
            scores.append({"params": params, "dev": dev_metrics})
            if best is None or score > best[0]:
                best = (score, {"params": params, "dev": dev_metrics}, model)
        assert best is not None
        return best, scores

    best, grid_scores = search(spec.grid)
    # The floor: the same fit on the n-grams alone (beta 0 zeroes the encoder block), i.e.
    # TF-IDF-weighted word n-grams + logistic regression (ridge for ratings) on the same split.
    baseline, baseline_scores = search([{**params, "beta": 0.0} for params in spec.grid])
    shipped = "encoder+ngrams"
    if baseline[0] >= best[0]:  # a head that does not beat its baseline does not ship
        best, shipped = baseline, "ngrams only (the encoder did not beat the baseline on dev)"
    weight, bias, extra = best[2]
    beta = best[1]["params"]["beta"]
    arrays = _fold(weight, bias, design, beta, len(spec.fields))
    arrays.update(extra)
    return arrays, {
        "selected": best[1], "grid": grid_scores, "shipped": shipped,
        "baseline": {"selected": baseline[1], "grid": baseline_scores},
        "n_train": len(train.texts), "n_dev": len(dev.texts),
    }  # fmt: skip


def _fold(weight, bias, design: Design, beta: float, n_fields: int) -> dict[str, np.ndarray]:
    """Undo the standardisation in the weights so the run time reads raw pooled features."""
    weight = np.atleast_2d(weight)
    n_ngrams = n_fields * BUCKETS
    ngram_weight, dense_weight = weight[:, :n_ngrams], weight[:, n_ngrams:]
    factor = beta / np.sqrt(design.mean.shape[0]) / design.std
    dense_folded = dense_weight * factor
    bias_folded = np.atleast_1d(bias) - dense_folded @ design.mean
    return {
        "ngram_weight": ngram_weight.astype(np.float16),
        "dense_weight": dense_folded.astype(np.float32),
        "bias": bias_folded.astype(np.float32),
        "idf": design.idf.astype(np.float16),
    }


def _fit_softmax(spec, design, train, dev, params):
    labels = list(spec.labels)
    x_train = design.matrix(train, spec.fields, params["beta"])
    y_train = np.array([labels.index(t) for t in train.targets])
    model = LogisticRegression(
        C=params["C"], class_weight=params["class_weight"], max_iter=2000, tol=1e-4
    ).fit(x_train, y_train)
    predicted = model.predict(design.matrix(dev, spec.fields, params["beta"]))
    gold = np.array([labels.index(t) for t in dev.targets])
    dev_metrics = metrics.classification_metrics(gold, predicted, labels)
    weight, bias = model.coef_, model.intercept_
    if weight.shape[0] == 1:  # binary: scikit-learn keeps one row; softmax wants two
        weight = np.vstack([-weight / 2, weight / 2])
        bias = np.array([-bias[0] / 2, bias[0] / 2])
    return (weight, bias, {}), dev_metrics, dev_metrics["macro_f1"]


def _fit_sigmoid(spec, design, train, dev, params):
    labels = list(spec.labels)
    x_train = design.matrix(train, spec.fields, params["beta"])
    y_train = _multi_hot(train.targets, labels)
    # Each label's model is fitted on seven eighths of train and its decision threshold chosen
    # on the held-out eighth (not on dev); one fit per label keeps 28 labels affordable.
    rng = np.random.default_rng(13)
    held = rng.random(len(train.texts)) < 0.125
    weights, biases, thresholds = [], [], []
    for j in range(len(labels)):
        model = _binary_lr(x_train[~held], y_train[~held, j], params["C"])
        proba = model.predict_proba(x_train[held])[:, 1]
        thresholds.append(_best_threshold(y_train[held, j], proba))
        weights.append(model.coef_[0])
        biases.append(model.intercept_[0])
    weight, bias, threshold = np.array(weights), np.array(biases), np.array(thresholds)
    x_dev = design.matrix(dev, spec.fields, params["beta"])
    logits = x_dev @ weight.T + bias
    predicted = (1 / (1 + np.exp(-logits)) >= threshold).astype(int)
    gold = _multi_hot(dev.targets, labels)
    per_label = [metrics.binary_f1(gold[:, j], predicted[:, j]) for j in range(len(labels))]
    dev_metrics = {"macro_f1": float(np.mean(per_label)),
                   "per_label_f1": dict(zip(labels, per_label, strict=True))}  # fmt: skip
    extra = {"thresholds": threshold.astype(np.float32)}
    return (weight, bias, extra), dev_metrics, dev_metrics["macro_f1"]


def _fit_regression(spec, design, train, dev, params):
    x_train = design.matrix(train, spec.fields, params["beta"])
    y_train = np.array(train.targets, dtype=np.float64)
    model = Ridge(alpha=params["alpha"], solver="sparse_cg").fit(x_train, y_train)
    predicted = np.clip(model.predict(design.matrix(dev, spec.fields, params["beta"])), 1, 7)
    gold = np.array(dev.targets, dtype=np.float64)
    dev_metrics = {
        f"{name}_pearson": metrics.pearson(gold[:, j], predicted[:, j])
        for j, name in enumerate(spec.labels)
    }
    score = float(np.mean(list(dev_metrics.values())))
    return (model.coef_, model.intercept_, {}), dev_metrics, score


def _binary_lr(x, y, c: float) -> LogisticRegression:
    return LogisticRegression(C=c, solver="liblinear", max_iter=1000).fit(x, y)


def _best_threshold(gold: np.ndarray, proba: np.ndarray) -> float:
    scores = [metrics.binary_f1(gold, (proba >= t).astype(int)) for t in THRESHOLDS]
    return float(THRESHOLDS[int(np.argmax(scores))])


def _multi_hot(targets: list, labels: list[str]) -> np.ndarray:
    out = np.zeros((len(targets), len(labels)), dtype=np.int64)
    for i, row in enumerate(targets):
        for label in row:
            out[i, labels.index(label)] = 1
    return out
