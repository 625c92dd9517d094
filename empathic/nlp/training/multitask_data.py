"""Every dataset of `../shared/data` as (context, text, targets) examples for one encoder.

An example carries the targets its source labels and nothing else; a task's loss skips examples
without its target. Contexts are built by `empathic.nlp.context.dialogue_context`, exactly as the
analyser builds them, so training and run time read turns the same way.

Spoken interpretations: EPITOME is Reddit text. AnnoMI's reflections are interpretations in
EPITOME's sense (the listener's inferred understanding of the speaker) and its questions are
explorations, so AnnoMI therapist turns also train the EPITOME IP and EX heads: a reflection is
IP 2 (strong: it names this client's experience), any other turn IP 0; an open question EX 2, a
closed one EX 1 (EPITOME's weak exploration is a generic or closed probe), any other turn EX 0.
AnnoMI has nothing to say about emotional reactions, so ER is left unlabelled there.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from empathic.nlp.context import dialogue_context
from empathic.nlp.datasets.annomi import BEHAVIOURS, SUBTYPES, TALK_TYPES, read_annomi
from empathic.nlp.datasets.common import read_csv_rows
from empathic.nlp.datasets.epitome import MECHANISMS, read_epitome_csv
from empathic.nlp.datasets.esconv import STRATEGIES, read_esconv
from empathic.nlp.datasets.mi_gold import CODES, read_mi_gold
from empathic.nlp.datasets.single_text import (
    EMOTIONS,
    HOSTILITY,
    read_davidson,
    read_empathic_reactions,
    read_goemotions,
)

if TYPE_CHECKING:
    from pathlib import Path

CLASS_TASKS: dict[str, tuple[str, ...]] = {
    "er": ("0", "1", "2"),
    "ip": ("0", "1", "2"),
    "ex": ("0", "1", "2"),
    "therapist_behaviour": BEHAVIOURS,
    "reflection_subtype": SUBTYPES["reflection"],
    "question_subtype": SUBTYPES["question"],
    "therapist_input_subtype": SUBTYPES["therapist_input"],
    "client_talk_type": TALK_TYPES,
    "strategy": STRATEGIES,
    "mi_code": CODES,
    "hostility": HOSTILITY,
}
"""Single-label tasks and their classes; each has its own linear head on the pooled features."""
MULTI_LABEL_TASKS = {"emotion": EMOTIONS}
REGRESSION_TASKS = {"reactions": ("empathy", "distress")}

SPOKEN_IP = {"reflection": 2}  # other behaviours: 0
SPOKEN_EX = {"open": 2, "closed": 1}  # by question subtype; other behaviours: 0


@dataclass
class Example:
    source: str  # which dataset: batches hold one source, so lengths and tasks match
    context: str
    text: str
    targets: dict[str, Any]  # task -> class index, label indices (multi-label) or ratings
    weights: dict[str, float] = field(default_factory=dict)  # task -> loss weight if not 1
    rationales: dict[str, list[tuple[int, int]]] | None = None  # EPITOME: char spans of text


@dataclass
class Sampling:
    """Rows taken per epoch from the large sets (the card says so); None: all of them."""

    goemotions: int | None = 8000
    davidson: int | None = 4000
    esconv: int | None = 6000
    mi_gold_repeat: int = 2  # the smallest set with the most codes: seen twice per epoch


def load_examples(
    data_dir: Path, split: str, sampling: Sampling | None = None, seed: int = 13
) -> list[Example]:
    """All sources of one split; `sampling` (train) subsamples the large sets with `seed`."""
    rng = random.Random(seed)
    out: list[Example] = []
    out += _epitome(data_dir, split)
    out += annomi_examples(data_dir, split)
    sample = sampling or Sampling(None, None, None, 1)
    out += _take(_esconv(data_dir, split), sample.esconv, rng)
    out += _mi_gold(data_dir, split) * sample.mi_gold_repeat
    out += _take(_goemotions(data_dir, split), sample.goemotions, rng)
    out += _take(_davidson(data_dir, split), sample.davidson, rng)
    out += _reactions(data_dir, split)
    return out


def _take(examples: list[Example], n: int | None, rng: random.Random) -> list[Example]:
    if n is None or n >= len(examples):
        return examples
    return rng.sample(examples, n)


def _epitome(data_dir: Path, split: str) -> list[Example]:
    out = []
    for row in read_epitome_csv(data_dir / "epitome" / f"{split}.csv"):
        spans = {m: row.rationale_char_spans(m) if row.levels[m] else [] for m in MECHANISMS}
        out.append(
            Example(
                "epitome",
                dialogue_context([row.seeker_post]),
                row.response_post,
                {m: row.levels[m] for m in MECHANISMS},
                rationales=spans,
            )
        )
    return out


def annomi_examples(data_dir: Path, split: str) -> list[Example]:
    utterances = read_annomi(data_dir / "annomi" / f"{split}.csv")
    subtypes = _annomi_subtypes(data_dir / "annomi" / f"{split}_full.csv")
    history: dict[str, list[str]] = defaultdict(list)
    out = []
    for u in utterances:  # transcript order
        context = dialogue_context(history[u.transcript_id])
        history[u.transcript_id].append(u.text)
        if u.interlocutor == "client":
            talk = TALK_TYPES.index(u.talk_type)
            out.append(Example("annomi_client", context, u.text, {"client_talk_type": talk}))
            continue
        behaviour = u.behaviour or "other"
        targets: dict[str, Any] = {"therapist_behaviour": BEHAVIOURS.index(behaviour)}
        subtype = subtypes.get((u.transcript_id, u.utterance_id, behaviour))
        if subtype in SUBTYPES.get(behaviour, ()):
            targets[f"{behaviour}_subtype"] = SUBTYPES[behaviour].index(subtype)
        targets["ip"] = SPOKEN_IP.get(behaviour, 0)
        if behaviour != "question":
            targets["ex"] = 0
        elif subtype in SPOKEN_EX:
            targets["ex"] = SPOKEN_EX[subtype]
        # Derived labels: they teach speech to the EPITOME heads without outweighing EPITOME.
        weights = {"ip": 0.5, "ex": 0.5}
        out.append(Example("annomi_therapist", context, u.text, targets, weights))
    return out


def _annomi_subtypes(path: Path) -> dict[tuple[str, int, str], str]:
    """Majority subtype per (transcript, utterance, behaviour) across annotators."""
    votes: dict[tuple[str, int, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    columns = {f"{behaviour}_subtype": behaviour for behaviour in SUBTYPES}
    for row in read_csv_rows(path, ("transcript_id", "utterance_id", *columns)):
        for column, behaviour in columns.items():
            value = row[column].strip()
            if value in SUBTYPES[behaviour]:
                votes[(row["transcript_id"], int(row["utterance_id"]), behaviour)][value] += 1
    return {key: max(counts, key=counts.__getitem__) for key, counts in votes.items()}


def _esconv(data_dir: Path, split: str) -> list[Example]:
    return [
        Example("esconv", dialogue_context([t.context]), t.text,
                {"strategy": STRATEGIES.index(t.strategy)})
        for t in read_esconv(data_dir / "esconv" / f"{split}.jsonl")
    ]  # fmt: skip


def _mi_gold(data_dir: Path, split: str) -> list[Example]:
    return [
        Example("mi_gold", "", s.text, {"mi_code": CODES.index(s.code)})
        for s in read_mi_gold(data_dir / "mi_gold" / f"{split}.csv")
    ]


def _goemotions(data_dir: Path, split: str) -> list[Example]:
    return [
        Example("goemotions", "", t.text, {"emotion": [EMOTIONS.index(x) for x in t.labels]})
        for t in read_goemotions(data_dir / "goemotions" / f"{split}.csv")
    ]


def _davidson(data_dir: Path, split: str) -> list[Example]:
    return [
        Example("davidson", "", t.text, {"hostility": HOSTILITY.index(t.labels[0])})
        for t in read_davidson(data_dir / "davidson" / f"{split}.csv")
    ]


def _reactions(data_dir: Path, split: str) -> list[Example]:
    return [
        Example("reactions", "", t.text, {"reactions": (t.empathy, t.distress)})
        for t in read_empathic_reactions(data_dir / "empathic_reactions" / f"{split}.csv")
    ]
