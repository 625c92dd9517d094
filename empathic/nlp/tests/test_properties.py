"""Property-based tests (hypothesis) over the public API and the truncation rules."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from empathic.nlp.encoding import MAX_TOKENS, MIN_CONTEXT_TOKENS, clean_text, token_budget

from .test_scorer import MECHANISMS, assert_valid

texts = st.text(max_size=300)  # any code points, surrogates and control characters included
fast = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@fast
@given(context=texts, response=texts)
def test_any_unicode_pair_gets_a_valid_score(scorer, context, response):
    assert_valid(scorer.score(context=context, response=response), clean_text(response))


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pairs=st.lists(st.tuples(texts, texts), min_size=1, max_size=5))
def test_batch_matches_single_for_any_pairs(scorer, pairs):
    batch = scorer.score_batch(pairs)
    for (context, response), result in zip(pairs, batch, strict=True):
        single = scorer.score(context=context, response=response)
        for m in MECHANISMS:
            assert getattr(result, m).level == getattr(single, m).level
            np.testing.assert_allclose(
                getattr(result, m).probabilities, getattr(single, m).probabilities, atol=1e-5
            )


@settings(max_examples=200, deadline=None)
@given(context_len=st.integers(0, 2000), response_len=st.integers(0, 2000))
def test_token_budget_keeps_the_response_first(context_len, response_len):
    keep_context, keep_response = token_budget(context_len, response_len)
    assert 0 <= keep_context <= context_len and 0 <= keep_response <= response_len
    assert keep_context + keep_response + 3 <= MAX_TOKENS
    assert keep_context >= min(context_len, MIN_CONTEXT_TOKENS)
    if context_len + response_len + 3 <= MAX_TOKENS:
        assert (keep_context, keep_response) == (context_len, response_len)
    elif response_len + min(context_len, MIN_CONTEXT_TOKENS) + 3 <= MAX_TOKENS:
        assert keep_response == response_len  # the context is cut, never the response


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=200))
def test_clean_text_keeps_length_and_valid_text(text):
    cleaned = clean_text(text)
    assert len(cleaned) == len(text)
    cleaned.encode("utf-8")  # never raises
    if not any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        assert cleaned == text
