import numpy as np

from empathic.nlp.encoding import MAX_TOKENS, PairEncoder


def test_layout_types_and_response_offsets(scorer):
    encoder = scorer.pair_encoder
    response = "That sounds hard. How are you?"
    batch = encoder.encode([("I feel low.", response), ("", "")])
    ids, types, mask = batch.input_ids[0], batch.token_type_ids[0], batch.response_mask[0]
    tokens = [encoder.tokenizer.id_to_token(int(i)) for i in ids]
    first_sep = tokens.index("[SEP]")
    assert tokens[0] == "[CLS]" and tokens[-1] == "[SEP]"
    assert not types[: first_sep + 1].any() and types[first_sep + 1 :].all()
    assert mask[first_sep + 1 :].all() and not mask[: first_sep + 1].any()
    pieces = [response[s:e] for s, e in batch.token_offsets[0] if s >= 0]
    assert "".join(pieces) == response.replace(" ", "")
    # The empty pair is [CLS] [SEP] [SEP], padded to the longer row.
    assert batch.attention_mask[1].sum() == 3 and batch.response_mask[1].sum() == 1


def test_long_pair_is_cut_to_the_limit_keeping_the_response(scorer):
    response = "thank you for sharing " * 40  # about 160 word pieces
    batch = scorer.pair_encoder.encode([("context words " * 500, response)])
    assert batch.input_ids.shape[1] == MAX_TOKENS
    kept = [response[s:e] for s, e in batch.token_offsets[0] if s >= 0]
    assert "".join(kept) == response.replace(" ", "")


def test_single_row_view_equals_encoding_alone(scorer):
    pairs = [("short", "yes"), ("a much longer context sentence here", "and a longer reply too")]
    batch = scorer.pair_encoder.encode(pairs)
    alone = scorer.pair_encoder.encode([pairs[0]])
    row = batch.row(0)
    assert (row.input_ids == alone.input_ids).all()
    assert (row.response_mask == alone.response_mask).all()


class _CountingTokenizer:
    """The shipped tokenizer, noting the texts of every batch it is asked to tokenize."""

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer
        self.batches: list[list[str]] = []

    def encode_batch(self, texts, **options):
        self.batches.append(list(texts))
        return self.tokenizer.encode_batch(texts, **options)

    def __getattr__(self, name):
        return getattr(self.tokenizer, name)


def test_a_shared_context_is_tokenized_once_and_encodes_as_alone(scorer):
    # A turn's rewrites are scored together and all read the turn's context.
    shipped = scorer.pair_encoder
    tokenizer = _CountingTokenizer(shipped.tokenizer)
    encoder = PairEncoder(tokenizer, shipped.max_tokens, shipped.max_context_tokens)
    context = "They gave us two weeks. | I got the notice on Friday."
    pairs = [(context, "That sounds frightening."), (context, "What happened?"),
             (context, "That sounds frightening."), ("", "")]  # fmt: skip
    batch = encoder.encode(pairs)
    assert tokenizer.batches == [[context, ""], ["That sounds frightening.", "What happened?", ""]]
    for i, pair in enumerate(pairs):
        row, alone = batch.row(i), shipped.encode([pair])
        for name in ("input_ids", "attention_mask", "token_type_ids", "response_mask"):
            assert np.array_equal(getattr(row, name), getattr(alone, name)), name
        assert np.array_equal(row.token_offsets[0], alone.token_offsets[0])
        assert row.responses == alone.responses
