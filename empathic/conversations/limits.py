"""The limits on one conversation, from settings, and the sentence a user reads when one is
passed: shared by the upload (parsing), the analysis job (the time budget) and the report page,
so none of them depends on another for it."""

from __future__ import annotations

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from empathic.analysis.errors import AnalysisError, AnalysisTimeout, LimitExceeded
from empathic.analysis.transcripts import Limits


def transcript_limits() -> Limits:
    """The limits on one conversation, from settings (TRANSCRIPT_*, ANALYSIS_MAX_SECONDS,
    REPORT_MAX_BYTES), for the parser, the analysis job and the report page alike."""
    return Limits(
        max_bytes=settings.TRANSCRIPT_MAX_BYTES,
        max_turns=settings.TRANSCRIPT_MAX_TURNS,
        max_turn_chars=settings.TRANSCRIPT_MAX_TURN_CHARS,
        max_words=settings.TRANSCRIPT_MAX_WORDS,
        max_seconds=float(settings.ANALYSIS_MAX_SECONDS),
        max_report_bytes=settings.REPORT_MAX_BYTES,
    )


def _number(value: float) -> str:
    return number_format(value, force_grouping=True)


def too_large_message(max_bytes: int) -> str:
    megabytes = max_bytes / 1_000_000
    shown = _number(int(megabytes) if megabytes.is_integer() else round(megabytes, 1))
    return _("The file is larger than the %(limit)s MB limit.") % {"limit": shown}


def limit_message(error: AnalysisError) -> str:
    """A translated sentence for a transcript over a limit or an analysis out of time; the
    analysis layer's own (English) line for anything else."""
    if isinstance(error, AnalysisTimeout):
        return _(
            "The analysis took longer than its limit of %(minutes)s minutes and was stopped. "
            "Split the transcript into shorter sessions and upload them separately."
        ) % {"minutes": _number(round(error.budget / 60, 1))}
    if not isinstance(error, LimitExceeded):
        return str(error)
    limit = _number(error.maximum)
    if error.limit == "max_bytes":
        return too_large_message(error.maximum)
    if error.limit == "max_turn_chars":
        return _(
            "Turn %(turn)s is longer than %(limit)s characters, the limit for one turn. Check "
            "that every turn starts with the speaker's name, or split the turn."
        ) % {"turn": _number(error.turn or 0), "limit": limit}
    if error.limit == "max_words":
        return _(
            "The transcript has more than %(limit)s words, the limit for one conversation. "
            "Split it into shorter sessions and upload them separately."
        ) % {"limit": limit}
    return _(
        "The transcript has more than %(limit)s turns, the limit for one conversation. "
        "Split it into shorter sessions and upload them separately."
    ) % {"limit": limit}
