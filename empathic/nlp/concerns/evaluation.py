"""`empathic evaluate critique --data FILE`: does the concern layer flag harmful replies, spare
empathic ones, and keep harmful replies from being credited as empathic?

FILE is a CSV with columns context, response, label (harmful / neutral / empathic); other
columns (kind, setting) are ignored. A row is flagged when its response gets at least one
concern, from the patterns or the learned heads over the pair's pooled encoder features (one
encoder pass per row, exactly as the analyser encodes a practitioner turn).
harmful_credited_rate is the share of harmful rows still given a strong (2) emotional reaction
or interpretation after the concern rule (`apply_concern_rule`, doubted turns included) is
applied, as a report would show them.
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, Any

from empathic.nlp.concerns.detector import apply_concern_rule, read_concerns
from empathic.nlp.concerns.learned import BUNDLE_DIR, load_for_scorer
from empathic.nlp.errors import DataError
from empathic.nlp.signal_heads import dense_features

if TYPE_CHECKING:
    from pathlib import Path

    from empathic.nlp.scorer import EmpathyScorer

LABELS = ("harmful", "neutral", "empathic")
COLUMNS = ("context", "response", "label")


def read_critique_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a critique file; a DataError (one line) for anything unusable."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise DataError(f"{path}: missing column(s) {', '.join(missing)}")
            rows = list(reader)
    except UnicodeDecodeError:
        raise DataError(f"{path}: not UTF-8 text") from None
    except csv.Error as error:
        raise DataError(f"{path}: not a readable CSV ({error})") from None
    except OSError as error:
        raise DataError(f"{path}: {error.strerror or error}") from None
    if not rows:
        raise DataError(f"{path}: no rows")
    for number, row in enumerate(rows, start=2):
        label = (row.get("label") or "").strip()
        if label not in LABELS:
            known = ", ".join(LABELS)
            raise DataError(f"{path}: line {number}: label {label!r} is not one of {known}")
        if row.get("response") is None:
            raise DataError(f"{path}: line {number}: too few fields")
        row["label"] = label
    return rows


def evaluate_critique(scorer: EmpathyScorer, data: Path) -> dict[str, Any]:
    rows = read_critique_csv(data)
    model = load_for_scorer(scorer)
    scores, pooled = scorer.score_with_features([(r["context"] or "", r["response"]) for r in rows])
    dense = dense_features(pooled)
    readings = [
        read_concerns(r["response"], r["context"] or "", features=dense[i], model=model)
        for i, r in enumerate(rows)
    ]
    concerns = [found for found, _ in readings]
    harmful = [i for i, r in enumerate(rows) if r["label"] == "harmful"]
    empathic = [i for i, r in enumerate(rows) if r["label"] == "empathic"]
    flagged = [i for i, c in enumerate(concerns) if c]
    true_flags = sum(1 for i in harmful if concerns[i])
    false_flags = sum(1 for i in empathic if concerns[i])
    recall = _share(true_flags, len(harmful))
    precision = _share(true_flags, len(flagged))
    f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    credited = 0
    for i in harmful:
        shown, _ = apply_concern_rule(scores[i], concerns[i], doubted=readings[i][1])
        credited += shown.er.level == 2 or shown.ip.level == 2
    return {
        "task": "critique",
        "n": len(rows),
        "model": f"{model.model}+{scorer.model}",
        "metrics": {
            "concern": {
                "recall": round(recall, 4),
                "precision": round(precision, 4),
                "f1": round(f1, 4),
                "false_flag_rate": round(_share(false_flags, len(empathic)), 4),
            },
            "harmful_credited_rate": round(_share(credited, len(harmful)), 4),
        },
    }


def format_critique_table(report: dict[str, Any]) -> str:
    concern = report["metrics"]["concern"]
    return "\n".join(
        [
            f"task {report['task']}  model {report['model']}  rows {report['n']}",
            f"{'recall':<24}{concern['recall']:>8.3f}",
            f"{'precision':<24}{concern['precision']:>8.3f}",
            f"{'F1':<24}{concern['f1']:>8.3f}",
            f"{'false-flag rate':<24}{concern['false_flag_rate']:>8.3f}",
            f"{'harmful credited':<24}{report['metrics']['harmful_credited_rate']:>8.3f}",
        ]
    )


def train_critique(
    data_dir: Path, out_dir: Path | None = None, work_dir: Path | None = None, config: Any = None
) -> dict[str, Any]:
    """The `empathic train critique` entry: DATA is the shared data folder (mi_gold, annomi);
    the learned heads are written to the concerns bundle unless another folder is given."""
    del config
    from empathic.nlp.training.concerns import train_concerns  # noqa: PLC0415 (sklearn: [train])

    if out_dir is None or out_dir.name == "epitome":
        out_dir = BUNDLE_DIR
    if work_dir is None:
        record = train_concerns(data_dir, out_dir)
    else:
        record = train_concerns(data_dir, out_dir, work_dir)
    return {**record, "heads": {"concerns": {"selected": record["selected"]}}}  # the CLI's shape


def _share(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0
