"""The values the redaction API returns: spans on the original text and the redacted text."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

KINDS: tuple[str, ...] = ("EMAIL", "URL", "PHONE", "ADDRESS", "DATE", "ID", "NAME")


@dataclass(frozen=True)
class Redaction:
    """One identifier found in a text: ``text[start:end]`` of the ORIGINAL text is of ``kind``."""

    start: int
    end: int
    kind: str

    @property
    def placeholder(self) -> str:
        return f"[{self.kind}]"


@dataclass(frozen=True)
class RedactionResult:
    """The redacted text and the spans (on the original text) that were replaced."""

    text: str
    redactions: tuple[Redaction, ...]

    @property
    def counts_by_kind(self) -> dict[str, int]:
        counts = Counter(r.kind for r in self.redactions)
        return {kind: counts[kind] for kind in KINDS if counts[kind]}
