"""Throughput, latency and memory of the scorer on a fixed, generated workload."""

from __future__ import annotations

import random
import resource
import time
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from empathic.nlp.scorer import EmpathyScorer

_FEELINGS = ["exhausted", "hopeless", "anxious", "numb", "angry", "lonely", "ashamed", "scared"]
_EVENTS = [
    "I lost my job last month and the bills keep piling up",
    "my girlfriend left after four years and took the dog",
    "my mum is in hospital again and nobody tells us anything",
    "I failed my exams and my parents keep comparing me to my brother",
    "I moved to a new city for work and I don't know a single person here",
    "I have been clean for ninety days but the cravings came back this week",
]
_SEEKER_SENTENCES = [
    "I don't really know why I'm posting this.",
    "Every morning I wake up and feel {f} before I even open my eyes.",
    "{e}.",
    "My friends say it will get better but they stopped asking how I am.",
    "I tried talking to a counsellor once and it felt like a waste of time.",
    "At night I lie awake replaying everything I did wrong.",
    "Some days I feel {f} and other days I feel nothing at all.",
    "I keep telling myself to push through but I'm running out of energy.",
    "Is it normal to feel this {f} for so long?",
    "I just want someone to tell me it's not all my fault.",
]
_RESPONSE_SENTENCES = [
    "That sounds incredibly hard, and I'm sorry you're going through it.",
    "It makes sense that you feel {f} after everything that has happened.",
    "I went through something similar when I was younger and it took time.",
    "What has helped you get through the worst days so far?",
    "You reached out here, and that takes real courage.",
    "Have you been able to talk to anyone close to you about this?",
    "It sounds like you are carrying a lot on your own right now.",
]


def generate_workload(n: int, seed: int = 2020) -> list[tuple[str, str]]:
    """Reddit-length seeker posts (4-9 sentences) with 1-3 sentence responses; deterministic."""
    rng = random.Random(seed)
    pairs = []
    for _ in range(n):
        fill = {"f": rng.choice(_FEELINGS), "e": rng.choice(_EVENTS)}
        seeker = " ".join(
            s.format(**fill) for s in rng.sample(_SEEKER_SENTENCES, rng.randint(4, 9))
        )
        response = " ".join(
            s.format(**fill) for s in rng.sample(_RESPONSE_SENTENCES, rng.randint(1, 3))
        )
        pairs.append((seeker, response))
    return pairs


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run_bench(
    scorer: EmpathyScorer, n_pairs: int = 256, n_single: int = 200, rounds: int = 3
) -> dict[str, Any]:
    """Scorer pairs/s vs the bare encoder on the same inputs, single-pair latency, peak RSS.

    Scorer and encoder passes alternate for `rounds` rounds and the best round of each counts,
    so a burst of load from another process hits both sides alike instead of skewing the ratio.
    """
    pairs = generate_workload(n_pairs)
    scorer.score_batch(pairs[:32])  # warm-up: first runs allocate
    # The floor: the same encoder calls the scorer makes (one unpadded pair each, or the
    # bundle's exact batches of similar length), nothing else.
    if scorer.batch_size > 1:
        rows = [b for _, b in scorer.encode_batches(pairs, scorer.batch_size)]
    else:
        rows = [b.row(i) for _, b in scorer.encode_batches(pairs) for i in range(len(b))]
    scorer_rates, encoder_rates = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        scorer.score_batch(pairs)
        scorer_rates.append(n_pairs / (time.perf_counter() - started))
        started = time.perf_counter()
        for row in rows:
            scorer.encoder.hidden_states(row)
        encoder_rates.append(n_pairs / (time.perf_counter() - started))

    latencies = []
    for context, response in pairs[:n_single]:
        started = time.perf_counter()
        scorer.score(context=context, response=response)
        latencies.append((time.perf_counter() - started) * 1000)
    return {
        "pairs_per_second": round(max(scorer_rates), 1),
        "encoder_pairs_per_second": round(max(encoder_rates), 1),
        "p50_single_ms": round(float(np.percentile(latencies, 50)), 2),
        "p95_single_ms": round(float(np.percentile(latencies, 95)), 2),
        "rss_mb": round(peak_rss_mb(), 1),
    }
