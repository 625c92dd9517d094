"""Fine-tune one MiniLM encoder jointly on EPITOME levels and rationales (torch, CPU).

Stages, each usable alone: `fit` (writes a checkpoint), `export` (ONNX fp32 + int8 and numpy
heads into a bundle), `finish` (evaluates fp32 and int8 on dev, writes manifest and model card).
"""

from __future__ import annotations

import json
import math
import random
import time
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from empathic.nlp.datasets.epitome import MECHANISMS, EpitomeRow, read_epitome_csv
from empathic.nlp.encoding import MAX_TOKENS, EncodedBatch, PairEncoder
from empathic.nlp.metrics import macro_f1
from empathic.nlp.training.base_model import base_model_dir

if TYPE_CHECKING:
    from pathlib import Path

N_LEVELS = 3


@dataclass
class TrainConfig:
    """Hyper-parameters of one attempt; stored beside every attempt's scores."""

    # Defaults reproduce the shipped attempt A3 (see the model card for every attempt).
    attempt: str = "A3"
    seed: int = 13
    epochs: int = 4
    batch_size: int = 16
    encoder_lr: float = 8e-5
    head_lr: float = 5e-4
    weight_decay: float = 0.01
    warmup_fraction: float = 0.1
    rationale_loss_weight: float = 1.0
    class_weight_power: float = 0.5  # 1.0 = inverse frequency, 0 = unweighted
    features: list[str] = field(default_factory=lambda: ["mean_all", "mean_response"])
    max_tokens: int = MAX_TOKENS
    threads: int = 2
    notes: str = "A1 with a higher encoder learning rate (small encoders often prefer it)"
    extra: dict[str, Any] = field(default_factory=dict)


def seed_everything(seed: int) -> None:
    import torch  # noqa: PLC0415 ([train] extra)

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def class_weights(rows: list[EpitomeRow], mechanism: str, power: float) -> np.ndarray:
    counts = np.bincount([r.levels[mechanism] for r in rows], minlength=N_LEVELS).astype(float)
    weights = (counts.sum() / np.maximum(counts, 1.0)) ** power
    return weights / weights.mean()


def token_labels(batch: EncodedBatch, rows: list[EpitomeRow]) -> np.ndarray:
    """(batch, seq, 3) 1.0 where a response token overlaps an annotated rationale span."""
    labels = np.zeros((*batch.input_ids.shape, len(MECHANISMS)), dtype=np.float32)
    for i, row in enumerate(rows):
        offsets = batch.token_offsets[i]
        for m, mechanism in enumerate(MECHANISMS):
            if row.levels[mechanism] == 0:
                continue
            for start, end in row.rationale_char_spans(mechanism):
                inside = (offsets[:, 0] >= 0) & (offsets[:, 0] < end) & (offsets[:, 1] > start)
                labels[i, : len(offsets), m][inside] = 1.0
    return labels


def length_bucketed_batches(
    lengths: list[int], batch_size: int, rng: random.Random
) -> list[list[int]]:
    """Shuffled batches of similar length: far less padding than random batches."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    chunk = batch_size * 16
    batches = []
    for begin in range(0, len(order), chunk):
        part = sorted(order[begin : begin + chunk], key=lambda i: lengths[i])
        batches += [part[k : k + batch_size] for k in range(0, len(part), batch_size)]
    rng.shuffle(batches)
    return batches


def build_model(model_dir: Path, features: list[str]):  # -> torch.nn.Module
    """The trainable twin of the run time: same pooling (pooling.py), same heads."""
    import torch  # noqa: PLC0415 ([train] extra)
    from torch import nn  # noqa: PLC0415 ([train] extra)
    from transformers import AutoModel  # noqa: PLC0415 ([train] extra)

    class MultiTaskEmpathyModel(nn.Module):
        """One encoder; per mechanism a level head on pooled states and a token tagger."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(
                str(model_dir), attn_implementation="eager", add_pooling_layer=False
            )
            dim = self.encoder.config.hidden_size
            self.features = list(features)
            self.dropout = nn.Dropout(0.1)
            width = len(self.features) * dim
            self.level = nn.ModuleDict({m: nn.Linear(width, N_LEVELS) for m in MECHANISMS})
            self.rationale = nn.ModuleDict({m: nn.Linear(dim, 1) for m in MECHANISMS})

        def forward(self, input_ids, attention_mask, token_type_ids, response_mask):
            hidden = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

            def weighted(weights, smoothing):
                w = weights.to(hidden.dtype).unsqueeze(-1)
                return (hidden * w).sum(1) / (w.sum(1) + smoothing)

            def mean(mask):
                w = mask.to(hidden.dtype).unsqueeze(-1)
                return (hidden * w).sum(1) / w.sum(1).clamp(min=1.0)

            tokens = self.dropout(hidden)
            rationales = torch.cat([self.rationale[m](tokens) for m in MECHANISMS], -1)
            pooled = {"mean_all": mean(attention_mask), "mean_response": mean(response_mask)}
            levels = {}
            for i, m in enumerate(MECHANISMS):
                parts = [
                    weighted(torch.sigmoid(rationales[..., i]) * response_mask, 1.0)
                    if name == "rationale"
                    else pooled[name]
                    for name in self.features
                ]
                levels[m] = self.level[m](self.dropout(torch.cat(parts, -1)))
            return levels, rationales

    return MultiTaskEmpathyModel()


def to_tensors(batch: EncodedBatch) -> dict[str, Any]:
    import torch  # noqa: PLC0415 ([train] extra)

    return {
        "input_ids": torch.from_numpy(batch.input_ids),
        "attention_mask": torch.from_numpy(batch.attention_mask),
        "token_type_ids": torch.from_numpy(batch.token_type_ids),
        "response_mask": torch.from_numpy(batch.response_mask),
    }


def predict_levels(model, encoder: PairEncoder, rows: list[EpitomeRow], batch_size: int = 32):
    import torch  # noqa: PLC0415 ([train] extra)

    model.eval()
    predictions = {m: [] for m in MECHANISMS}
    with torch.inference_mode():
        for begin in range(0, len(rows), batch_size):
            part = rows[begin : begin + batch_size]
            batch = encoder.encode([(r.seeker_post, r.response_post) for r in part])
            levels, _ = model(**to_tensors(batch))
            for m in MECHANISMS:
                predictions[m] += levels[m].argmax(-1).tolist()
    return predictions


def dev_scores(model, encoder: PairEncoder, rows: list[EpitomeRow]) -> dict[str, float]:
    predicted = predict_levels(model, encoder, rows)
    scores = {m: macro_f1([r.levels[m] for r in rows], predicted[m]) for m in MECHANISMS}
    scores["mean"] = float(np.mean([scores[m] for m in MECHANISMS]))
    return scores


def fit(data_dir: Path, work_dir: Path, config: TrainConfig) -> dict[str, Any]:
    """Train, select the epoch by dev mean macro-F1, save `work_dir/best.pt` and a log."""
    import torch  # noqa: PLC0415 ([train] extra)
    from tqdm import tqdm  # noqa: PLC0415 ([train] extra)

    torch.set_num_threads(config.threads)
    seed_everything(config.seed)
    work_dir.mkdir(parents=True, exist_ok=True)
    model_dir = base_model_dir()
    train_rows = read_epitome_csv(data_dir / "train.csv")
    dev_rows = read_epitome_csv(data_dir / "dev.csv")
    encoder = PairEncoder.from_file(model_dir / "tokenizer.json", max_tokens=config.max_tokens)
    model = build_model(model_dir, config.features)

    lengths = [
        len(encoder.encode([(r.seeker_post, r.response_post)]).input_ids[0]) for r in train_rows
    ]
    level_losses = {
        m: torch.nn.CrossEntropyLoss(
            weight=torch.tensor(class_weights(train_rows, m, config.class_weight_power)).float()
        )
        for m in MECHANISMS
    }
    head_params = [p for n, p in model.named_parameters() if not n.startswith("encoder.")]
    no_decay = ("bias", "LayerNorm.weight")
    encoder_named = [(n, p) for n, p in model.named_parameters() if n.startswith("encoder.")]
    optimizer = torch.optim.AdamW(
        [
            {
                "params": [p for n, p in encoder_named if not n.endswith(no_decay)],
                "lr": config.encoder_lr,
                "weight_decay": config.weight_decay,
            },
            {
                "params": [p for n, p in encoder_named if n.endswith(no_decay)],
                "lr": config.encoder_lr,
                "weight_decay": 0.0,
            },
            {"params": head_params, "lr": config.head_lr, "weight_decay": 0.0},
        ]
    )
    steps_per_epoch = math.ceil(len(train_rows) / config.batch_size)
    total_steps = steps_per_epoch * config.epochs
    warmup = max(1, int(total_steps * config.warmup_fraction))

    def schedule(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)
    rng = random.Random(config.seed)
    log: dict[str, Any] = {"config": asdict(config), "epochs": []}
    best = -1.0
    started = time.time()
    for epoch in range(1, config.epochs + 1):
        model.train()
        batches = length_bucketed_batches(lengths, config.batch_size, rng)
        progress = tqdm(batches, desc=f"{config.attempt} epoch {epoch}/{config.epochs}")
        running = 0.0
        for step, indices in enumerate(progress, start=1):
            rows = [train_rows[i] for i in indices]
            batch = encoder.encode([(r.seeker_post, r.response_post) for r in rows])
            tensors = to_tensors(batch)
            levels, rationale_logits = model(**tensors)
            loss = sum(
                level_losses[m](levels[m], torch.tensor([r.levels[m] for r in rows]))
                for m in MECHANISMS
            )
            targets = torch.from_numpy(token_labels(batch, rows))
            token_mask = tensors["response_mask"].unsqueeze(-1).float()
            bce = torch.nn.functional.binary_cross_entropy_with_logits(
                rationale_logits, targets, reduction="none"
            )
            loss = loss + config.rationale_loss_weight * (bce * token_mask).sum() / (
                token_mask.sum() * len(MECHANISMS)
            )
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            running += loss.item()
            progress.set_postfix(loss=f"{running / step:.3f}")
        scores = dev_scores(model, encoder, dev_rows)
        entry = {
            "epoch": epoch,
            "train_loss": running / len(batches),
            "dev_macro_f1": scores,
            "minutes": (time.time() - started) / 60,
        }
        log["epochs"].append(entry)
        print(json.dumps(entry), flush=True)
        if scores["mean"] > best:
            best = scores["mean"]
            log["selected_epoch"] = epoch
            torch.save(model.state_dict(), work_dir / "best.pt")
        (work_dir / "fit_log.json").write_text(json.dumps(log, indent=2), encoding="utf-8")
    return log
