"""Which speaker is the practitioner.

Named: `--practitioner NAME` matches a speaker case-insensitively, by full name, then by first
name, then by a prefix of the name, as long as exactly one speaker matches.

Not named, a heuristic: practitioners ask and reflect, clients answer and tell. Each speaker
scores one point per question asked (each "?"-ended sentence), two per turn that opens a
reflection ("it sounds like", "you feel", "what I'm hearing", ...), and one for speaking first
(practitioners usually open the session). The highest score wins; on a tie the speaker who spoke
earliest wins, and the method sentence says so. The sentence is shown in the report so a reader
can see why and correct it with --practitioner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from empathic.analysis.errors import TranscriptError
from empathic.analysis.transcripts.builder import require_two_speakers, squash

if TYPE_CHECKING:
    from empathic.analysis.transcripts.model import Transcript

_QUESTION = re.compile(r"[?？؟]+")  # Latin, full-width and Arabic question marks
_REFLECTION = re.compile(
    r"\b(?:it sounds like|sounds like you|it seems like|it seems you|seems like you|you feel|"
    r"you're feeling|you are feeling|you felt|you've been feeling|what i'm hearing|"
    r"what i am hearing|i'm hearing|i hear that|i hear you|you're saying|you are saying|"
    r"it must be|must feel|must have been|so you're|you sound)\b",
    re.IGNORECASE,
)
_LISTED = 10  # speakers named in an error, at most


@dataclass(frozen=True)
class _Score:
    speaker: str
    questions: int
    reflections: int
    first: bool

    @property
    def total(self) -> int:
        return self.questions + 2 * self.reflections + int(self.first)

    def describe(self) -> str:
        q = "question" if self.questions == 1 else "questions"
        r = "reflective opener" if self.reflections == 1 else "reflective openers"
        first = ", spoke first" if self.first else ""
        return f"{self.speaker}: {self.questions} {q}, {self.reflections} {r}{first}"


def identify_practitioner(
    transcript: Transcript, practitioner: str | None = None
) -> tuple[str, str]:
    """(the practitioner's speaker name, how it was chosen, one sentence for the report)."""
    require_two_speakers(transcript)
    if practitioner is not None:
        return _named(transcript.speakers, practitioner)
    return _heuristic(transcript)


def _named(speakers: tuple[str, ...], wanted: str) -> tuple[str, str]:
    key = squash(wanted).casefold()
    if not key:
        raise TranscriptError("--practitioner is empty; give a speaker's name")
    for rule in (
        lambda s: s.casefold() == key,
        lambda s: s.split()[0].casefold() == key,
        lambda s: s.casefold().startswith(key),
    ):
        matches = [s for s in speakers if rule(s)]
        if len(matches) == 1:
            exact = matches[0].casefold() == key
            how = "" if exact else f" ({squash(wanted)!r} matched {matches[0]})"
            return matches[0], f"named with --practitioner{how}"
        if len(matches) > 1:
            raise TranscriptError(
                f"--practitioner {squash(wanted)!r} matches {_listing(matches)}; give the full name"
            )
    raise TranscriptError(
        f"no speaker named {squash(wanted)!r}; the speakers are {_listing(speakers)}"
    )


def _listing(names: tuple[str, ...] | list[str]) -> str:
    shown = ", ".join(names[:_LISTED])
    return f"{shown} and {len(names) - _LISTED} more" if len(names) > _LISTED else shown


def speaker_scores(transcript: Transcript) -> list[_Score]:
    """Each speaker's heuristic score, in order of first appearance (also read by
    `confidence.detect_practitioner`, so the margin is measured on the same points)."""
    questions: dict[str, int] = dict.fromkeys(transcript.speakers, 0)
    reflections: dict[str, int] = dict.fromkeys(transcript.speakers, 0)
    for turn in transcript.turns:
        questions[turn.speaker] += len(_QUESTION.findall(turn.text))
        text = turn.text.replace("’", "'")
        reflections[turn.speaker] += bool(_REFLECTION.search(text))
    first = transcript.speakers[0]
    return [_Score(s, questions[s], reflections[s], s == first) for s in transcript.speakers]


def _heuristic(transcript: Transcript) -> tuple[str, str]:
    scores = speaker_scores(transcript)
    best = max(score.total for score in scores)
    # Speakers are in order of first appearance, so the first best is the earliest to speak.
    tied = [score.speaker for score in scores if score.total == best]
    chosen = tied[0]
    ranked = sorted(scores, key=lambda score: -score.total)[:3]  # stable: ties stay in order
    detail = "; ".join(score.describe() for score in ranked)
    rule = (
        "1 point a question, 2 a reflective opener such as 'it sounds like', 1 for speaking first"
    )
    if len(tied) > 1:
        reason = (
            f"{' and '.join(tied[:3])} tie on the score ({rule}), so the earliest to speak, "
            f"{chosen}, is taken as the practitioner"
        )
    else:
        reason = f"{chosen} scores highest ({rule}) and is taken as the practitioner"
    return chosen, f"heuristic: {reason} ({detail}); name another with --practitioner if wrong"
