"""EPITOME empathy scorer: one encoder pass per pair, numpy heads for levels and rationales."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from empathic.nlp.artifacts import MODELS_DIR, Manifest, read_manifest, verify_files
from empathic.nlp.encoding import EncodedBatch, PairEncoder, clean_text
from empathic.nlp.errors import InvalidInputError, ModelIntegrityError
from empathic.nlp.heads import HeadRegistry, TokenTagger
from empathic.nlp.onnx_encoder import OnnxEncoder
from empathic.nlp.pooling import masked_mean, rationale_pool
from empathic.nlp.results import MECHANISMS, EmpathyScore, MechanismScore, RationaleSpan

DEFAULT_MODEL = "epitome"
TOKENIZE_CHUNK = 64
DEFAULT_BATCH_SIZE = 1
"""Pairs per encoder call for a bundle whose manifest names no `batch_size`. One: with int8
*dynamic* quantization (v1) activations are scaled per call, so in a multi-row call a pair's score
depends on its batch mates (6 of 465 dev levels changed). v2 is quantized statically, checked at
export to give the same levels batched as one by one, and its manifest sets the batch size."""

Pair = tuple[str, str]


class EmpathyScorer:
    """Scores (context, response) pairs. Build it with `load_scorer()`."""

    def __init__(
        self,
        manifest: Manifest,
        encoder: OnnxEncoder,
        pair_encoder: PairEncoder,
        heads: HeadRegistry,
    ) -> None:
        self.manifest = manifest
        self.encoder = encoder
        self.pair_encoder = pair_encoder
        self.heads = heads
        missing = [m for m in MECHANISMS if m not in heads.levels]
        if missing:
            raise ModelIntegrityError(f"{manifest.model_id} lacks level heads for {missing}")

    @property
    def model(self) -> str:
        """name@version, to be stored beside every score."""
        return self.manifest.model_id

    # --- the user-facing API -------------------------------------------------------------
    def score(self, *, context: str, response: str) -> EmpathyScore:
        return self.score_batch([(context, response)])[0]

    @property
    def batch_size(self) -> int:
        """Pairs per encoder call by default: the bundle's exact batch size."""
        return max(1, int(self.manifest.batch_size or DEFAULT_BATCH_SIZE))

    def score_batch(
        self, pairs: Iterable[Pair], batch_size: int | None = None
    ) -> list[EmpathyScore]:
        """Scores in input order. Pairs of similar length share an encoder call (less padding);
        the default batch size is the bundle's, which gives the levels `score` gives."""
        batch_size = batch_size or self.batch_size
        pairs = _as_pairs(pairs)
        results: list[EmpathyScore | None] = [None] * len(pairs)
        for encoded in self._encoded_batches(pairs, batch_size):
            probabilities = self._level_probabilities(encoded)
            for row, index in enumerate(encoded.indices):
                results[index] = self._result(encoded, probabilities, row)
        return [r for r in results if r is not None]

    def predict_proba(
        self, pairs: Iterable[Pair], batch_size: int | None = None
    ) -> dict[str, np.ndarray]:
        """Per mechanism an (n, 3) array of level probabilities, like scikit-learn."""
        batch_size = batch_size or self.batch_size
        pairs = _as_pairs(pairs)
        out = {m: np.zeros((len(pairs), 3), dtype=np.float32) for m in MECHANISMS}
        for encoded in self._encoded_batches(pairs, batch_size):
            probabilities = self._level_probabilities(encoded)
            for m in MECHANISMS:
                out[m][encoded.indices] = probabilities[m]
        return out

    def predict(
        self, pairs: Iterable[Pair], batch_size: int | None = None
    ) -> dict[str, np.ndarray]:
        """Per mechanism an (n,) array of levels 0/1/2."""
        return {m: p.argmax(axis=1) for m, p in self.predict_proba(pairs, batch_size).items()}

    def score_with_features(
        self, pairs: Iterable[Pair]
    ) -> tuple[list[EmpathyScore], dict[str, np.ndarray]]:
        """EPITOME scores and the pooled encoder features of the same pass, so other heads
        (MI behaviour, support strategy) read the pair without encoding it again."""
        pairs = _as_pairs(pairs)
        results: list[EmpathyScore | None] = [None] * len(pairs)
        features = self._empty_features(len(pairs))
        for encoded in self._encoded_batches(pairs, self.batch_size):
            probabilities = self._level_probabilities(encoded)
            for name, values in encoded.pooled.items():
                features[name][encoded.indices] = values
            for row, index in enumerate(encoded.indices):
                results[index] = self._result(encoded, probabilities, row)
        return [r for r in results if r is not None], features

    def features(self, pairs: Iterable[Pair]) -> dict[str, np.ndarray]:
        """Pooled encoder features ("mean_all", "mean_response") per pair, batched as the
        bundle allows (exact, like `score`); no EPITOME heads are run."""
        pairs = _as_pairs(pairs)
        features = self._empty_features(len(pairs))
        for encoded in self._encoded_batches(pairs, self.batch_size):
            for name, values in encoded.pooled.items():
                features[name][encoded.indices] = values
        return features

    def _empty_features(self, n: int) -> dict[str, np.ndarray]:
        dim = self.encoder.hidden_size
        return {name: np.zeros((n, dim), dtype=np.float32) for name in POOLED}

    # --- internals -----------------------------------------------------------------------
    def encode_batches(
        self, pairs: list[Pair], batch_size: int = TOKENIZE_CHUNK
    ) -> Iterator[tuple[list[int], EncodedBatch]]:
        """Tokenized batches of similar length (less padding) with their input positions."""
        lengths = [len(c) + len(r) for c, r in pairs]  # a cheap proxy for token length
        order = sorted(range(len(pairs)), key=lambda i: lengths[i])
        for begin in range(0, len(order), batch_size):
            indices = order[begin : begin + batch_size]
            yield indices, self.pair_encoder.encode([pairs[i] for i in indices])

    def _encoded_batches(self, pairs: list[Pair], batch_size: int) -> Iterator[EncoderPass]:
        if batch_size > 1:
            for indices, batch in self.encode_batches(pairs, batch_size):
                hidden = self.encoder.hidden_states(batch)
                rows = [hidden[i, : len(batch.token_offsets[i])] for i in range(len(batch))]
                yield EncoderPass(indices, batch, rows, pooled_features(batch, hidden), hidden)
            return
        for indices, batch in self.encode_batches(pairs, TOKENIZE_CHUNK):
            rows = [self.encoder.hidden_states(batch.row(i))[0] for i in range(len(batch))]
            yield EncoderPass(indices, batch, rows, pooled_rows(batch, rows))

    def _level_probabilities(self, encoded: EncoderPass) -> dict[str, np.ndarray]:
        batch = encoded.batch
        probabilities = {}
        for m in MECHANISMS:
            head = self.heads.levels[m]
            parts = []
            for name in head.features:
                if name == "rationale":
                    hidden = encoded.padded()
                    token_proba = self.heads.taggers[m].token_proba(hidden)
                    parts.append(rationale_pool(hidden, token_proba, batch.response_mask))
                else:
                    parts.append(encoded.pooled[name])
            probabilities[m] = head.predict_proba(np.concatenate(parts, axis=-1))
        return probabilities

    def _result(
        self, encoded: EncoderPass, probabilities: dict[str, np.ndarray], row: int
    ) -> EmpathyScore:
        batch = encoded.batch
        scores = {}
        for m in MECHANISMS:
            proba = probabilities[m][row]
            level = int(np.argmax(proba))
            tagger = self.heads.taggers.get(m)
            rationale: tuple[RationaleSpan, ...] = ()
            if level > 0 and tagger is not None:
                token_proba = tagger.token_proba(encoded.rows[row])
                rationale = rationale_spans(
                    batch.responses[row], batch.token_offsets[row], token_proba, tagger
                )
            scores[m] = MechanismScore(level, tuple(float(p) for p in proba), rationale)
        return EmpathyScore(**scores, model=self.model)


POOLED = ("mean_all", "mean_response")


@dataclass
class EncoderPass:
    """One tokenized batch through the encoder: its input positions, each row's unpadded hidden
    states, and the pooled features, pooled once for every head that reads them."""

    indices: list[int]
    batch: EncodedBatch
    rows: list[np.ndarray]  # per row (tokens, dim), without padding
    pooled: dict[str, np.ndarray]  # POOLED name -> (batch, dim)
    hidden: np.ndarray | None = None  # (batch, seq, dim): the padded call's, else built on demand

    def padded(self) -> np.ndarray:
        """The rows zero-padded into one (batch, seq, dim) array, built only when a level head
        pools over rationale probabilities: gathering it cost more than the shipped heads."""
        if self.hidden is None:
            self.hidden = _zero_padded(self.batch, self.rows)
        return self.hidden


def pooled_features(batch: EncodedBatch, hidden: np.ndarray) -> dict[str, np.ndarray]:
    return {
        "mean_all": masked_mean(hidden, batch.attention_mask),
        "mean_response": masked_mean(hidden, batch.response_mask),
    }


def pooled_rows(batch: EncodedBatch, rows: list[np.ndarray]) -> dict[str, np.ndarray]:
    """`pooled_features` of the zero-padded batch of unpadded `rows`, bit for bit: the same
    float32 sums in the same order, without multiplying the padding by its zero weights."""
    pooled = {name: np.zeros((len(rows), rows[0].shape[-1]), dtype=np.float32) for name in POOLED}
    masks = {"mean_all": batch.attention_mask, "mean_response": batch.response_mask}
    for i, row in enumerate(rows):
        for name, mask in masks.items():
            selected = mask[i, : row.shape[0]].astype(bool)
            count = np.float32(max(int(selected.sum()), 1))
            pooled[name][i] = row[selected].sum(axis=0) / count
    return pooled


def _zero_padded(batch: EncodedBatch, rows: list[np.ndarray]) -> np.ndarray:
    """Unpadded per-row hidden states gathered into one zero-padded (batch, seq, dim) array."""
    hidden = np.zeros((*batch.input_ids.shape, rows[0].shape[-1]), dtype=np.float32)
    for i, row in enumerate(rows):
        hidden[i, : row.shape[0]] = row
    return hidden


def rationale_spans(
    response: str, offsets: np.ndarray, token_proba: np.ndarray, tagger: TokenTagger
) -> tuple[RationaleSpan, ...]:
    """Runs of tagged response tokens, widened to whole words, as character spans."""
    selected = (token_proba >= tagger.threshold) & (offsets[:, 0] >= 0)
    spans: list[list[int]] = []
    for index in np.flatnonzero(selected):
        start, end = int(offsets[index, 0]), int(offsets[index, 1])
        if spans and index > 0 and selected[index - 1]:
            spans[-1][1] = end  # continue the run of consecutive tagged tokens
        else:
            spans.append([start, end])
    widened: list[list[int]] = []
    for start, end in spans:
        while start > 0 and not response[start - 1].isspace():
            start -= 1
        while end < len(response) and not response[end].isspace():
            end += 1
        if widened and start <= widened[-1][1]:
            widened[-1][1] = max(end, widened[-1][1])
        else:
            widened.append([start, end])
    return tuple(RationaleSpan(s, e, response[s:e]) for s, e in widened)


def _as_pairs(pairs: Iterable[Pair]) -> list[Pair]:
    result = []
    for pair in pairs:
        if not isinstance(pair, Sequence) or isinstance(pair, str | bytes) or len(pair) != 2:
            raise InvalidInputError("each pair must be a (context, response) tuple")
        result.append((clean_text(pair[0]), clean_text(pair[1])))
    return result


def load_scorer(model: str | Path = DEFAULT_MODEL, *, threads: int | None = None) -> EmpathyScorer:
    """Load a bundle shipped in the package (by name) or from a directory, verifying sha256."""
    directory = Path(model) if isinstance(model, Path) or "/" in str(model) else MODELS_DIR / model
    manifest = read_manifest(directory)
    verify_files(manifest)
    try:
        with np.load(manifest.path(manifest.heads_file), allow_pickle=False) as archive:
            arrays = {key: archive[key] for key in archive.files}
    except (OSError, ValueError) as error:
        raise ModelIntegrityError(f"{manifest.heads_file}: unreadable heads ({error})") from None
    return EmpathyScorer(
        manifest=manifest,
        encoder=OnnxEncoder(manifest.path(manifest.encoder), threads=threads),
        pair_encoder=PairEncoder.from_file(
            manifest.path(manifest.tokenizer),
            max_tokens=manifest.max_tokens,
            max_context_tokens=manifest.max_context_tokens,
        ),
        heads=HeadRegistry.from_arrays(manifest.heads, arrays),
    )
