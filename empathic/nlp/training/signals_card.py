"""MODEL_CARD.md of the signals bundle: per head its data, licence terms, dev metrics measured
through the run-time path (`empathic evaluate`), the selection grid and the targets."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from empathic.nlp.artifacts import sha256_file
from empathic.nlp.scorer import load_scorer
from empathic.nlp.signal_evaluation import (
    evaluate_annomi,
    evaluate_davidson,
    evaluate_empathic_reactions,
    evaluate_esconv,
    evaluate_goemotions,
    evaluate_mi_gold,
)

if TYPE_CHECKING:
    from pathlib import Path

DATASETS = {
    "annomi": (
        "AnnoMI (uccollab/AnnoMI @ 4293664), split by transcript",
        "No licence file in the repository; cite Wu et al., ICASSP 2022 / Future Internet 2023. "
        "Treat as research data.",
        "annomi/dev.csv",
        evaluate_annomi,
    ),
    "esconv": (
        "ESConv (thu-coai, ACL 2021) in the 70/15/15 split of eatinghungry/FADO @ 72fae3f",
        "CC BY-NC 4.0, academic research use: the strategy head inherits the non-commercial term.",
        "esconv/dev.jsonl",
        evaluate_esconv,
    ),
    "goemotions": (
        "GoEmotions (google-research) as mirrored in monologg/GoEmotions-pytorch @ b75f9d3",
        "Apache-2.0.",
        "goemotions/dev.csv",
        evaluate_goemotions,
    ),
    "davidson": (
        "t-davidson/hate-speech-and-offensive-language @ cb50f7e",
        "MIT.",
        "davidson/dev.csv",
        evaluate_davidson,
    ),
    "mi_gold": (
        "MI gold (anuradha1992/Boosting-with-MI-Strategy @ 5850f07), stratified by code",
        "CC BY-NC-SA 3.0 (non-commercial, share-alike): the MI-code head inherits both terms; "
        "cite Welivita & Pu, Findings of ACL 2023.",
        "mi_gold/dev.csv",
        evaluate_mi_gold,
    ),
    "empathic_reactions": (
        "wwbp/empathic_reactions @ 3ddbf6b",
        "CC BY 4.0; cite Buechel et al., EMNLP 2018.",
        "empathic_reactions/dev.csv",
        evaluate_empathic_reactions,
    ),
}
TARGETS = {
    "annomi": "therapist behaviour macro-F1 >= 0.84 (M3TCM 0.83); client talk type >= 0.68",
    "esconv": "strategy macro-F1: none published; aim >= 0.60",
    "goemotions": "macro-F1 >= 0.52 (BERT-base 0.46-0.50)",
    "davidson": "hate F1 >= 0.55, weighted F1 >= 0.91 (Davidson et al. 0.51 / 0.90)",
    "empathic_reactions": "Pearson r distress >= 0.60, empathy >= 0.45 (CNN 0.44 / 0.40)",
    "mi_gold": "code macro-F1 >= 0.55; MI-inconsistent F1 >= 0.75",
}


def _selection(dev: dict[str, Any]) -> float:
    """The number a head is selected by: macro-F1, or the mean of its Pearson r."""
    if "macro_f1" in dev:
        return float(dev["macro_f1"])
    return sum(v for v in dev.values() if isinstance(v, float)) / 2


def _scores(dev: dict[str, Any]) -> str:
    return ", ".join(
        f"{k} {v:.3f}" for k, v in dev.items() if isinstance(v, float) and k != "accuracy"
    )


def write_card(bundle: Path, data_dir: Path) -> dict[str, Any]:
    manifest = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    record = json.loads((bundle / "training.json").read_text(encoding="utf-8"))
    scorer = load_scorer()
    dev = {
        task: evaluate(scorer, data_dir / relative)
        for task, (_, _, relative, evaluate) in DATASETS.items()
    }
    lines = [
        f"# Model card: {manifest['name']}@{manifest['version']}",
        "",
        "Conversation-signal heads of Empathic's analyser: MI therapist behaviour and its "
        "subtypes, client talk type (AnnoMI), support strategy (ESConv), 15 MITI-derived codes "
        "(MI gold), 28 emotions and the client states frustration / distress (GoEmotions), "
        "hostility (Davidson et al.), personal distress and empathic concern (empathic "
        "reactions).",
        "",
        f"- Encoder: `{manifest['encoder_model']}` (the v2 shared encoder, fine-tuned on every "
        f"dataset; sha256 `{manifest['encoder_sha256']}`; see its card). Each head is linear over "
        "the encoder's pooled features (mean over the pair, mean over the turn) and hashed word "
        "uni- and bigrams (TF-IDF, 2^17 buckets per field), fitted with scikit-learn; settings "
        "selected on dev from a small grid (`training.json`).",
        "- Every turn is read as the pair (the two turns before it, turn), most recent first "
        "(`empathic/nlp/context.py`), as the encoder was trained. The single-text sets have no "
        "context, so in train every other example of those gets a random AnnoMI context: the "
        "head then holds with and without one (dev stays as the dataset is).",
        "- The floor: for every head the same fit on the n-grams alone (the encoder block "
        "zeroed), i.e. TF-IDF + logistic regression (ridge for ratings) on the same train split, "
        "is selected on the same grid; a head that does not beat it on dev ships as that "
        "baseline instead (`shipped` below).",
        "- client_state groups GoEmotions labels: frustration = anger, annoyance, disapproval, "
        "disgust; distress = sadness, fear, nervousness, grief, remorse, disappointment. Whether "
        "frustration is aimed at the practitioner, and withdrawal, are read by the alliance "
        "layer from phrases addressed to the practitioner, weighed with these readings.",
        "- Hostility is trained on Davidson's tweets plus the AnnoMI client utterances of "
        "train as 'neither': without them ordinary conversational speech fell to 'offensive', "
        "the tweet corpus's majority class.",
        "- Trained with `empathic train signals --data ../shared/data` after the encoder.",
        "- Intended use: supervision and self-review of human-services conversations, as a "
        "prompt for reflection. Not for decisions about a person; labels are estimates.",
        "- Limits: the training data is Reddit comments (emotions, MI gold), tweets "
        "(hostility), news-reaction essays (distress), YouTube MI demonstrations (AnnoMI) and "
        "crowd-worker chats (ESConv), all English. Client speech in a real session differs from "
        "each; expect lower accuracy there than on dev.",
        "",
        "## Dev metrics (run-time path: `empathic evaluate TASK --data <dev file>`)",
        "",
    ]
    for task, (source, licence, relative, _) in DATASETS.items():
        lines += [f"### {task}", "", f"- Data: {source}; dev file `{relative}`.",
                  f"- Licence terms: {licence}", f"- Target on the withheld test: {TARGETS[task]}.",
                  ""]  # fmt: skip
        for output, values in dev[task]["metrics"].items():
            figures = ", ".join(
                f"{key} {value:.3f}" for key, value in values.items() if isinstance(value, float)
            )
            lines.append(f"- {output} (n={values.get('n', dev[task]['n'])}): {figures}")
        lines.append("")
    lines += [
        "## Each head beside its baseline (dev, training path, scikit-learn)",
        "",
        "| head | shipped | model dev | TF-IDF + LR dev | settings | train / dev rows |",
        "|---|---|---|---|---|---|",
    ]
    for output, head in record["heads"].items():
        model = _scores(max(head["grid"], key=lambda g: _selection(g["dev"]))["dev"])
        baseline = head.get("baseline", {}).get("selected", {}).get("dev", {})
        lines.append(
            f"| {output} | {head.get('shipped', 'encoder+ngrams')} | {model} | "
            f"{_scores(baseline) if baseline else 'not measured'} | {head['selected']['params']}"
            f" | {head['n_train']} / {head['n_dev']} |"
        )
    (bundle / "MODEL_CARD.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (bundle / "dev_metrics.json").write_text(json.dumps(dev, indent=2) + "\n", encoding="utf-8")
    manifest["documents"] = {
        name: sha256_file(bundle / name)
        for name in ("training.json", "MODEL_CARD.md", "dev_metrics.json")
    }
    (bundle / "manifest.json").write_text(
        json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return dev
