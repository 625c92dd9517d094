import numpy as np
import pytest

from empathic.nlp.ngrams import BUCKETS, document_frequency_idf, ngram_counts, sparse_row, tokens


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
