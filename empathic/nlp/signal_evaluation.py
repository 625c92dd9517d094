"""`empathic evaluate TASK` for the conversation-signal heads, through the run-time path (the
same encoder passes and numpy heads the analyser uses), on files shaped like the dev files."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import numpy as np

from empathic.nlp import metrics
from empathic.nlp.datasets.annomi import read_annomi
from empathic.nlp.datasets.esconv import read_esconv
from empathic.nlp.datasets.mi_gold import MI_INCONSISTENT, read_mi_gold
from empathic.nlp.datasets.single_text import (
    read_davidson,
    read_empathic_reactions,
    read_goemotions,
)
from empathic.nlp.errors import DataError
from empathic.nlp.signal_heads import SignalHead, dense_features, load_signals

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from empathic.nlp.scorer import EmpathyScorer


def _predict(
    scorer: EmpathyScorer, head: SignalHead, contexts: list[str], texts: list[str], paired: bool
) -> np.ndarray:
    pairs = [(c if paired else "", t) for c, t in zip(contexts, texts, strict=True)]
    dense = dense_features(scorer.features(pairs)) if pairs else np.zeros((0, 1))
    fields = [{"text": t, "context": c} for c, t in zip(contexts, texts, strict=True)]
    return head.predict(dense, fields)


def _classes(head: SignalHead, gold: list[str], predicted: np.ndarray) -> dict[str, Any]:
    labels = list(head.labels)
    gold_i = np.array([labels.index(g) for g in gold])
    return {**metrics.classification_metrics(gold_i, predicted, labels), "n": len(gold)}


def evaluate_annomi(scorer: EmpathyScorer, data: Path) -> dict[str, Any]:
    rows = read_annomi(data)
    signals = load_signals(scorer)
    therapist = [r for r in rows if r.interlocutor == "therapist"]
    client = [r for r in rows if r.interlocutor == "client"]
    return _report("annomi", scorer, signals.model, len(rows), lambda: {
        "therapist_behaviour": _classes(
            signals.head("therapist_behaviour"), [r.behaviour for r in therapist],
            _predict(scorer, signals.head("therapist_behaviour"),
                     [r.context for r in therapist], [r.text for r in therapist], paired=True),
        ),
        "client_talk_type": _classes(
            signals.head("client_talk_type"), [r.talk_type for r in client],
            _predict(scorer, signals.head("client_talk_type"),
                     [r.context for r in client], [r.text for r in client], paired=True),
        ),
    })  # fmt: skip


def evaluate_esconv(scorer: EmpathyScorer, data: Path) -> dict[str, Any]:
    turns = read_esconv(data)
    signals = load_signals(scorer)
    head = signals.head("strategy")
    return _report("esconv", scorer, signals.model, len(turns), lambda: {
        "strategy": _classes(head, [t.strategy for t in turns], _predict(
            scorer, head, [t.context for t in turns], [t.text for t in turns], paired=True)),
    })  # fmt: skip


def evaluate_goemotions(scorer: EmpathyScorer, data: Path) -> dict[str, Any]:
    rows = read_goemotions(data)
    signals = load_signals(scorer)
    head = signals.head("emotion")

    def compute() -> dict[str, Any]:
        predicted = _predict(scorer, head, [""] * len(rows), [r.text for r in rows], paired=False)
        gold = np.zeros_like(predicted)
        for i, row in enumerate(rows):
            for label in row.labels:
                gold[i, head.labels.index(label)] = 1
        per_label = [metrics.binary_f1(gold[:, j], predicted[:, j]) for j in range(gold.shape[1])]
        return {"emotion": {
            "macro_f1": float(np.mean(per_label)),
            "per_label_f1": dict(zip(head.labels, per_label, strict=True)),
            "n": len(rows),
        }}  # fmt: skip

    return _report("goemotions", scorer, signals.model, len(rows), compute)


def evaluate_davidson(scorer: EmpathyScorer, data: Path) -> dict[str, Any]:
    rows = read_davidson(data)
    signals = load_signals(scorer)
    head = signals.head("hostility")

    def compute() -> dict[str, Any]:
        predicted = _predict(scorer, head, [""] * len(rows), [r.text for r in rows], paired=False)
        report = _classes(head, [r.labels[0] for r in rows], predicted)
        report["hate_f1"] = report["per_class_f1"]["hate"]
        return {"hostility": report}

    return _report("davidson", scorer, signals.model, len(rows), compute)


def evaluate_empathic_reactions(scorer: EmpathyScorer, data: Path) -> dict[str, Any]:
    rows = read_empathic_reactions(data)
    signals = load_signals(scorer)
    head = signals.head("reactions")

    def compute() -> dict[str, Any]:
        predicted = _predict(scorer, head, [""] * len(rows), [r.text for r in rows], paired=False)
        out = {}
        for name in ("distress", "empathy"):
            column = head.labels.index(name)
            gold = [getattr(r, name) for r in rows]
            out[name] = {"pearson": metrics.pearson(gold, predicted[:, column]), "n": len(rows)}
        return out

    return _report("empathic_reactions", scorer, signals.model, len(rows), compute)


def evaluate_mi_gold(scorer: EmpathyScorer, data: Path) -> dict[str, Any]:
    """MITI-derived codes of single reply sentences (no context), and the MI-inconsistent ones
    (Advise without Permission, Confront, Direct, Warn) as one binary flag. The keys are a
    stable interface: independent checks read exactly these."""
    rows = read_mi_gold(data)
    signals = load_signals(scorer)
    head = signals.head("mi_code")
    predicted = _predict(scorer, head, [""] * len(rows), [r.text for r in rows], paired=False)
    labels = list(head.labels)
    gold = np.array([labels.index(r.code) for r in rows])
    inconsistent = np.array([labels.index(code) for code in MI_INCONSISTENT])
    gold_flag = np.isin(gold, inconsistent).astype(int)
    flagged = np.isin(predicted, inconsistent).astype(int)
    tp = int(np.sum(gold_flag & flagged))
    precision = tp / max(1, int(flagged.sum()))
    recall = tp / max(1, int(gold_flag.sum()))
    return {
        "task": "mi_gold",
        "n": len(rows),
        "model": signals.model,
        "metrics": {
            "code": {
                "macro_f1": metrics.macro_f1(gold, predicted),
                "accuracy": metrics.accuracy(gold, predicted),
            },
            "mi_inconsistent": {
                "precision": float(precision),
                "recall": float(recall),
                "f1": metrics.binary_f1(gold_flag, flagged),
            },
        },
    }


def evaluate_all(scorer: EmpathyScorer, data: Path) -> dict[str, Any]:
    raise DataError(
        "the signal heads are evaluated per dataset: "
        "annomi, esconv, goemotions, davidson, empathic_reactions or mi_gold"
    )


def _report(
    task: str, scorer: EmpathyScorer, model: str, n: int, compute: Callable[[], dict[str, Any]]
) -> dict[str, Any]:
    started = time.perf_counter()
    computed = compute()
    return {
        "task": task,
        "n": n,
        "model": model,
        "encoder": scorer.model,
        "seconds": round(time.perf_counter() - started, 3),
        "metrics": computed,
    }


def format_signal_table(report: dict[str, Any]) -> str:
    seconds = f"  {report['seconds']:.1f} s" if "seconds" in report else ""
    lines = [f"task {report['task']}  model {report['model']}  rows {report['n']}{seconds}"]
    for output, values in report["metrics"].items():
        figures = "  ".join(
            f"{key} {value:.3f}" for key, value in values.items() if isinstance(value, float)
        )
        lines.append(f"{output:<22}{figures}")
    return "\n".join(lines)
