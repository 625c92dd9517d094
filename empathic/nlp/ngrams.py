"""Hashed word n-gram features shared by the numpy run time and the trainer (they must agree).

Frozen sentence embeddings miss surface cues that decide some labels (a '?' for a question,
slurs for hostility, "I will" for change talk); TF-IDF models are strong baselines on exactly
these tasks. So the signal heads read both: the encoder's pooled features and hashed n-grams.
Hashing (crc32, stable across processes unlike `hash`) needs no vocabulary file; each field
(the turn, its context) gets its own block of buckets.
"""

from __future__ import annotations

import functools
import itertools
import re
import zlib
from collections import Counter

import numpy as np

BUCKETS = 1 << 17
TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[?!]")
MAX_CHARS = 5_000
"""Characters read per field: enough for any turn, and it bounds the work on hostile input."""


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text[:MAX_CHARS].lower())


def ngram_counts(text: str) -> Counter[int]:
    """Bucket -> count of the text's unigrams and bigrams."""
    words = tokens(text)
    grams = words + [f"{a} {b}" for a, b in itertools.pairwise(words)]
    return Counter(zlib.crc32(gram.encode()) % BUCKETS for gram in grams)


GRAM_CACHE_SIZE = 1024
"""Texts whose bucket/tf arrays are kept: every signal head of a turn reads the same texts (the
turn, its context), a context is the turn before, and a rewrite re-reads the turn's context."""


@functools.lru_cache(maxsize=GRAM_CACHE_SIZE)
def gram_table(text: str) -> tuple[np.ndarray, np.ndarray]:
    """(buckets, sublinear tf) of a text's n-grams, read-only: the idf-free part of `sparse_row`,
    hashed once per text however many heads read it."""
    counts = ngram_counts(text)
    buckets = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
    tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float32, count=len(counts)))
    buckets.setflags(write=False)
    tf.setflags(write=False)
    return buckets, tf


def sparse_row(fields: list[str], idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(indices, values) of one example: per field sublinear tf x idf, L2-normalised."""
    all_indices, all_values = [], []
    for position, text in enumerate(fields):
        buckets, tf = gram_table(text[:MAX_CHARS])  # the key is what is read
        if not len(buckets):
            continue
        indices = buckets + position * BUCKETS
        values = tf * idf[indices]
        norm = float(np.linalg.norm(values))
        if norm > 0:
            all_indices.append(indices)
            all_values.append(values / norm)
    if not all_indices:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    return np.concatenate(all_indices), np.concatenate(all_values).astype(np.float32)


def document_frequency_idf(field_texts: list[list[str]]) -> np.ndarray:
    """Smoothed idf per bucket, per field block: log((1 + n) / (1 + df)) + 1 (scikit-learn's)."""
    blocks = []
    for texts in field_texts:
        df = np.zeros(BUCKETS, dtype=np.float64)
        for text in texts:
            for bucket in ngram_counts(text):
                df[bucket] += 1
        blocks.append(np.log((1 + len(texts)) / (1 + df)) + 1)
    return np.concatenate(blocks).astype(np.float32)
