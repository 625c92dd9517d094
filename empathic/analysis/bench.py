"""`empathic bench` figures for full conversation analysis: turns per second with every head and
feedback, against the bare encoder (the floor the target was set against, and the encoder calls
the analysis makes for its turns, each in its context), the share of each run spent in the
encoder, and a 1-hour session end to end (a fresh `empathic analyze` process, so model loading
counts)."""

from __future__ import annotations

import contextlib
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from empathic.analysis.pipeline import analyse_transcript, encoder_contexts
from empathic.analysis.transcripts import Limits, Transcript, Turn

if TYPE_CHECKING:
    from collections.abc import Iterator

    import numpy as np

    from empathic.analysis.turn_signals import TurnSignals
    from empathic.nlp.encoding import EncodedBatch
    from empathic.nlp.onnx_encoder import OnnxEncoder
    from empathic.nlp.scorer import EmpathyScorer

_CLIENT = [
    "I got the eviction notice on Friday and I haven't slept since.",
    "Honestly I'm scared we'll end up in the car again, with the kids this time.",
    "My landlord won't answer the phone and the council keeps sending me to a website.",
    "I'm so angry. Nobody listens, everyone just hands me another form.",
    "I've been drinking more at night, just to switch my head off.",
    "Maybe I could ask my sister, but we haven't spoken in two years.",
    "I don't know. I guess I want the kids to feel safe, that's all.",
    "Work cut my hours again, so the rent was never going to happen.",
    "I'm fine. It's fine. I just need the paperwork sorted.",
    "I want to stop feeling like I'm failing them every single day.",
]
_PRACTITIONER = [
    "What has this week been like for you since the notice came?",
    "It sounds like you're carrying this on your own and you're exhausted.",
    "You need to fill in the housing form before Monday.",
    "That must be so frightening, especially with the children.",
    "Have you called the landlord?",
    "You came in today even though it's been so hard, and that matters.",
    "What would feeling safe look like for the kids, in your words?",
    "OK. Let's move on to your income.",
    "You're worried the drinking is becoming a way to cope.",
    "Would it help if we called the council together now?",
]


def generate_transcript(n_turns: int, seed: int = 2026) -> Transcript:
    """Alternating practitioner/client turns of 1-3 sentences; deterministic."""
    rng = random.Random(seed)
    turns = []
    for i in range(n_turns):
        speaker, lines = ("Sam", _PRACTITIONER) if i % 2 == 0 else ("Jordan", _CLIENT)
        text = " ".join(rng.sample(lines, rng.randint(1, 3)))
        turns.append(Turn(speaker, text, float(i * 9)))
    return Transcript(tuple(turns), "txt")


# A throughput figure, not one conversation: 2,000 generated turns hold ~44,000 words, over the
# limits a conversation gets, and the run must not stop at the time budget on a slow machine.
_THROUGHPUT = Limits(max_turns=10**9, max_words=10**9, max_seconds=None)


def run_turns_bench(analyser: TurnSignals, n_turns: int = 2000, session_turns: int = 400):
    transcript = generate_transcript(n_turns)
    analyse_transcript(generate_transcript(40, seed=1), practitioner="Sam", analyser=analyser)
    scorer = analyser.scorer
    with _timed_encoder(scorer) as timed:
        started = time.perf_counter()
        analysis = analyse_transcript(
            transcript, practitioner="Sam", analyser=analyser, limits=_THROUGHPUT
        )
        full = time.perf_counter() - started
        full_in_encoder = timed.seconds
        timed.seconds = 0.0
        started = time.perf_counter()
        analyse_transcript(
            transcript, practitioner="Sam", analyser=analyser, suggestions=False,
            limits=_THROUGHPUT,
        )  # fmt: skip
        without_suggestions = time.perf_counter() - started
        without_in_encoder = timed.seconds
    turns = transcript.turns
    # The floor the target was set against: practitioner turns with the turn before, client
    # turns alone (the analysis's encoder calls before turns were read in a 2-turn context),
    # one unpadded call each, with no heads, no feedback, no re-scoring.
    encoder = encoder_seconds(scorer, [
        (turns[i - 1].text if i else "", t.text) if i % 2 == 0 else ("", t.text)
        for i, t in enumerate(turns)
    ])  # fmt: skip
    # The encoder calls the analysis makes for the turns today: every turn with its context
    # (empathic.nlp.context), about 1.9x the word pieces of the floor above.
    in_context = encoder_seconds(
        scorer, list(zip(encoder_contexts(turns), (t.text for t in turns), strict=True))
    )
    feedback_turns = sum(1 for t in analysis.turns if t.feedback)
    return {
        "turns_per_second": round(n_turns / full, 1),
        "encoder_turns_per_second": round(n_turns / encoder, 1),
        "turns_ratio_to_encoder": round(encoder / full, 3),
        "turns_per_second_without_suggestions": round(n_turns / without_suggestions, 1),
        "ratio_to_encoder_without_suggestions": round(encoder / without_suggestions, 3),
        "encoder_turns_per_second_in_context": round(n_turns / in_context, 1),
        "turns_ratio_to_encoder_in_context": round(in_context / full, 3),
        "ratio_to_encoder_in_context_without_suggestions": round(
            in_context / without_suggestions, 3
        ),
        # Measured inside the runs above, so a burst of load from another process cannot skew
        # them as it can the ratios of runs made one after another.
        "encoder_share": round(full_in_encoder / full, 3),
        "encoder_share_without_suggestions": round(without_in_encoder / without_suggestions, 3),
        "turns_with_feedback": feedback_turns,
        "session_turns": session_turns,
        "session_seconds": session_seconds(session_turns),
    }


class _TimedEncoder:
    """The scorer's encoder, adding up the seconds its calls take."""

    def __init__(self, encoder: OnnxEncoder) -> None:
        self.encoder = encoder
        self.seconds = 0.0

    def hidden_states(self, batch: EncodedBatch) -> np.ndarray:
        started = time.perf_counter()
        try:
            return self.encoder.hidden_states(batch)
        finally:
            self.seconds += time.perf_counter() - started

    def __getattr__(self, name: str) -> Any:
        return getattr(self.encoder, name)


@contextlib.contextmanager
def _timed_encoder(scorer: EmpathyScorer) -> Iterator[_TimedEncoder]:
    """Time the scorer's encoder calls while the block runs; the shared scorer is restored."""
    encoder = scorer.encoder
    timed = _TimedEncoder(encoder)
    scorer.encoder = timed  # type: ignore[assignment]
    try:
        yield timed
    finally:
        scorer.encoder = encoder


def encoder_seconds(scorer: EmpathyScorer, pairs: list[tuple[str, str]]) -> float:
    """Wall time of the bare encoder on `pairs`, one unpadded call each (tokenized before)."""
    rows = [b.row(i) for _, b in scorer.encode_batches(pairs) for i in range(len(b))]
    started = time.perf_counter()
    for row in rows:
        scorer.encoder.hidden_states(row)
    return time.perf_counter() - started


def session_seconds(n_turns: int) -> float:
    """Wall time of `empathic analyze` on a generated session, start-up included."""
    transcript = generate_transcript(n_turns, seed=7)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "session.txt"
        path.write_text(
            "\n".join(f"{t.speaker}: {t.text}" for t in transcript.turns), encoding="utf-8"
        )
        started = time.perf_counter()
        subprocess.run(  # noqa: S603 - our own interpreter on a file we just wrote
            [sys.executable, "-m", "empathic", "analyze", str(path), "--json",
             "--practitioner", "Sam"],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        return round(time.perf_counter() - started, 2)


def merge_into(
    report: dict[str, Any], analyser: TurnSignals, n_turns: int, session_turns: int
) -> dict[str, Any]:
    return {**report, **run_turns_bench(analyser, n_turns, session_turns)}
