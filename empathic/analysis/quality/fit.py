"""Fit the session quality index on AnnoMI and write `index.json`.

    python -m empathic.analysis.quality.fit --data /work/shared/data/annomi [--cache FILE]
        [--out empathic/analysis/quality/index.json] [--check-only]

Each AnnoMI session (train and dev) is rebuilt as a transcript and run through the shipped
analysis pipeline (`analyse_transcript`, the therapist named as practitioner, no suggestions): the
index must be built from what the models predict, because at run time only predictions exist. The
parts of each session are computed from those predictions (`index.part_values`), standardised on
train, and a class-balanced L2 logistic regression is fitted (numpy Newton steps: no scikit-learn
needed). Figures printed: stratified repeated 5-fold CV AUC on train (mean and sd over folds) for
a small grid of penalties, the chosen penalty's dev AUC (once), and the same with gold MI labels
for comparison. `--cache` keeps the per-turn codes of the pipeline run (JSON), so a refit takes
seconds (delete it after any model or pipeline change); the data is never copied into the
repository.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from empathic.analysis.pipeline import analyse_transcript, get_analyser
from empathic.analysis.quality.index import ARTIFACT, PARTS, TurnCodes, part_values, turn_codes
from empathic.analysis.quality.sessions import PRACTITIONER, Session, read_annomi
from empathic.analysis.turn_signals import SUBTYPE_CODES  # the run time's behaviour+subtype -> code
from empathic.nlp.datasets.common import read_csv_rows

if TYPE_CHECKING:
    from collections.abc import Sequence

NAME, VERSION = "quality-index", "1.3.1"
PENALTIES = (0.3, 1.0, 3.0, 10.0)
"""L2 strengths tried (on standardised parts; 1/C in scikit-learn's terms)."""
FOLDS, REPEATS, SEED = 5, 20, 2026
EXPECTED_SIGNS = {
    "reflection_to_question": 1,
    "percent_open_questions": 1,
    "percent_complex_reflections": 1,
    "information_advice_share": -1,
    "concerns_per_turn": -1,
    "er_rate": 1,
    "ip_rate": 1,
    "ex_rate": 1,
    "change_talk_share": 1,
}
"""The direction MI (MITI 4.2.1) and EPITOME say each part should push. A part the fit weights
the other way (on AnnoMI: more emotional reactions in the low-quality demonstrations) gets weight
0: it is still shown, but the index never tells anyone that less empathy or fewer open questions
would raise it."""


# --- the pipeline's codes for each session ------------------------------------------------------


def _key(session: Session) -> str:
    return f"{session.split}/{session.transcript_id}"


def predicted_codes(sessions: Sequence[Session], cache: Path | None) -> dict[str, list[TurnCodes]]:
    """Per session, the codes of each turn as the shipped pipeline predicts them."""
    stored: dict[str, list[dict]] = {}
    if cache is not None and cache.is_file():
        stored = json.loads(cache.read_text(encoding="utf-8"))
    missing = [s for s in sessions if _key(s) not in stored]
    if missing:
        analyser = get_analyser()
        started = time.perf_counter()
        for n, session in enumerate(missing, start=1):
            analysis = analyse_transcript(
                session.transcript,
                practitioner=PRACTITIONER,
                suggestions=False,
                analyser=analyser,
                source=_key(session),
            )
            stored[_key(session)] = [asdict(turn_codes(t)) for t in analysis.turns]
            if cache is not None:  # written as it goes: an interrupted run resumes
                cache.write_text(json.dumps(stored), encoding="utf-8")
            elapsed = time.perf_counter() - started
            print(f"  analysed {n}/{len(missing)} ({elapsed:.0f} s)", file=sys.stderr)
    return {
        key: [TurnCodes(**{**c, "levels": tuple(c["levels"])}) for c in codes]
        for key, codes in stored.items()
    }


def gold_codes(data: Path, predicted: dict[str, list[TurnCodes]]) -> dict[str, list[TurnCodes]]:
    """Per session, codes from AnnoMI's own labels (majority subtype of the annotators), with the
    EPITOME levels and concerns taken from the predictions (AnnoMI has no empathy labels)."""
    out: dict[str, list[TurnCodes]] = {}
    for split in ("train", "dev"):
        votes: dict[tuple[str, int], Counter] = defaultdict(Counter)
        rows: dict[tuple[str, int], dict[str, str]] = {}
        for row in read_csv_rows(data / f"{split}_full.csv", ("transcript_id", "utterance_id")):
            key = (row["transcript_id"], int(row["utterance_id"]))
            rows.setdefault(key, row)
            behaviour = row["main_therapist_behaviour"].strip()
            column = {"reflection": "reflection_subtype", "question": "question_subtype"}.get(
                behaviour, "therapist_input_subtype"
            )
            votes[key][(behaviour, row.get(column, "").strip())] += 1
        sessions: dict[str, list[TurnCodes]] = defaultdict(list)
        for key in sorted(rows, key=lambda k: (k[0], k[1])):
            row = rows[key]
            if row["interlocutor"] == "client":
                code = TurnCodes("client", talk_type=row["client_talk_type"].strip())
            else:
                behaviour, subtype = votes[key].most_common(1)[0][0]
                code = TurnCodes("practitioner", mi_code=SUBTYPE_CODES.get((behaviour, subtype)))
            sessions[f"{split}/{key[0]}"].append(code)
        for key, codes in sessions.items():
            levels = [c.levels for c in predicted.get(key, []) if c.role == "practitioner"]
            # Utterances are not merged into turns here, so the empathy rates are carried over
            # at session level: EPITOME parts identical to the predicted ones.
            out[key] = codes
            out[key + "#levels"] = [TurnCodes("practitioner", levels=lv) for lv in levels]
    return out


# --- a small logistic regression -----------------------------------------------------------------


def fit_logistic(x: np.ndarray, y: np.ndarray, penalty: float) -> tuple[float, np.ndarray]:
    """Class-balanced L2 logistic regression by Newton's method; the intercept is not
    penalised. Balanced: each class weighs half, so the fitted probability reads as if high and
    low quality were equally common (AnnoMI's 77:16 is a property of the videos chosen)."""
    n, d = x.shape
    weights = np.where(y == 1, 0.5 / max(y.sum(), 1), 0.5 / max((1 - y).sum(), 1)) * n
    design = np.hstack([np.ones((n, 1)), x])
    beta = np.zeros(d + 1)
    ridge = np.eye(d + 1) * penalty
    ridge[0, 0] = 0.0
    for _step in range(100):
        p = 1.0 / (1.0 + np.exp(-design @ beta))
        gradient = design.T @ (weights * (p - y)) + ridge @ beta
        hessian = (design * (weights * p * (1 - p))[:, None]).T @ design + ridge
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-10:
            break
    return float(beta[0]), beta[1:]


def fit_signed(x: np.ndarray, y: np.ndarray, penalty: float) -> tuple[float, np.ndarray]:
    """`fit_logistic` with every weight in its EXPECTED_SIGNS direction: refit without the part
    that most contradicts its sign until none does (backward elimination, a handful of steps)."""
    signs = np.array([EXPECTED_SIGNS[p] for p in PARTS], float)
    kept = np.ones(x.shape[1], bool)
    while True:
        intercept, fitted = fit_logistic(x[:, kept], y, penalty)
        w = np.zeros(x.shape[1])
        w[kept] = fitted
        wrong = w * signs
        if wrong.min() >= 0:
            return intercept, w
        kept[int(np.argmin(wrong))] = False


def auc(scores: np.ndarray, y: np.ndarray) -> float:
    """Area under the ROC curve (Mann-Whitney, ties count half)."""
    positive, negative = scores[y == 1], scores[y == 0]
    if not len(positive) or not len(negative):
        return float("nan")
    greater = (positive[:, None] > negative[None, :]).sum()
    ties = (positive[:, None] == negative[None, :]).sum()
    return float((greater + 0.5 * ties) / (len(positive) * len(negative)))


def stratified_folds(y: np.ndarray, folds: int, rng: np.random.Generator) -> list[np.ndarray]:
    out: list[list[int]] = [[] for _ in range(folds)]
    for label in (0, 1):
        members = rng.permutation(np.flatnonzero(y == label))
        for i, member in enumerate(members):
            out[i % folds].append(int(member))
    return [np.array(sorted(f)) for f in out]


class Standardiser:
    """Fill an undefined part with the training mean (contribution 0), then z-score."""

    def __init__(self, raw: np.ndarray) -> None:
        self.mean = np.nanmean(raw, axis=0)
        self.sd = np.nanstd(raw, axis=0)

    def __call__(self, raw: np.ndarray) -> np.ndarray:
        filled = np.where(np.isnan(raw), self.mean, raw)
        safe = np.where(self.sd > 0, self.sd, 1.0)
        return np.where(self.sd > 0, (filled - self.mean) / safe, 0.0)


def matrix(values: Sequence[dict[str, float | None]]) -> np.ndarray:
    return np.array([[np.nan if v[p] is None else v[p] for p in PARTS] for v in values], float)


def cross_validate(raw: np.ndarray, y: np.ndarray, penalty: float) -> list[float]:
    rng = np.random.default_rng(SEED)
    out = []
    for _repeat in range(REPEATS):
        for test in stratified_folds(y, FOLDS, rng):
            train = np.setdiff1d(np.arange(len(y)), test)
            scale = Standardiser(raw[train])
            intercept, w = fit_signed(scale(raw[train]), y[train], penalty)
            out.append(auc(intercept + scale(raw[test]) @ w, y[test]))
    return out


def evaluate(
    values: dict[str, dict[str, float | None]], sessions: Sequence[Session], label: str
) -> dict:
    train = [s for s in sessions if s.split == "train"]
    dev = [s for s in sessions if s.split == "dev"]
    x_train, x_dev = (
        matrix([values[_key(s)] for s in train]),
        matrix([values[_key(s)] for s in dev]),
    )
    y_train = np.array([s.quality == "high" for s in train], float)
    y_dev = np.array([s.quality == "high" for s in dev], float)
    grid = {}
    for penalty in PENALTIES:
        scores = cross_validate(x_train, y_train, penalty)
        grid[penalty] = (float(np.nanmean(scores)), float(np.nanstd(scores)))
        print(f"  {label} L2 {penalty:>5}: CV AUC {grid[penalty][0]:.3f} ± {grid[penalty][1]:.3f}")
    penalty = max(grid, key=lambda p: grid[p][0])
    scale = Standardiser(x_train)
    intercept, w = fit_signed(scale(x_train), y_train, penalty)
    dev_auc = auc(intercept + scale(x_dev) @ w, y_dev)
    univariate = {p: auc(np.nan_to_num(x_train[:, j], nan=scale.mean[j]), y_train)
                  for j, p in enumerate(PARTS)}  # fmt: skip
    print(f"  {label}: chosen L2 {penalty}, dev AUC {dev_auc:.3f} (11 high, 2 low)")
    return {
        "penalty": penalty,
        "grid": {
            str(k): {"cv_auc_mean": round(m, 3), "cv_auc_sd": round(s, 3)}
            for k, (m, s) in grid.items()
        },
        "cv_auc_mean": round(grid[penalty][0], 3),
        "cv_auc_sd": round(grid[penalty][1], 3),
        "dev_auc": round(dev_auc, 3),
        "univariate_train_auc": {p: round(a, 3) for p, a in univariate.items()},
        "intercept": intercept,
        "weights": w,
        "scale": scale,
        "target": targets(x_train[y_train == 1]),
    }


TARGET_PERCENTILE = 75
"""A part's target is where the upper quarter of high-quality training sessions begins (the lower
quarter for a part that should fall): a reachable aim that is better than typical."""


def targets(high: np.ndarray) -> np.ndarray:
    return np.array([
        np.nanpercentile(high[:, j], TARGET_PERCENTILE if EXPECTED_SIGNS[p] > 0
                         else 100 - TARGET_PERCENTILE)
        for j, p in enumerate(PARTS)
    ])  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with AnnoMI train/dev")
    parser.add_argument("--cache", type=Path, help="JSON file for the pipeline's per-turn codes")
    parser.add_argument("--out", type=Path, default=ARTIFACT)
    parser.add_argument("--check-only", action="store_true", help="print figures, write nothing")
    args = parser.parse_args(argv)

    sessions = read_annomi(args.data)
    predicted = predicted_codes(sessions, args.cache)
    values = {key: part_values(codes) for key, codes in predicted.items()}
    print("Predicted parts (the run-time path):")
    fitted = evaluate(values, sessions, "predicted")

    gold = gold_codes(args.data, predicted)
    gold_values = {}
    for s in sessions:
        mixed = part_values(gold[_key(s)])
        empathy = part_values(gold[_key(s) + "#levels"])
        gold_values[_key(s)] = {
            **mixed,
            **{m: empathy[m] for m in ("er_rate", "ip_rate", "ex_rate")},
        }
    print("Gold MI codes and talk types (comparison only):")
    compared = evaluate(gold_values, sessions, "gold")

    train = [s for s in sessions if s.split == "train"]
    artifact = {
        "name": NAME,
        "version": VERSION,
        "description": "100 x P(high MI quality) under equal prior odds, from the model's codes",
        "intercept": round(fitted["intercept"], 6),
        "parts": [
            {
                "name": part,
                "mean": round(float(fitted["scale"].mean[j]), 6),
                "sd": round(float(fitted["scale"].sd[j]), 6),
                "weight": round(float(fitted["weights"][j]), 6),
                "target": round(float(fitted["target"][j]), 6),
            }
            for j, part in enumerate(PARTS)
        ],
        "fitted_on": {
            "data": "AnnoMI train (Wu et al., ICASSP 2022), sessions rebuilt as transcripts",
            "sessions": len(train),
            "high": sum(s.quality == "high" for s in train),
            "low": sum(s.quality == "low" for s in train),
            "penalty_l2": fitted["penalty"],
            "cv": f"stratified {FOLDS}-fold x {REPEATS} repeats, seed {SEED}",
        },
        "metrics": {
            "predicted": {
                k: fitted[k]
                for k in ("cv_auc_mean", "cv_auc_sd", "dev_auc", "grid", "univariate_train_auc")
            },
            "gold": {k: compared[k] for k in ("cv_auc_mean", "cv_auc_sd", "dev_auc")},
        },
    }
    print(json.dumps(artifact["parts"], indent=1))
    if not args.check_only:
        args.out.write_text(json.dumps(artifact, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
