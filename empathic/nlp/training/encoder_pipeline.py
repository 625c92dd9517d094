"""`empathic train encoder`: the v2 shared encoder, fine-tuned on every dataset at once.

Fit (multitask.py; resumable from --work-dir), then export the EPITOME bundle (`models/epitome`:
ONNX int8 encoder, EPITOME level heads and rationale taggers, context settings), evaluate fp32
and int8 on EPITOME dev and on the spoken-interpretation check, and write the card. The signal,
concern and quality heads read this encoder's features, so they are refitted after it:

    empathic train encoder --data ../shared/data --work-dir var/train/encoder
    empathic train signals --data ../shared/data
    python -m empathic.nlp.training.concerns --data ../shared/data
    python -m empathic.analysis.quality.fit --data ../shared/data/annomi

(`make train` runs the four.)
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

import numpy as np

from empathic.nlp.artifacts import MODELS_DIR
from empathic.nlp.context import CONTEXT_TURNS
from empathic.nlp.datasets.annomi import read_annomi
from empathic.nlp.datasets.epitome import MECHANISMS, read_epitome_csv
from empathic.nlp.encoding import PairEncoder
from empathic.nlp.metrics import macro_f1
from empathic.nlp.scorer import load_scorer
from empathic.nlp.training.base_model import base_model_dir
from empathic.nlp.training.encoder_card import render_encoder_card
from empathic.nlp.training.multitask import MultiTaskConfig, build_model, fit
from empathic.nlp.training.multitask_data import load_examples
from empathic.nlp.training.pipeline import finish

VERSION = "2.0.0"


def spoken_interpretation_check(bundle: Path, annomi_dev: Path) -> dict[str, Any]:
    """On AnnoMI dev therapist turns: how often reflections get interpretation credit (IP > 0)
    and how often other turns do (false credit); questions and exploration (EX > 0) likewise."""
    scorer = load_scorer(bundle)
    rows = [u for u in read_annomi(annomi_dev) if u.interlocutor == "therapist"]
    levels = scorer.predict([(u.context, u.text) for u in rows])
    reflection = np.array([u.behaviour == "reflection" for u in rows])
    question = np.array([u.behaviour == "question" for u in rows])
    return {
        "n_reflections": int(reflection.sum()),
        "reflections_with_ip": float((levels["ip"][reflection] > 0).mean()),
        "other_turns_with_ip": float((levels["ip"][~reflection] > 0).mean()),
        "n_questions": int(question.sum()),
        "questions_with_ex": float((levels["ex"][question] > 0).mean()),
        "other_turns_with_ex": float((levels["ex"][~question] > 0).mean()),
    }


def epitome_confusion(bundle: Path, epitome_dev: Path) -> dict[str, Any]:
    """Per mechanism the dev confusion matrix (rows gold 0-2, columns predicted) and macro-F1
    over the levels dev has. Dev has no IP level-1 row, so one stray level-1 prediction halves
    the IP macro-F1 the metric defines (it then averages over three levels, one of them 0)."""
    rows = read_epitome_csv(epitome_dev)
    predicted = load_scorer(bundle).predict([(r.seeker_post, r.response_post) for r in rows])
    out: dict[str, Any] = {}
    for m in MECHANISMS:
        matrix = np.zeros((3, 3), dtype=int)
        for row, level in zip(rows, predicted[m], strict=True):
            matrix[row.levels[m], int(level)] += 1
        present = [c for c in range(3) if matrix[c].sum()]
        f1 = [2 * matrix[c, c] / (matrix[c].sum() + matrix[:, c].sum()) for c in present]
        out[m] = {"confusion": matrix.tolist(), "macro_f1_dev_levels": float(np.mean(f1))}
    return out


def dev_checks(bundle: Path, data_dir: Path) -> dict[str, Any]:
    return {
        **spoken_interpretation_check(bundle, data_dir / "annomi" / "dev.csv"),
        "epitome": epitome_confusion(bundle, data_dir / "epitome" / "dev.csv"),
    }


def epitome_baseline(data_dir: Path) -> dict[str, float]:
    """The floor: TF-IDF word 1-2-grams of (post, response) + logistic regression per mechanism,
    fitted on EPITOME train, macro-F1 on dev (the better of plain and balanced class weights)."""
    from scipy import sparse  # noqa: PLC0415 ([train] extra)
    from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: PLC0415 ([train] extra)
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415 ([train] extra)

    train = read_epitome_csv(data_dir / "epitome" / "train.csv")
    dev = read_epitome_csv(data_dir / "epitome" / "dev.csv")
    posts = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    responses = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    x_train = sparse.hstack(
        [
            posts.fit_transform([r.seeker_post for r in train]),
            responses.fit_transform([r.response_post for r in train]),
        ]
    )
    x_dev = sparse.hstack([posts.transform([r.seeker_post for r in dev]),
                           responses.transform([r.response_post for r in dev])])  # fmt: skip
    out = {}
    for m in MECHANISMS:
        scores = []
        for weight in (None, "balanced"):
            model = LogisticRegression(C=4.0, class_weight=weight, max_iter=2000)
            model.fit(x_train, [r.levels[m] for r in train])
            scores.append(macro_f1([r.levels[m] for r in dev], model.predict(x_dev)))
        out[m] = float(max(scores))
    return out


CALIBRATION_PAIRS = {"epitome": 120, "annomi_therapist": 120, "annomi_client": 80,
                     "esconv": 40, "mi_gold": 20, "goemotions": 20}  # fmt: skip
"""Train pairs whose activation ranges fix the static int8 scales: every kind of input the
run time sees (posts, spoken turns with context, single sentences), 400 in all."""


def calibration_feeds(data_dir: Path, config: MultiTaskConfig) -> list[dict[str, np.ndarray]]:
    encoder = PairEncoder.from_file(
        base_model_dir() / "tokenizer.json", config.max_tokens, config.max_context_tokens
    )
    examples = load_examples(data_dir, "train", seed=config.seed)
    rng = random.Random(config.seed)
    rng.shuffle(examples)
    feeds, taken = [], dict.fromkeys(CALIBRATION_PAIRS, 0)
    for example in examples:
        if taken.get(example.source, 10**9) >= CALIBRATION_PAIRS.get(example.source, 0):
            continue
        taken[example.source] += 1
        batch = encoder.encode([(example.context, example.text)])
        feeds.append({"input_ids": batch.input_ids, "attention_mask": batch.attention_mask,
                      "token_type_ids": batch.token_type_ids})  # fmt: skip
    return feeds


def train_encoder(
    data_dir: Path,
    out_dir: Path | None = None,
    work_dir: Path | None = None,
    config: MultiTaskConfig | None = None,
    version: str = VERSION,
) -> dict[str, Any]:
    config = config or MultiTaskConfig()
    work_dir = work_dir or Path("var/train/encoder")
    fit_log = fit(data_dir, work_dir, config)
    return finish_encoder(data_dir, out_dir or MODELS_DIR / "epitome", work_dir, fit_log, version)


def finish_encoder(
    data_dir: Path, out_dir: Path, work_dir: Path, fit_log: dict[str, Any], version: str = VERSION
) -> dict[str, Any]:
    """Export `work_dir/best.pt` as the bundle, measure it on dev, write its card."""
    config = MultiTaskConfig(**fit_log["config"])
    baseline = epitome_baseline(data_dir)
    return finish(
        work_dir / "best.pt",
        fit_log,
        data_dir,
        out_dir,
        work_dir,
        version,
        build=build_model,
        context={"max_context_tokens": config.max_context_tokens, "context_turns": CONTEXT_TURNS},
        epitome_dev=data_dir / "epitome" / "dev.csv",
        checks=lambda bundle: dev_checks(bundle, data_dir),
        render=lambda manifest, attempts, record: render_encoder_card(
            manifest, attempts, record, baseline
        ),
        calibration=calibration_feeds(data_dir, config)
        if config.quantization == "static"
        else None,
    )


def main() -> None:  # python -m empathic.nlp.training.encoder_pipeline DATA WORK OUT
    parser = argparse.ArgumentParser(description="Export a fitted v2 encoder checkpoint.")
    parser.add_argument("data", type=Path)
    parser.add_argument("work", type=Path, help="the fit's work dir (best.pt, fit_log.json)")
    parser.add_argument("out", type=Path, nargs="?", default=MODELS_DIR / "epitome")
    args = parser.parse_args()
    fit_log = json.loads((args.work / "fit_log.json").read_text(encoding="utf-8"))
    record = finish_encoder(args.data, args.out, args.work, fit_log)
    print(json.dumps({k: record[k]["metrics"] for k in ("fp32_dev", "int8_dev")}))


if __name__ == "__main__":
    main()
