"""Find identifiers in text and replace them with placeholders, before anything is stored."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from .names import _ROLE_WORDS, find_names
from .patterns import Candidate, find_addresses, find_dates, find_ids, find_online
from .phones import find_phones
from .types import KINDS, Redaction, RedactionResult

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

PLACEHOLDER_RE = re.compile(rf"\[(?:{'|'.join(KINDS)})\]")
_ADDRESS_JOIN_RE = re.compile(r"[\s,]{0,3}")
_GENERIC_SPEAKER_RE = re.compile(r"(?:[A-Za-z]|[A-Za-z]+\s*\d{0,3})")


def _candidates(text: str, names: Iterable[str]) -> list[Candidate]:
    found: list[Candidate] = []
    for detector in (find_online, find_dates, find_ids, find_phones, find_addresses):
        found.extend(detector(text))
    found.extend(find_names(text, names))
    return found


def _merge(text: str, candidates: list[Candidate]) -> list[Redaction]:
    # Placeholders left by an earlier pass are not identifiers (redaction is idempotent).
    guarded = [(m.start(), m.end()) for m in PLACEHOLDER_RE.finditer(text)]
    if guarded:
        candidates = [
            c for c in candidates if not any(s <= c.start and c.end <= e for s, e in guarded)
        ]
    candidates = sorted(c for c in candidates if c.end > c.start)
    merged: list[tuple[int, int, Candidate]] = []  # (start, end, the winning candidate)
    for c in candidates:
        if merged and c.start < merged[-1][1]:
            start, end, best = merged[-1]
            if (c.priority, c.end - c.start) > (best.priority, best.end - best.start):
                best = c
            merged[-1] = (start, max(end, c.end), best)
        else:
            merged.append((c.start, c.end, c))
    out: list[Redaction] = []
    for start, end, best in merged:
        # The parts of one address ("Flat 3, 21 Rose Lane, Leeds LS6 2AB") make one span.
        if (
            out
            and best.kind == "ADDRESS"
            and out[-1].kind == "ADDRESS"
            and _ADDRESS_JOIN_RE.fullmatch(text, out[-1].end, start)
        ):
            out[-1] = Redaction(out[-1].start, end, "ADDRESS")
            continue
        out.append(Redaction(start, end, best.kind))
    return out


def find_identifiers(text: str, *, names: Iterable[str] = ()) -> list[Redaction]:
    """Identifiers in ``text``: sorted, non-overlapping spans on ``text`` itself.

    ``names`` are people's names known to be in the conversation (participants, people the
    practitioner lists); each is found in full and by each part, in any case.
    """
    if not text:
        return []
    return _merge(text, _candidates(text, tuple(names)))


def redact(text: str, *, names: Iterable[str] = ()) -> RedactionResult:
    """Replace every identifier with a placeholder such as ``[NAME]`` or ``[PHONE]``."""
    spans = find_identifiers(text, names=names)
    pieces: list[str] = []
    pos = 0
    for r in spans:
        pieces.append(text[pos : r.start])
        pieces.append(r.placeholder)
        pos = r.end
    pieces.append(text[pos:])
    return RedactionResult(text="".join(pieces), redactions=tuple(spans))


def _is_generic_speaker(speaker: str) -> bool:
    # "Client", "Speaker 2", "A": labels, not names; they must not be redacted inside texts.
    s = speaker.strip()
    if not s or not _GENERIC_SPEAKER_RE.fullmatch(s):
        return False
    return len(s) == 1 or s.rstrip("0123456789 ").casefold() in _ROLE_WORDS


def redact_turns(
    turns: Sequence[tuple[str, str]],
    *,
    names: Iterable[str] = (),
    speaker_labels: Mapping[str, str] | None = None,
) -> tuple[list[tuple[str, str]], dict[str, int]]:
    """Redact a conversation of ``(speaker, text)`` turns.

    Speakers become stable pseudonyms: ``speaker_labels`` maps a speaker to a role
    ("Practitioner", "Client"); a second speaker with the same role becomes "Client 2"; speakers
    without a role become "Speaker 1", "Speaker 2"... in order of first appearance. Every
    speaker's name (unless it is already a generic label) joins ``names`` and is redacted inside
    every text. Returns the turns and the number of redactions of each kind.
    """
    labels = dict(speaker_labels or {})
    all_names = [*names]
    all_names.extend(s for s, _ in turns if not _is_generic_speaker(s))
    pseudonyms: dict[str, str] = {}
    used: Counter[str] = Counter()
    unlabelled = 0
    for speaker, _ in turns:
        if speaker in pseudonyms:
            continue
        role = labels.get(speaker)
        if role is None:
            if _is_generic_speaker(speaker) and len(speaker.strip()) > 1:
                role = speaker.strip()
            else:
                unlabelled += 1
                pseudonyms[speaker] = f"Speaker {unlabelled}"
                continue
        used[role] += 1
        pseudonyms[speaker] = role if used[role] == 1 else f"{role} {used[role]}"
    counts: Counter[str] = Counter()
    out: list[tuple[str, str]] = []
    for speaker, text in turns:
        result = redact(text, names=all_names)
        counts.update(result.counts_by_kind)
        out.append((pseudonyms[speaker], result.text))
    return out, {kind: counts[kind] for kind in KINDS if counts[kind]}
