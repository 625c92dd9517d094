"""Training examples of the conversation-signal heads, with encoder features cached on disk.

Each example set is (contexts, texts, targets). The analyser encodes every turn as the pair
(the turns before it, turn) (empathic.nlp.context); the AnnoMI and ESConv heads are trained on
exactly that. The single-text sets (GoEmotions, Davidson, empathic reactions, MI gold) have no
context, yet at run time their heads read client or practitioner turns encoded with one: so in
train, every other example of those sets gets a context drawn from AnnoMI's (a real spoken
context, unrelated to the text), and the head learns features that hold with and without one.
Dev stays as the datasets are, so its figures compare with the literature. Features are computed
one text per encoder call, like inference.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from empathic.nlp.datasets.annomi import read_annomi, read_annomi_subtypes
from empathic.nlp.datasets.esconv import read_esconv
from empathic.nlp.datasets.mi_gold import read_mi_gold
from empathic.nlp.datasets.single_text import (
    read_davidson,
    read_empathic_reactions,
    read_goemotions,
)

if TYPE_CHECKING:
    from pathlib import Path

    from empathic.nlp.scorer import EmpathyScorer


@dataclass
class Examples:
    contexts: list[str]
    texts: list[str]
    targets: list  # class names, label tuples or (empathy, distress) ratings
    paired: bool  # encoder saw (context, text); else text alone
    features: np.ndarray | None = None  # (n, 2 * hidden): mean_all, mean_response


def load_split(data_dir: Path, split: str) -> dict[str, Examples]:
    """Every head's examples for `train` or `dev` from the shared data folder."""
    annomi = read_annomi(data_dir / "annomi" / f"{split}.csv")
    therapist = [u for u in annomi if u.interlocutor == "therapist"]
    client = [u for u in annomi if u.interlocutor == "client"]
    subtypes = read_annomi_subtypes(data_dir / "annomi" / f"{split}_full.csv")
    esconv = read_esconv(data_dir / "esconv" / f"{split}.jsonl")
    goemotions = read_goemotions(data_dir / "goemotions" / f"{split}.csv")
    davidson = read_davidson(data_dir / "davidson" / f"{split}.csv")
    reactions = read_empathic_reactions(data_dir / "empathic_reactions" / f"{split}.csv")
    mi_gold = read_mi_gold(data_dir / "mi_gold" / f"{split}.csv")
    sets = {
        "therapist_behaviour": Examples(
            [u.context for u in therapist], [u.text for u in therapist],
            [u.behaviour for u in therapist], paired=True,
        ),
        "client_talk_type": Examples(
            [u.context for u in client], [u.text for u in client],
            [u.talk_type for u in client], paired=True,
        ),
        "strategy": Examples(
            [t.context for t in esconv], [t.text for t in esconv],
            [t.strategy for t in esconv], paired=True,
        ),
        "emotion": Examples(
            [""] * len(goemotions), [t.text for t in goemotions],
            [t.labels for t in goemotions], paired=False,
        ),
        "hostility": Examples(
            [""] * len(davidson), [t.text for t in davidson],
            [t.labels[0] for t in davidson], paired=False,
        ),
        "reactions": Examples(
            [""] * len(reactions), [t.text for t in reactions],
            [(t.empathy, t.distress) for t in reactions], paired=False,
        ),
        "client_state": Examples(
            [""] * len(goemotions), [t.text for t in goemotions],
            [client_state_labels(t.labels) for t in goemotions], paired=False,
        ),
        "mi_code": Examples(
            [""] * len(mi_gold), [s.text for s in mi_gold], [s.code for s in mi_gold],
            paired=False,
        ),
    }  # fmt: skip
    if split == "train":
        # Davidson's "neither" class is tweets: plain conversational speech looks like none of
        # its classes and fell to "offensive", the corpus majority (77%). AnnoMI client
        # utterances (counselling sessions, not hostile) teach the head what ordinary talk is.
        # Train only: dev stays Davidson's own, so its figures compare with the literature.
        hostility = sets["hostility"]
        hostility.contexts += [u.context for u in client]
        hostility.texts += [u.text for u in client]
        hostility.targets += ["neither"] * len(client)
        spoken = [u.context for u in annomi if u.context]
        for name in SINGLE_TEXT_SETS:
            with_spoken_contexts(sets[name], spoken, random.Random(f"{name}-13"))
    for behaviour, rows in subtypes.items():
        sets[f"{behaviour}_subtype"] = Examples(
            [c for c, _, _ in rows], [t for _, t, _ in rows], [s for _, _, s in rows], paired=True
        )
    return sets


SINGLE_TEXT_SETS = ("emotion", "hostility", "reactions", "mi_code", "client_state")
CLIENT_STATES = {
    "frustration": ("anger", "annoyance", "disapproval", "disgust"),
    "distress": ("sadness", "fear", "nervousness", "grief", "remorse", "disappointment"),
}
"""What a practitioner needs to hear in a client's turn, as GoEmotions' raters labelled it:
frustration (anger, annoyance, disapproval, disgust) and distress (sadness, fear, nervousness,
grief, remorse, disappointment). Grouped, each state has thousands of positives where single
emotions have hundreds, and the head reads speech better than 28 fine-grained labels. Whether
the frustration is aimed at the practitioner or the service, and withdrawal, are read by the
alliance layer (empathic.nlp.alliance), which weighs these readings with phrases addressed to
"you": no dataset here labels either."""


def client_state_labels(emotions: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(state for state, members in CLIENT_STATES.items() if set(emotions) & set(members))


def with_spoken_contexts(examples: Examples, contexts: list[str], rng: random.Random) -> None:
    """Every other example read after a random spoken context (see the module's docstring)."""
    examples.contexts = [
        rng.choice(contexts) if i % 2 else context for i, context in enumerate(examples.contexts)
    ]
    examples.paired = True


def attach_features(scorer: EmpathyScorer, examples: Examples, cache_dir: Path) -> None:
    """Fill examples.features, reusing a cache keyed by model and inputs."""
    key = hashlib.sha256(scorer.model.encode())
    for context, text in zip(examples.contexts, examples.texts, strict=True):
        key.update(context.encode() if examples.paired else b"")
        key.update(b"\x00" + text.encode() + b"\x01")
    path = cache_dir / f"features-{key.hexdigest()[:20]}.npy"
    if path.is_file():
        examples.features = np.load(path)
        return
    pairs = [
        (context if examples.paired else "", text)
        for context, text in zip(examples.contexts, examples.texts, strict=True)
    ]
    pooled = scorer.features(pairs)
    examples.features = np.concatenate([pooled["mean_all"], pooled["mean_response"]], axis=1)
    cache_dir.mkdir(parents=True, exist_ok=True)
    np.save(path, examples.features)
