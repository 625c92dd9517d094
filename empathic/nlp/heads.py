"""Small numpy heads applied to the shared encoder's hidden states.

The manifest lists heads; each names its kind and its arrays in the heads .npz, so adding a head
(a task, a behaviour) is a data change, not a code change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from empathic.nlp.errors import ModelIntegrityError
from empathic.nlp.pooling import FEATURES


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=-1, keepdims=True)


def sigmoid(logits: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-logits))


@dataclass(frozen=True)
class LevelHead:
    """Sequence classifier on pooled pair features: softmax over `labels`."""

    name: str
    target: str  # which output it fills, e.g. the mechanism "er"
    labels: tuple[int, ...]
    features: tuple[str, ...]  # pooled features it reads, in order (see pooling.py)
    weight: np.ndarray  # (n_labels, feature_dim)
    bias: np.ndarray  # (n_labels,)

    def predict_proba(self, features: np.ndarray) -> np.ndarray:
        return softmax(features @ self.weight.T + self.bias)


@dataclass(frozen=True)
class TokenTagger:
    """Per-token probability that a token belongs to the rationale of `target`."""

    name: str
    target: str
    threshold: float
    weight: np.ndarray  # (1, hidden_dim)
    bias: np.ndarray  # (1,)

    def token_proba(self, hidden: np.ndarray) -> np.ndarray:
        return sigmoid(hidden @ self.weight[0] + self.bias[0])


@dataclass(frozen=True)
class HeadRegistry:
    levels: dict[str, LevelHead]
    taggers: dict[str, TokenTagger]

    @classmethod
    def from_arrays(
        cls, specs: list[dict[str, Any]], arrays: dict[str, np.ndarray]
    ) -> HeadRegistry:
        levels: dict[str, LevelHead] = {}
        taggers: dict[str, TokenTagger] = {}
        try:
            for spec in specs:
                weight = arrays[spec["weight"]].astype(np.float32)
                bias = arrays[spec["bias"]].astype(np.float32)
                if spec["kind"] == "level":
                    features = tuple(spec["features"])
                    unknown = set(features) - set(FEATURES)
                    if unknown:
                        raise ModelIntegrityError(f"unknown pooled features {sorted(unknown)}")
                    levels[spec["target"]] = LevelHead(
                        spec["name"], spec["target"], tuple(spec["labels"]), features, weight, bias
                    )
                elif spec["kind"] == "token_tagger":
                    taggers[spec["target"]] = TokenTagger(
                        spec["name"], spec["target"], float(spec["threshold"]), weight, bias
                    )
                else:
                    raise ModelIntegrityError(f"unknown head kind {spec['kind']!r}")
        except KeyError as error:
            raise ModelIntegrityError(f"head specification lacks {error}") from None
        for target, head in levels.items():
            if "rationale" in head.features and target not in taggers:
                raise ModelIntegrityError(f"level head {head.name} needs a rationale tagger")
        return cls(levels, taggers)
