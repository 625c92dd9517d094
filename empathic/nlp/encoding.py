"""Turn (context, response) text pairs into padded encoder inputs.

Layout: ``[CLS] context [SEP] response [SEP]`` with token type 0 for the context part and 1 for
the response part. The response is what we score and tag, so the context is truncated first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from tokenizers import Encoding, Tokenizer

from empathic.nlp.errors import InvalidInputError

if TYPE_CHECKING:
    from pathlib import Path

MAX_TOKENS = 256
"""Total length limit of one encoded pair, special tokens included."""

MIN_CONTEXT_TOKENS = 32
"""Context tokens kept even when the response alone would fill MAX_TOKENS."""

MAX_CHARS = 20_000
"""Characters read per text; far more than MAX_TOKENS can hold, and it bounds tokenizer work."""


def clean_text(text: str | bytes | None) -> str:
    """Return text the tokenizer accepts; keeps character positions of valid text unchanged."""
    if text is None:
        return ""
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as error:
            raise InvalidInputError(f"text is not valid UTF-8: {error.reason}") from None
    if not isinstance(text, str):
        raise InvalidInputError(f"text must be str or UTF-8 bytes, not {type(text).__name__}")
    text = text[:MAX_CHARS]
    # Lone surrogates cannot cross into Rust; replacing each with '?' keeps offsets aligned.
    return text.encode("utf-8", "replace").decode("utf-8")


def token_budget(
    context_len: int,
    response_len: int,
    max_tokens: int = MAX_TOKENS,
    max_context_tokens: int | None = None,
) -> tuple[int, int]:
    """How many context and response word pieces fit; 3 slots go to special tokens. A bundle
    may cap the context (`max_context_tokens`): encoder cost grows with every token read."""
    room = max_tokens - 3
    if max_context_tokens is not None:
        context_len = min(context_len, max_context_tokens)
    response_keep = min(response_len, room - min(context_len, MIN_CONTEXT_TOKENS))
    context_keep = min(context_len, room - response_keep)
    return context_keep, response_keep


@dataclass(frozen=True)
class EncodedBatch:
    """Padded arrays for a batch; `response_mask` marks response tokens and the final [SEP]."""

    input_ids: np.ndarray  # (batch, seq) int64
    attention_mask: np.ndarray  # (batch, seq) int64
    token_type_ids: np.ndarray  # (batch, seq) int64
    response_mask: np.ndarray  # (batch, seq) bool, response word pieces + closing [SEP]
    token_offsets: list[np.ndarray]  # per row, unpadded: (tokens, 2) response char offsets, else -1
    responses: list[str]  # cleaned response texts the offsets refer to

    def __len__(self) -> int:
        return int(self.input_ids.shape[0])

    def row(self, index: int) -> EncodedBatch:
        """Row `index` alone, without padding: exactly what encoding that pair alone gives."""
        length = len(self.token_offsets[index])
        return EncodedBatch(
            self.input_ids[index : index + 1, :length],
            self.attention_mask[index : index + 1, :length],
            self.token_type_ids[index : index + 1, :length],
            self.response_mask[index : index + 1, :length],
            [self.token_offsets[index]],
            [self.responses[index]],
        )


class PairEncoder:
    """Tokenize pairs with our own truncation so the response survives and padding is minimal."""

    def __init__(
        self,
        tokenizer: Tokenizer,
        max_tokens: int = MAX_TOKENS,
        max_context_tokens: int | None = None,
    ) -> None:
        self.tokenizer = tokenizer
        self.max_context_tokens = max_context_tokens
        # The bundled tokenizer.json pads and truncates to 128; we do both ourselves.
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        self.max_tokens = max_tokens
        self.cls_id = self._special_id("[CLS]")
        self.sep_id = self._special_id("[SEP]")
        self.pad_id = self._special_id("[PAD]")

    @classmethod
    def from_file(
        cls, path: Path, max_tokens: int = MAX_TOKENS, max_context_tokens: int | None = None
    ) -> PairEncoder:
        return cls(Tokenizer.from_file(str(path)), max_tokens, max_context_tokens)

    def _special_id(self, token: str) -> int:
        token_id = self.tokenizer.token_to_id(token)
        if token_id is None:
            raise InvalidInputError(f"tokenizer lacks the special token {token}")
        return token_id

    def _tokenize_distinct(self, texts: list[str]) -> list[Encoding]:
        """Encodings of `texts`, each distinct text tokenized once: the rewrites of a turn are
        scored in one batch and all share the turn's context."""
        distinct = list(dict.fromkeys(texts))
        encodings = self.tokenizer.encode_batch(distinct, add_special_tokens=False)
        by_text = dict(zip(distinct, encodings, strict=True))
        return [by_text[text] for text in texts]

    def encode(self, pairs: list[tuple[str, str]]) -> EncodedBatch:
        contexts = [clean_text(context) for context, _ in pairs]
        responses = [clean_text(response) for _, response in pairs]
        context_encodings = self._tokenize_distinct(contexts)
        response_encodings = self._tokenize_distinct(responses)
        rows: list[tuple[list[int], int, int]] = []
        offsets: list[np.ndarray] = []
        for context_enc, response_enc in zip(context_encodings, response_encodings, strict=True):
            n_context, n_response = token_budget(
                len(context_enc.ids),
                len(response_enc.ids),
                self.max_tokens,
                self.max_context_tokens,
            )
            ids = [
                self.cls_id,
                *context_enc.ids[:n_context],
                self.sep_id,
                *response_enc.ids[:n_response],
                self.sep_id,
            ]
            rows.append((ids, n_context + 2, n_response))
            row_offsets = np.full((len(ids), 2), -1, dtype=np.int64)
            if n_response:
                row_offsets[n_context + 2 : n_context + 2 + n_response] = response_enc.offsets[
                    :n_response
                ]
            offsets.append(row_offsets)
        seq_len = max(len(ids) for ids, _, _ in rows)
        batch = len(rows)
        input_ids = np.full((batch, seq_len), self.pad_id, dtype=np.int64)
        attention = np.zeros((batch, seq_len), dtype=np.int64)
        types = np.zeros((batch, seq_len), dtype=np.int64)
        response_mask = np.zeros((batch, seq_len), dtype=bool)
        for i, (ids, response_start, n_response) in enumerate(rows):
            input_ids[i, : len(ids)] = ids
            attention[i, : len(ids)] = 1
            types[i, response_start : len(ids)] = 1
            response_mask[i, response_start : response_start + n_response + 1] = True
        return EncodedBatch(input_ids, attention, types, response_mask, offsets, responses)
