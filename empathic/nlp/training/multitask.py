"""Fine-tune one MiniLM encoder on every dataset at once (torch; CPU or GPU).

One encoder, one linear head per task on the pooled features the run time computes
(`mean_all` + `mean_response`, see pooling.py), plus EPITOME's three rationale taggers. Each batch
holds one source (one dataset), so its lengths are alike and its loss is that source's tasks.
Checkpoints every `checkpoint_steps` and after every epoch (`last.pt`, resumable: rerun the same
command); the epoch with the best dev selection score is kept as `best.pt`.

The heads trained here select the epoch and are reported in the card; the shipped signal heads
are refitted on the fine-tuned encoder's features plus n-grams (`empathic train signals`), and
the shipped EPITOME heads are these.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from empathic.nlp.datasets.epitome import MECHANISMS
from empathic.nlp.encoding import MAX_TOKENS, EncodedBatch, PairEncoder
from empathic.nlp.metrics import binary_f1, macro_f1, pearson
from empathic.nlp.training.base_model import base_model_dir
from empathic.nlp.training.multitask_data import (
    CLASS_TASKS,
    MULTI_LABEL_TASKS,
    REGRESSION_TASKS,
    Example,
    Sampling,
    load_examples,
)

MAX_CONTEXT_TOKENS = 96
"""Two turns of spoken context fit in 96 word pieces most of the time (AnnoMI median turn ~15);
a longer help-seeking post keeps its first 96, where its title and main ask are."""
REACTION_CENTRE, REACTION_SCALE = 4.0, 1.5  # 1-7 ratings standardised for the loss


@dataclass
class MultiTaskConfig:
    attempt: str = "M1"
    seed: int = 13
    epochs: int = 3
    batch_size: int = 16
    encoder_lr: float = 5e-5
    head_lr: float = 5e-4
    weight_decay: float = 0.01
    warmup_fraction: float = 0.06
    class_weight_power: float = 0.5  # sqrt-inverse class frequency
    rationale_loss_weight: float = 1.0
    max_tokens: int = MAX_TOKENS
    max_context_tokens: int = MAX_CONTEXT_TOKENS
    threads: int = 2
    checkpoint_steps: int = 300
    sampling: dict[str, Any] = field(default_factory=lambda: asdict(Sampling()))
    dev_limit: int = 800  # rows per dev source scored at each epoch's end
    train_limit: int | None = None  # a random part of train, for a smoke run
    # "dynamic" (shipped: closest to fp32, fastest here, one pair per encoder call) or "static"
    # (exact batches, less faithful): measured in the card's "Int8 and batching".
    quantization: str = "dynamic"
    notes: str = "all datasets, two turns of context, AnnoMI-derived spoken IP/EX labels"


def build_model(model_dir: Path):  # -> torch.nn.Module
    import torch  # noqa: PLC0415 ([train] extra)
    from torch import nn  # noqa: PLC0415 ([train] extra)
    from transformers import AutoModel  # noqa: PLC0415 ([train] extra)

    class SharedEncoderModel(nn.Module):
        """`encoder`, `level` and `rationale` keep the names export.py reads for EPITOME."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(
                str(model_dir), attn_implementation="eager", add_pooling_layer=False
            )
            dim = self.encoder.config.hidden_size
            self.dropout = nn.Dropout(0.1)
            self.level = nn.ModuleDict({m: nn.Linear(2 * dim, 3) for m in MECHANISMS})
            self.rationale = nn.ModuleDict({m: nn.Linear(dim, 1) for m in MECHANISMS})
            others = {t: len(c) for t, c in CLASS_TASKS.items() if t not in MECHANISMS}
            others |= {t: len(c) for t, c in MULTI_LABEL_TASKS.items()}
            others |= {t: len(c) for t, c in REGRESSION_TASKS.items()}
            self.tasks = nn.ModuleDict({t: nn.Linear(2 * dim, n) for t, n in others.items()})

        def forward(self, input_ids, attention_mask, token_type_ids, response_mask):
            hidden = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

            def mean(mask):
                w = mask.to(hidden.dtype).unsqueeze(-1)
                return (hidden * w).sum(1) / w.sum(1).clamp(min=1.0)

            pooled = self.dropout(torch.cat([mean(attention_mask), mean(response_mask)], -1))
            outputs = {m: self.level[m](pooled) for m in MECHANISMS}
            outputs |= {t: head(pooled) for t, head in self.tasks.items()}
            tokens = self.dropout(hidden)
            rationales = torch.cat([self.rationale[m](tokens) for m in MECHANISMS], -1)
            return outputs, rationales

    return SharedEncoderModel()


def to_tensors(batch: EncodedBatch, device) -> dict[str, Any]:
    import torch  # noqa: PLC0415 ([train] extra)

    return {
        "input_ids": torch.from_numpy(batch.input_ids).to(device),
        "attention_mask": torch.from_numpy(batch.attention_mask).to(device),
        "token_type_ids": torch.from_numpy(batch.token_type_ids).to(device),
        "response_mask": torch.from_numpy(batch.response_mask).to(device),
    }


def class_weights(examples: list[Example], power: float) -> dict[str, np.ndarray]:
    weights = {}
    for task, classes in CLASS_TASKS.items():
        counts = np.ones(len(classes))
        for e in examples:
            if task in e.targets:
                counts[e.targets[task]] += 1
        w = (counts.sum() / counts) ** power
        weights[task] = w / w.mean()
    return weights


def batches_for_epoch(
    examples: list[Example], lengths: list[int], batch_size: int, seed: int
) -> list[list[int]]:
    """Batches of one source and similar length, in a shuffled order fixed by `seed`."""
    rng = random.Random(seed)
    by_source: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(examples):
        by_source[e.source].append(i)
    batches = []
    for indices in by_source.values():
        rng.shuffle(indices)
        chunk = batch_size * 16
        for begin in range(0, len(indices), chunk):
            part = sorted(indices[begin : begin + chunk], key=lambda i: lengths[i])
            batches += [part[k : k + batch_size] for k in range(0, len(part), batch_size)]
    rng.shuffle(batches)
    return batches


def rationale_targets(batch: EncodedBatch, rows: list[Example]) -> np.ndarray:
    labels = np.zeros((*batch.input_ids.shape, len(MECHANISMS)), dtype=np.float32)
    for i, row in enumerate(rows):
        offsets = batch.token_offsets[i]
        for m, mechanism in enumerate(MECHANISMS):
            for start, end in (row.rationales or {}).get(mechanism, []):
                inside = (offsets[:, 0] >= 0) & (offsets[:, 0] < end) & (offsets[:, 1] > start)
                labels[i, : len(offsets), m][inside] = 1.0
    return labels


def batch_loss(model, encoder: PairEncoder, rows: list[Example], weights, config, device):
    import torch  # noqa: PLC0415 ([train] extra)
    import torch.nn.functional as F  # noqa: PLC0415 ([train] extra)

    batch = encoder.encode([(r.context, r.text) for r in rows])
    tensors = to_tensors(batch, device)
    outputs, rationale_logits = model(**tensors)
    loss = torch.zeros((), device=device)
    tasks = {t for r in rows for t in r.targets}
    for task in tasks:
        keep = [i for i, r in enumerate(rows) if task in r.targets]
        index = torch.tensor(keep, device=device)
        logits = outputs[task].index_select(0, index)
        sample_weight = torch.tensor([rows[i].weights.get(task, 1.0) for i in keep], device=device)
        if task in CLASS_TASKS:
            gold = torch.tensor([rows[i].targets[task] for i in keep], device=device)
            per_row = F.cross_entropy(
                logits, gold, weight=weights[task].to(device), reduction="none"
            )
        elif task in MULTI_LABEL_TASKS:
            gold = torch.zeros_like(logits)
            for row, i in enumerate(keep):
                gold[row, rows[i].targets[task]] = 1.0
            per_row = F.binary_cross_entropy_with_logits(logits, gold, reduction="none").mean(1)
        else:
            values = [rows[i].targets[task] for i in keep]
            gold = (torch.tensor(values, device=device).float() - REACTION_CENTRE) / REACTION_SCALE
            per_row = F.mse_loss(logits, gold, reduction="none").mean(1)
        loss = loss + (per_row * sample_weight).sum() / sample_weight.sum()
    if rows[0].rationales is not None:
        targets = torch.from_numpy(rationale_targets(batch, rows)).to(device)
        mask = tensors["response_mask"].unsqueeze(-1).float()
        bce = F.binary_cross_entropy_with_logits(rationale_logits, targets, reduction="none")
        rationale = (bce * mask).sum() / (mask.sum() * len(MECHANISMS))
        loss = loss + config.rationale_loss_weight * rationale
    return loss


def predict(model, encoder: PairEncoder, rows: list[Example], device, batch_size: int = 64):
    """Per task the raw head outputs (logits / values) for every row, in row order."""
    import torch  # noqa: PLC0415 ([train] extra)

    model.eval()
    order = sorted(range(len(rows)), key=lambda i: len(rows[i].context) + len(rows[i].text))
    collected: dict[str, list[tuple[int, np.ndarray]]] = defaultdict(list)
    with torch.inference_mode():
        for begin in range(0, len(order), batch_size):
            part = order[begin : begin + batch_size]
            batch = encoder.encode([(rows[i].context, rows[i].text) for i in part])
            outputs, _ = model(**to_tensors(batch, device))
            for task, values in outputs.items():
                array = values.float().cpu().numpy()
                collected[task] += list(zip(part, array, strict=True))
    model.train()
    return {
        task: np.stack([v for _, v in sorted(pairs, key=lambda p: p[0])])
        for task, pairs in collected.items()
    }


def dev_report(model, encoder: PairEncoder, dev: list[Example], device) -> dict[str, Any]:
    """Per task the dev figure of the torch heads, and the spoken-interpretation check."""
    outputs = predict(model, encoder, dev, device)
    report: dict[str, Any] = {}
    by_source: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(dev):
        by_source[e.source].append(i)
    for task in CLASS_TASKS:
        for source, indices in by_source.items():
            rows = [i for i in indices if task in dev[i].targets and not dev[i].weights.get(task)]
            if not rows:
                continue
            gold = [dev[i].targets[task] for i in rows]
            predicted = outputs[task][rows].argmax(1).tolist()
            report[f"{source}.{task}"] = macro_f1(gold, predicted)
    for task in MULTI_LABEL_TASKS:
        rows = [i for i, e in enumerate(dev) if task in e.targets]
        gold = np.zeros((len(rows), outputs[task].shape[1]), dtype=int)
        for r, i in enumerate(rows):
            gold[r, dev[i].targets[task]] = 1
        predicted = (1 / (1 + np.exp(-outputs[task][rows])) >= 0.3).astype(int)
        report[f"goemotions.{task}"] = float(
            np.mean([binary_f1(gold[:, j], predicted[:, j]) for j in range(gold.shape[1])])
        )
    for task in REGRESSION_TASKS:
        rows = [i for i, e in enumerate(dev) if task in e.targets]
        gold = np.array([dev[i].targets[task] for i in rows])
        values = outputs[task][rows]
        report["reactions.empathy_r"] = pearson(gold[:, 0], values[:, 0])
        report["reactions.distress_r"] = pearson(gold[:, 1], values[:, 1])
    spoken = [i for i in by_source["annomi_therapist"]
              if dev[i].targets["therapist_behaviour"] == 1]  # fmt: skip
    if spoken:
        report["annomi.reflections_with_ip"] = float(np.mean(outputs["ip"][spoken].argmax(1) > 0))
    epitome = [report.get(f"epitome.{m}", 0.0) for m in MECHANISMS]
    report["epitome.mean"] = float(np.mean(epitome))
    report["selection"] = float(np.mean([
        report["epitome.mean"], report.get("annomi_therapist.therapist_behaviour", 0.0),
        report.get("annomi_client.client_talk_type", 0.0), report.get("mi_gold.mi_code", 0.0),
        report.get("esconv.strategy", 0.0),
    ]))  # fmt: skip
    return report


def limited_dev(dev: list[Example], limit: int, seed: int) -> list[Example]:
    rng = random.Random(seed)
    by_source: dict[str, list[Example]] = defaultdict(list)
    for e in dev:
        by_source[e.source].append(e)
    out = []
    for rows in by_source.values():
        out += rows if len(rows) <= limit else rng.sample(rows, limit)
    return out


def fit(data_dir: Path, work_dir: Path, config: MultiTaskConfig) -> dict[str, Any]:
    """Train (resuming from work_dir/last.pt if there), keep the best epoch as best.pt."""
    import torch  # noqa: PLC0415 ([train] extra)
    from tqdm import tqdm  # noqa: PLC0415 ([train] extra)

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    torch.set_num_threads(config.threads)
    random.seed(config.seed)
    np.random.seed(config.seed)
    torch.manual_seed(config.seed)
    work_dir.mkdir(parents=True, exist_ok=True)
    model_dir = base_model_dir()
    train = load_examples(data_dir, "train", Sampling(**config.sampling), config.seed)
    if config.train_limit:
        train = random.Random(config.seed).sample(train, config.train_limit)
    dev = limited_dev(load_examples(data_dir, "dev"), config.dev_limit, config.seed)
    encoder = PairEncoder.from_file(
        model_dir / "tokenizer.json", config.max_tokens, config.max_context_tokens
    )
    lengths = [len(encoder.encode([(e.context, e.text)]).input_ids[0]) for e in train]
    weights = {t: torch.tensor(w).float() for t, w in class_weights(train, 0.5).items()}
    model = build_model(model_dir).to(device)
    encoder_named = [(n, p) for n, p in model.named_parameters() if n.startswith("encoder.")]
    head_params = [p for n, p in model.named_parameters() if not n.startswith("encoder.")]
    no_decay = ("bias", "LayerNorm.weight")
    optimizer = torch.optim.AdamW([
        {"params": [p for n, p in encoder_named if not n.endswith(no_decay)],
         "lr": config.encoder_lr, "weight_decay": config.weight_decay},
        {"params": [p for n, p in encoder_named if n.endswith(no_decay)],
         "lr": config.encoder_lr, "weight_decay": 0.0},
        {"params": head_params, "lr": config.head_lr, "weight_decay": 0.0},
    ])  # fmt: skip
    steps_per_epoch = len(batches_for_epoch(train, lengths, config.batch_size, config.seed))
    total = steps_per_epoch * config.epochs
    warmup = max(1, int(total * config.warmup_fraction))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda s: (s + 1) / warmup if s < warmup else max(0.0, (total - s) / (total - warmup)),
    )
    log: dict[str, Any] = {"config": asdict(config), "n_train": len(train), "epochs": []}
    state = {"epoch": 1, "step": 0, "best": -1.0, "seconds": 0.0}
    last = work_dir / "last.pt"
    if last.is_file():  # resume where the previous run stopped
        saved = torch.load(last, map_location=device, weights_only=False)
        model.load_state_dict(saved["model"])
        optimizer.load_state_dict(saved["optimizer"])
        scheduler.load_state_dict(saved["scheduler"])
        state, log = saved["state"], saved["log"]
        print(f"resumed at epoch {state['epoch']} step {state['step']}", flush=True)

    def save() -> None:
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                    "scheduler": scheduler.state_dict(), "state": state, "log": log},
                   work_dir / "last.tmp")  # fmt: skip
        (work_dir / "last.tmp").replace(last)  # never a half-written checkpoint

    model.train()
    while state["epoch"] <= config.epochs:
        epoch = state["epoch"]
        batches = batches_for_epoch(train, lengths, config.batch_size, config.seed + epoch)
        started = time.time()
        progress = tqdm(batches[state["step"] :], desc=f"{config.attempt} epoch {epoch}",
                        mininterval=30)  # fmt: skip
        for indices in progress:
            rows = [train[i] for i in indices]
            loss = batch_loss(model, encoder, rows, weights, config, device)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            state["step"] += 1
            if state["step"] % config.checkpoint_steps == 0:
                state["seconds"] += time.time() - started
                started = time.time()
                save()
        state["seconds"] += time.time() - started
        report = dev_report(model, encoder, dev, device)
        entry = {"epoch": epoch, "dev": report, "minutes": round(state["seconds"] / 60, 1)}
        log["epochs"].append(entry)
        print(json.dumps(entry), flush=True)
        if report["selection"] > state["best"]:
            state["best"] = report["selection"]
            log["selected_epoch"] = epoch
            torch.save(model.state_dict(), work_dir / "best.pt")
        state["epoch"], state["step"] = epoch + 1, 0
        save()
        (work_dir / "fit_log.json").write_text(json.dumps(log, indent=2), encoding="utf-8")
    return log


def main() -> None:  # python -m empathic.nlp.training.multitask DATA WORK [--smoke]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("work", type=Path)
    parser.add_argument("--epochs", type=int, default=MultiTaskConfig.epochs)
    parser.add_argument("--smoke", action="store_true", help="tiny sample, to check the run")
    args = parser.parse_args()
    config = MultiTaskConfig(epochs=args.epochs)
    if args.smoke:
        config.sampling = {"goemotions": 64, "davidson": 64, "esconv": 64, "mi_gold_repeat": 1}
        config.dev_limit = 40
        config.checkpoint_steps = 20
        config.train_limit = 240
    fit(args.data, args.work, config)


if __name__ == "__main__":
    main()
