"""Exceptions of the scoring engine; all derive from NlpError so callers can catch one type."""


class NlpError(Exception):
    """Base class for every error the scoring engine raises on purpose."""


class ModelIntegrityError(NlpError):
    """An artifact is missing or its sha256 differs from the manifest: refuse to load it."""


class InvalidInputError(NlpError, ValueError):
    """Text given to the scorer cannot be used (for example bytes that are not UTF-8)."""


class DataError(NlpError):
    """A dataset file is missing, unreadable, not UTF-8 or lacks required columns."""


class UnknownTaskError(NlpError):
    """A task name that no trainer or evaluator is registered for."""
