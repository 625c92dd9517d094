import numpy as np
import pytest

from empathic.nlp.ngrams import (
    BUCKETS,
    document_frequency_idf,
    gram_table,
    ngram_counts,
    sparse_row,
    tokens,
)


def test_tokens_keep_question_marks_and_contractions():
    assert tokens("Why don't you SAY it?") == ["why", "don't", "you", "say", "it", "?"]


def test_counts_are_stable_across_calls_and_cover_bigrams():
    counts = ngram_counts("I will stop I will")
    assert counts == ngram_counts("i WILL stop i will")
    # unigrams i, will, stop (i and will twice) and bigrams "i will" (twice), "will stop", "stop i"
    assert sum(counts.values()) == 5 + 4
    assert all(0 <= bucket < BUCKETS for bucket in counts)


def test_sparse_row_is_unit_norm_per_field_and_offsets_fields():
    idf = np.ones(2 * BUCKETS, dtype=np.float32)
    indices, values = sparse_row(["hello there", "general kenobi"], idf)
    first, second = indices < BUCKETS, indices >= BUCKETS
    assert first.any() and second.any()
    assert np.linalg.norm(values[first]) == pytest.approx(1.0, abs=1e-5)
    assert np.linalg.norm(values[second]) == pytest.approx(1.0, abs=1e-5)


def test_empty_fields_give_an_empty_row():
    indices, values = sparse_row(["", "!!!"[:0]], np.ones(2 * BUCKETS, dtype=np.float32))
    assert len(indices) == len(values) == 0


def test_idf_is_higher_for_rarer_grams():
    idf = document_frequency_idf([["the cat", "the dog", "the bird"]])
    common = next(iter(ngram_counts("the")))
    rare = next(iter(ngram_counts("cat")))
    assert idf[rare] > idf[common]


def test_huge_input_is_bounded():
    assert len(tokens("word " * 1_000_000)) <= 1_000


def _reference_row(fields: list[str], idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """sparse_row as it was before its n-grams were cached: hashed afresh for every call."""
    all_indices, all_values = [], []
    for position, text in enumerate(fields):
        counts = ngram_counts(text)
        if not counts:
            continue
        indices = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float32, count=len(counts)))
        indices += position * BUCKETS
        values = tf * idf[indices]
        norm = float(np.linalg.norm(values))
        if norm > 0:
            all_indices.append(indices)
            all_values.append(values / norm)
    if not all_indices:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    return np.concatenate(all_indices), np.concatenate(all_values).astype(np.float32)


def test_cached_grams_give_bit_for_bit_the_rows_of_fresh_hashing():
    # Every signal head reads the same turn and context: the second read is a cache hit and
    # must give exactly the first's row, under each head's own idf.
    rng = np.random.default_rng(3)
    texts = ["You need to fill in the housing form.", "I will stop, I will!", "", "?", "ok ok"]
    gram_table.cache_clear()
    for idf in (rng.random(2 * BUCKETS, dtype=np.float32) + 1, np.ones(2 * BUCKETS, np.float32)):
        for text, context in zip(texts, reversed(texts), strict=True):
            expected = _reference_row([text, context], idf)
            for _ in range(2):
                indices, values = sparse_row([text, context], idf)
                assert np.array_equal(indices, expected[0])
                assert np.array_equal(values, expected[1])
    assert gram_table.cache_info().hits > gram_table.cache_info().misses


def test_cached_grams_cannot_be_changed_by_a_caller():
    buckets, tf = gram_table("you should have called sooner")
    with pytest.raises(ValueError, match="read-only"):
        buckets += BUCKETS
    with pytest.raises(ValueError, match="read-only"):
        tf[0] = 0.0
    assert dict(zip(buckets.tolist(), np.exp(tf - 1).round().tolist(), strict=True)) == dict(
        ngram_counts("you should have called sooner")
    )
