"""The learned concern layer: linear heads over the features the analyser already has.

A practitioner turn is encoded once, as the pair (client's last turn, turn); the EPITOME and
signal heads read its pooled features. The concern heads read the same pooled pair features plus
hashed word n-grams of the turn (ngrams.py), so the layer costs no encoder pass: a flag head
(P(harmful)) and a kind head (softmax over the concern kinds). The patterns generalise poorly to
wordings their author had not seen; the heads carry what a harmful reply sounds like in general.

The bundle (`models/`) names the encoder it was trained on by sha256 and every file by sha256;
`load_concern_model(scorer)` refuses a bundle that does not match (see MODEL_CARD.md there).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from empathic.nlp.artifacts import verify_file
from empathic.nlp.concerns.patterns import SENTENCE
from empathic.nlp.errors import ModelIntegrityError
from empathic.nlp.ngrams import BUCKETS, sparse_row
from empathic.nlp.signal_heads import SignalHead

if TYPE_CHECKING:
    from empathic.nlp.scorer import EmpathyScorer

BUNDLE_DIR = Path(__file__).resolve().parent / "models"
HEADS_FILE = "heads.npz"


@dataclass(frozen=True)
class LearnedReading:
    """What the heads say about one turn: P(harmful), the likeliest kind, and the sentence
    (text[start:end]) the flag head's n-grams score highest."""

    probability: float
    kind: str
    start: int
    end: int


class ConcernModel:
    """The flag and kind heads of one bundle, with the flag threshold chosen on dev."""

    def __init__(
        self,
        name: str,
        version: str,
        flag: SignalHead,
        kind: SignalHead,
        threshold: float,
        doubt: float | None = None,
    ) -> None:
        self.name, self.version = name, version
        self.flag, self.kind, self.threshold = flag, kind, threshold
        # P(harmful) from which a turn with no concern gets no strong credit (see
        # detector.read_concerns); a bundle without one doubts nothing below its threshold.
        self.doubt = threshold if doubt is None else doubt

    @property
    def model(self) -> str:
        return f"{self.name}@{self.version}"

    def probability(self, dense: np.ndarray, texts: list[str]) -> np.ndarray:
        """(n,) P(harmful) for dense (n, 2*hidden) pooled pair features and the turns' texts."""
        fields = [{"text": t} for t in texts]
        return self.flag.predict_proba(_as_2d(dense), fields)[:, 0]

    def read(self, dense: np.ndarray, texts: list[str]) -> list[LearnedReading]:
        dense = _as_2d(dense)
        fields = [{"text": t} for t in texts]
        probabilities = self.flag.predict_proba(dense, fields)[:, 0]
        kinds = self.kind.predict_proba(dense, fields).argmax(axis=1)
        out = []
        for text, p, k in zip(texts, probabilities, kinds, strict=True):
            start, end = self.sentence_span(text)
            out.append(LearnedReading(float(p), self.kind.labels[int(k)], start, end))
        return out

    def sentence_span(self, text: str) -> tuple[int, int]:
        """The sentence whose n-grams the flag head scores highest (each sentence scored alone,
        L2-normalised like a turn): where a learned-only flag points, without another encoder
        pass. Leading space and trailing punctuation are left out, as in the pattern spans."""
        norm = text.replace("’", "'").replace("‘", "'")  # same length: offsets stay valid
        best: tuple[float, int, int] | None = None
        for match in SENTENCE.finditer(norm):
            body = match.group()
            stripped = body.strip().rstrip(".!?…,;: \t")
            if not stripped:
                continue
            start = match.start() + body.index(stripped[0])
            indices, values = sparse_row([body], self.flag.idf)
            score = float(self.flag.ngram_weight[0, indices].astype(np.float32) @ values)
            if best is None or score > best[0]:
                best = (score, start, start + len(stripped))
        if best is None:
            return 0, len(text)
        return best[1], best[2]


def load_concern_model(encoder_sha256: str | None, bundle: Path = BUNDLE_DIR) -> ConcernModel:
    """Load and verify the bundle; refuse it if it was trained on another encoder than the one
    whose sha256 is given (the features would mean something else)."""
    manifest_path = bundle / "manifest.json"
    try:
        manifest: dict[str, Any] = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ModelIntegrityError(f"{manifest_path}: unreadable manifest ({error})") from None
    model_id = f"{manifest.get('name')}@{manifest.get('version')}"
    if manifest.get("encoder_sha256") != encoder_sha256:
        raise ModelIntegrityError(f"{model_id} was trained on another encoder; retrain it")
    for name, expected in manifest.get("files", {}).items():
        verify_file(bundle / name, expected, model_id)
    try:
        with np.load(bundle / manifest["heads_file"], allow_pickle=False) as archive:
            arrays = {key: archive[key] for key in archive.files}
        idf = arrays["idf"].astype(np.float32)
        flag = _head("flag", "sigmoid", ("harmful",), arrays, idf)
        kind = _head("kind", "softmax", tuple(manifest["kinds"]), arrays, idf)
        threshold = float(manifest["threshold"])
        doubt = float(manifest.get("doubt_threshold", threshold))
    except (OSError, ValueError, KeyError) as error:
        raise ModelIntegrityError(f"{bundle}: unreadable concern heads ({error})") from None
    return ConcernModel(manifest["name"], manifest["version"], flag, kind, threshold, doubt)


def _head(
    prefix: str, kind: str, labels: tuple[str, ...], arrays: dict[str, np.ndarray], idf
) -> SignalHead:
    ngram_weight = arrays[f"{prefix}.ngram_weight"]
    if ngram_weight.shape != (len(labels), BUCKETS):
        raise ModelIntegrityError(f"concerns.{prefix}: n-gram weights do not match the buckets")
    return SignalHead(
        name=f"concerns.{prefix}",
        output=prefix,
        kind=kind,
        labels=labels,
        fields=("text",),
        dense_weight=arrays[f"{prefix}.dense_weight"].astype(np.float32),
        ngram_weight=ngram_weight,
        bias=arrays[f"{prefix}.bias"].astype(np.float32),
        idf=idf,
    )


def _as_2d(dense: np.ndarray) -> np.ndarray:
    dense = np.asarray(dense, dtype=np.float32)
    return dense[None, :] if dense.ndim == 1 else dense


def load_for_scorer(scorer: EmpathyScorer, bundle: Path = BUNDLE_DIR) -> ConcernModel:
    """The bundle, verified against the encoder of a loaded EPITOME scorer."""
    return load_concern_model(scorer.manifest.files.get(scorer.manifest.encoder), bundle)
