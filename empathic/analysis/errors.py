"""Errors of conversation analysis; each carries a one-line message fit to show a user."""

from empathic.nlp.errors import NlpError


class AnalysisError(NlpError):
    """Base class: the CLI prints `error: <message>` and exits with code 2."""


class TranscriptError(AnalysisError):
    """A transcript cannot be read: empty, binary, too large, malformed, one speaker, ..."""


class GeneratorError(AnalysisError):
    """The optional suggestion generator (an OpenAI-compatible endpoint) failed."""
