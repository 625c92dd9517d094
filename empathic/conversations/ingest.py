"""From uploaded bytes or pasted text to redacted, pseudonymised turns, in memory only.

Nothing here touches the database or the disk: the original bytes live only in this request's
memory (the upload handler in ``uploads.py`` keeps them there) and are gone when it ends.

Speakers are renamed to their role ("Practitioner", "Client", then "Client 2", ...)
and every participant name, every name the practitioner lists and every identifier the redaction
layer finds (emails, phone numbers, addresses, dates, ID numbers, other person names) is replaced
by a placeholder before the turns are stored.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from empathic.analysis.errors import TranscriptError
from empathic.analysis.transcripts import Limits, parse_bytes, parse_text
from empathic.analysis.transcripts.confidence import detect_practitioner
from empathic.conversations.limits import transcript_limits
from empathic.redaction import redact, redact_turns

if TYPE_CHECKING:
    from collections.abc import Sequence

PRACTITIONER_LABEL = "Practitioner"
CLIENT_LABEL = "Client"
FORMATS = ("vtt", "srt", "txt", "csv", "json")
_SPACE = re.compile(r"\s+")
_NAME_SPLIT = re.compile(r"[\n,;]+")


@dataclass(frozen=True)
class PreparedTurn:
    index: int
    role: str  # "practitioner" or "client"
    speaker: str  # the pseudonym
    text: str  # redacted
    start: float | None


class PractitionerUnsure(TranscriptError):
    """The heuristic was not sure which speaker is the practitioner: ask before storing.

    Carries the speakers as written (before redaction) for that one response only; they are
    never stored."""

    def __init__(self, detected: str, speakers: Sequence[str], confidence: float) -> None:
        super().__init__(f"not sure which speaker is the practitioner ({confidence:.2f})")
        self.detected = detected
        self.speakers = tuple(speakers)
        self.confidence = confidence


@dataclass(frozen=True)
class PreparedUpload:
    source_format: str
    turns: tuple[PreparedTurn, ...]
    practitioner_method: str
    redaction_counts: dict[str, int]
    content_sha256: str
    warnings: tuple[str, ...]


def split_names(raw: str) -> tuple[str, ...]:
    """Names typed one per line or separated by commas; blanks dropped, order kept."""
    names = (name.strip() for name in _NAME_SPLIT.split(raw or ""))
    return tuple(dict.fromkeys(name for name in names if name))


def content_hash(turns: Sequence[PreparedTurn]) -> str:
    """SHA-256 of the redacted turns, whitespace-normalised: the same session uploaded twice
    (even re-exported in another format) hashes the same."""
    digest = hashlib.sha256()
    for turn in turns:
        text = _SPACE.sub(" ", turn.text).strip().lower()
        digest.update(f"{turn.role}\t{text}\n".encode())
    return digest.hexdigest()


def prepare(
    *,
    data: bytes | None = None,
    text: str | None = None,
    filename: str = "",
    source_format: str | None = None,
    practitioner_name: str = "",
    names: Sequence[str] = (),
    limits: Limits | None = None,
    confirm_unsure: bool = False,
) -> PreparedUpload:
    """Parse, identify the practitioner, redact. Raises TranscriptError with a one-line reason
    (LimitExceeded, before any redaction, for a transcript over `limits`, default: settings').

    With `confirm_unsure`, a detected practitioner below the detector's confidence threshold
    raises PractitionerUnsure (before any redaction) so the page can ask who is who."""
    limits = limits or transcript_limits()
    if data is not None:
        transcript = parse_bytes(
            data, filename=filename, format=source_format or None, limits=limits
        )
    elif text is not None and text.strip():
        transcript = parse_text(text, format=source_format or "txt", limits=limits)
    else:
        raise TranscriptError("nothing to read: the transcript is empty")
    detection = detect_practitioner(transcript, practitioner_name or None)
    if confirm_unsure and detection.needs_confirmation:
        raise PractitionerUnsure(detection.practitioner, transcript.speakers, detection.confidence)
    practitioner, method = detection.practitioner, detection.explanation
    roles = {
        s: PRACTITIONER_LABEL if s == practitioner else CLIENT_LABEL for s in transcript.speakers
    }
    listed = tuple(names) + ((practitioner_name,) if practitioner_name else ())
    redacted, counts = redact_turns(
        [(turn.speaker, turn.text) for turn in transcript.turns],
        names=listed,
        speaker_labels=roles,
    )
    turns = tuple(
        PreparedTurn(
            index=index,
            role="practitioner" if original.speaker == practitioner else "client",
            speaker=pseudonym[:40],
            text=redacted_text,
            start=original.start,
        )
        for index, (original, (pseudonym, redacted_text)) in enumerate(
            zip(transcript.turns, redacted, strict=True)
        )
    )
    return PreparedUpload(
        source_format=transcript.source_format,
        turns=turns,
        practitioner_method=_redact_names(method, transcript.speakers, listed),
        redaction_counts=dict(counts),
        content_sha256=content_hash(turns),
        warnings=tuple(transcript.warnings),
    )


def redact_free_text(text: str, *, names: Sequence[str] = ()) -> str:
    """Redact a practitioner-written field (the title) with the same names."""
    return redact(text, names=tuple(names)).text


def looks_identifying(reference: str) -> bool:
    """True when a client reference contains something the redaction layer would remove."""
    return bool(reference) and redact(reference).text != reference


def _redact_names(method: str, speakers: Sequence[str], names: Sequence[str]) -> str:
    """The identification method names the practitioner's speaker label: keep it out."""
    method = method.replace("with --practitioner", "by the uploader")
    return redact(method, names=(*speakers, *names)).text
