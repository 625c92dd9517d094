"""How often the practitioner heuristic picks the therapist on AnnoMI, and with what confidence.

    python -m empathic.analysis.quality.practitioner_check --data /work/shared/data/annomi

Prints the accuracy over the train + dev sessions, the confidence of right and wrong picks, and
for a few thresholds how many sessions would be asked about and how many wrong picks that
catches; `transcripts.confidence.CONFIDENCE_THRESHOLD` was chosen from this. No models needed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from empathic.analysis.quality.sessions import PRACTITIONER, read_annomi
from empathic.analysis.transcripts.confidence import CONFIDENCE_THRESHOLD, detect_practitioner

if TYPE_CHECKING:
    from collections.abc import Sequence

THRESHOLDS = (0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with AnnoMI train/dev")
    args = parser.parse_args(argv)
    sessions = read_annomi(args.data)
    right, wrong = [], []
    for session in sessions:
        found = detect_practitioner(session.transcript)
        (right if found.practitioner == PRACTITIONER else wrong).append(found.confidence)
        if found.practitioner != PRACTITIONER:
            scores = ", ".join(f"{c.speaker} {c.score}" for c in found.candidates)
            print(f"  wrong: {session.split}/{session.transcript_id} ({scores})")
    total = len(right) + len(wrong)
    print(f"therapist picked in {len(right)}/{total} sessions ({len(right) / total:.1%})")
    for name, values in (("right", right), ("wrong", wrong)):
        if values:
            q = np.percentile(values, [0, 10, 25, 50, 75, 100])
            print(f"  confidence of {name} picks: min {q[0]:.2f}, p10 {q[1]:.2f}, "
                  f"p25 {q[2]:.2f}, median {q[3]:.2f}, p75 {q[4]:.2f}, max {q[5]:.2f}")  # fmt: skip
    for threshold in sorted({*THRESHOLDS, CONFIDENCE_THRESHOLD}):
        asked = sum(c < threshold for c in right + wrong)
        caught = sum(c < threshold for c in wrong)
        mark = "  <- CONFIDENCE_THRESHOLD" if threshold == CONFIDENCE_THRESHOLD else ""
        print(f"  threshold {threshold:.2f}: ask in {asked}/{total} sessions, "
              f"catches {caught}/{len(wrong)} wrong picks{mark}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
