"""Pooling shared by the numpy run time and the torch trainer (they must agree exactly).

A level head names the pooled features it reads, in order:
- "mean_all": mean of the hidden states over the whole pair;
- "mean_response": mean over the response tokens (and the closing [SEP]);
- "rationale": mean over response tokens weighted by the head's own rationale tagger,
  sum(p * h) / (sum(p) + 1): close to a mean over the rationale when there is one, near zero when
  the tagger finds nothing (the EPITOME idea that the rationale should inform the level).
"""

from __future__ import annotations

import numpy as np

FEATURES = ("mean_all", "mean_response", "rationale")


def masked_mean(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean of hidden states (batch, seq, dim) over positions where mask is true."""
    weights = mask.astype(hidden.dtype)[..., None]
    return (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)


def rationale_pool(hidden: np.ndarray, token_proba: np.ndarray, response_mask: np.ndarray):
    """Hidden states weighted by rationale probabilities (batch, seq) over the response."""
    weights = (token_proba * response_mask).astype(hidden.dtype)[..., None]
    return (hidden * weights).sum(axis=1) / (weights.sum(axis=1) + 1.0)
