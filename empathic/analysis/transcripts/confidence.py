"""How sure the practitioner heuristic is, so a doubtful pick is shown and can be corrected.

The heuristic (`practitioner.py`) gives every speaker points for questions, reflective openers and
speaking first. Its confidence is the gap between the two best scores, smoothed for little
evidence:

    confidence = (top - second) / (top + second + SMOOTHING)

0 on a tie, near 1 when one speaker does all the asking and reflecting, and lower on a short
transcript where a couple of questions decide it (3 points to 1 gives 0.33; 30 to 5 gives 0.68).
Below `CONFIDENCE_THRESHOLD` the CLI warns and names `--practitioner`, and an upload page should
ask the person to choose the speaker, with the detected one pre-selected.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from empathic.analysis.transcripts.practitioner import identify_practitioner, speaker_scores

if TYPE_CHECKING:
    from empathic.analysis.transcripts.model import Transcript

SMOOTHING = 2.0
"""Pseudo-points added to the denominator: a win by 1 point to 0 is a guess, not a certainty."""

CONFIDENCE_THRESHOLD = 0.35
"""Below this, ask. On the 106 AnnoMI train + dev sessions the heuristic picked the therapist in
103; the 3 wrong picks had confidence 0.00 to 0.33, the right ones a median of 0.67. At 0.35 it
asks in 15 of 106 sessions and catches all 3 (at 0.25: 10 asked, 2 caught); a wrong practitioner
spoils the whole analysis while asking costs one click, so the threshold errs towards asking.
Measured with `python -m empathic.analysis.quality.practitioner_check`."""


@dataclass(frozen=True)
class Candidate:
    speaker: str
    score: int
    questions: int
    reflections: int
    spoke_first: bool


@dataclass(frozen=True)
class PractitionerDetection:
    practitioner: str  # the speaker taken as practitioner, as written in the transcript
    method: Literal["detected", "given"]  # heuristic, or --practitioner / a person's choice
    confidence: float  # in [0, 1]; 1.0 when given
    threshold: float
    candidates: tuple[Candidate, ...]  # every speaker, highest score first
    explanation: str = ""  # how it was identified, in words (identify_practitioner's sentence)

    @property
    def needs_confirmation(self) -> bool:
        """Detected, and not sure enough to go without asking."""
        return self.method == "detected" and self.confidence < self.threshold

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "confidence": self.confidence,
            "threshold": self.threshold,
            "needs_confirmation": self.needs_confirmation,
            "candidates": [c.__dict__ for c in self.candidates],
        }


def margin(scores: list[int]) -> float:
    ranked = sorted(scores, reverse=True)
    top, second = ranked[0], ranked[1] if len(ranked) > 1 else 0
    return round((top - second) / (top + second + SMOOTHING), 4)


def detect_practitioner(
    transcript: Transcript, practitioner: str | None = None
) -> PractitionerDetection:
    """The practitioner (named, or by the heuristic) with the heuristic's confidence and every
    speaker's score. Raises TranscriptError as `identify_practitioner` does."""
    chosen, explanation = identify_practitioner(transcript, practitioner)
    scores = speaker_scores(transcript)
    ranked = sorted(scores, key=lambda s: -s.total)  # stable: ties keep the order of speaking
    candidates = tuple(
        Candidate(s.speaker, s.total, s.questions, s.reflections, s.first) for s in ranked
    )
    given = practitioner is not None
    return PractitionerDetection(
        practitioner=chosen,
        method="given" if given else "detected",
        confidence=1.0 if given else margin([s.total for s in scores]),
        threshold=CONFIDENCE_THRESHOLD,
        candidates=candidates,
        explanation=explanation,
    )
