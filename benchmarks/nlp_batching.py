"""Compare encoder batch sizes for the shipped scorer on the bench workload, in one run.

    .venv/bin/python benchmarks/nlp_batching.py [--pairs 256]

Prints pairs/s per batch size (ratios against batch size 1) and how far padded batches move the
probabilities and levels away from one-pair-per-call scoring (int8 dynamic quantization uses one
activation scale per call).
"""

import argparse
import time

import numpy as np

from empathic.nlp import load_scorer
from empathic.nlp.bench import generate_workload


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=256)
    args = parser.parse_args()
    scorer = load_scorer()
    pairs = generate_workload(args.pairs)
    scorer.predict_proba(pairs[:32])  # warm-up
    exact = scorer.predict_proba(pairs, batch_size=1)
    baseline = None
    for batch_size in (1, 8, 32):
        started = time.perf_counter()
        proba = scorer.predict_proba(pairs, batch_size=batch_size)
        rate = len(pairs) / (time.perf_counter() - started)
        baseline = baseline or rate
        diff = max(float(np.abs(proba[m] - exact[m]).max()) for m in proba)
        flips = sum(int((proba[m].argmax(1) != exact[m].argmax(1)).sum()) for m in proba)
        print(
            f"batch {batch_size:>2}: {rate:7.1f} pairs/s ({rate / baseline:4.2f}x)  "
            f"max |dp| {diff:.4f}  level changes {flips}/{3 * len(pairs)}"
        )


if __name__ == "__main__":
    main()
