"""Evaluate a scorer on labelled data; returns the JSON-ready report of `empathic evaluate`."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from empathic.nlp.datasets.epitome import MECHANISMS, read_epitome_csv
from empathic.nlp.metrics import TokenF1, accuracy, macro_f1

if TYPE_CHECKING:
    from pathlib import Path

    from empathic.nlp.scorer import EmpathyScorer


def evaluate_epitome(scorer: EmpathyScorer, data: Path) -> dict[str, Any]:
    """Level macro-F1 / accuracy per mechanism and word-level rationale F1 (rows with gold > 0)."""
    rows = read_epitome_csv(data)
    started = time.perf_counter()
    results = scorer.score_batch([(r.seeker_post, r.response_post) for r in rows])
    seconds = time.perf_counter() - started
    metrics: dict[str, Any] = {}
    token_f1 = {m: TokenF1() for m in MECHANISMS}
    for m in MECHANISMS:
        gold = [r.levels[m] for r in rows]
        predicted = [res.mechanisms[m].level for res in results]
        metrics[m] = {"macro_f1": macro_f1(gold, predicted), "accuracy": accuracy(gold, predicted)}
        for row, result in zip(rows, results, strict=True):
            if row.levels[m] > 0:
                predicted_spans = [(s.start, s.end) for s in result.mechanisms[m].rationale]
                token_f1[m].add(row.response_post, row.rationale_char_spans(m), predicted_spans)
    metrics["rationale_token_f1"] = {m: token_f1[m].f1 for m in MECHANISMS}
    return {
        "task": "epitome",
        "n": len(rows),
        "model": scorer.model,
        "seconds": round(seconds, 3),
        "metrics": metrics,
    }


def format_table(report: dict[str, Any]) -> str:
    """The human-readable form of an evaluation report."""
    metrics = report["metrics"]
    names = {"er": "emotional reactions", "ip": "interpretations", "ex": "explorations"}
    lines = [
        f"task {report['task']}  model {report['model']}  rows {report['n']}  "
        f"{report['seconds']:.1f} s",
        f"{'mechanism':<24}{'macro-F1':>10}{'accuracy':>10}{'rationale F1':>14}",
    ]
    for m in MECHANISMS:
        lines.append(
            f"{m + ' ' + names[m]:<24}{metrics[m]['macro_f1']:>10.3f}"
            f"{metrics[m]['accuracy']:>10.3f}{metrics['rationale_token_f1'][m]:>14.3f}"
        )
    return "\n".join(lines)
