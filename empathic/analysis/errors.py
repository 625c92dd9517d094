"""Errors of conversation analysis; each carries a one-line message fit to show a user."""

from empathic.nlp.errors import NlpError


class AnalysisError(NlpError):
    """Base class: the CLI prints `error: <message>` and exits with code 2."""


class TranscriptError(AnalysisError):
    """A transcript cannot be read: empty, binary, too large, malformed, one speaker, ..."""


class LimitExceeded(TranscriptError):
    """A transcript is over one of the `Limits`. `limit` names the field (``"max_words"``, ...),
    `maximum` its value and `turn` the 1-based turn it concerns, if one, so a caller can word
    the message itself (the platform translates it)."""

    def __init__(self, message: str, *, limit: str, maximum: int, turn: int | None = None):
        super().__init__(message)
        self.limit, self.maximum, self.turn = limit, maximum, turn


class AnalysisTimeout(AnalysisError):
    """The analysis ran past its time budget (`Limits.max_seconds`) and was stopped."""

    def __init__(self, message: str, *, budget: float, done: int, total: int):
        super().__init__(message)
        self.budget, self.done, self.total = budget, done, total


class GeneratorError(AnalysisError):
    """The optional suggestion generator (an OpenAI-compatible endpoint) failed."""
