"""The one place the practice studio calls the NLP layer.

``score_answer`` returns the EPITOME levels with their phrases, the MI code (when the
conversation-analysis layer's model files load), what was missed and suggestions. The model is
loaded once per process (the analyser's scorer serves the plain scoring too).
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from empathic.analysis.feedback import build_feedback
from empathic.analysis.pipeline import get_analyser
from empathic.nlp.errors import ModelIntegrityError
from empathic.nlp.scorer import MECHANISMS, load_scorer

logger = logging.getLogger(__name__)


def mechanism_label(code: str) -> str:
    return {
        "er": _("Emotional reaction"),
        "ip": _("Interpretation"),
        "ex": _("Exploration"),
    }[code]


def level_label(level: int) -> str:
    return (_("none"), _("weak"), _("strong"))[level]


@dataclass(frozen=True)
class AnswerScore:
    levels: dict[str, int]
    rationales: dict[str, list[dict[str, Any]]]
    mi_code: str
    models: dict[str, str]
    strategy: str = ""  # ESConv support strategy, when the analysis layer is there
    missed: list[dict[str, str]] = field(default_factory=list)  # {mechanism, what, why}
    suggestions: list[str] = field(default_factory=list)


@functools.cache
def _analyser():
    """The conversation-analysis layer (EPITOME + MI code, one encoder pass) when its model files
    load; None otherwise, and practice goes on with EPITOME levels alone."""
    try:
        return get_analyser()
    except (ModelIntegrityError, OSError) as error:
        logger.warning("practice: MI codes unavailable (%s); scoring EPITOME only", error)
        return None


@functools.cache
def _scorer():
    """The EPITOME scorer: the analyser's own when it loaded, so the model is in memory once."""
    analyser = _analyser()
    return analyser.scorer if analyser is not None else load_scorer()


def _fallback_suggestions(levels: dict[str, int]) -> list[str]:
    examples = {
        "er": _("Name the feeling you hear, for example: “That sounds really frightening.”"),
        "ip": _(
            "Say back what you understand, for example: “It sounds like you have been carrying "
            "this on your own for a long time.”"
        ),
        "ex": _(
            "Ask an open question, for example: “What has this been like for you?” or “What "
            "worries you most right now?”"
        ),
    }
    return [examples[m] for m in MECHANISMS if levels[m] == 0]


def score_answer(*, client_text: str, answer: str) -> AnswerScore:
    analyser = _analyser()
    mi_code = strategy = ""
    models: dict[str, str] = {}
    if analyser is not None:
        empathy, signals = analyser.practitioner_turn(client_text, answer)
        mi_code, strategy = signals.mi_code, signals.strategy
        models = dict(analyser.models)
    else:
        empathy = _scorer().score(context=client_text, response=answer)
    models.setdefault("epitome", empathy.model)
    levels = {m: int(s.level) for m, s in empathy.mechanisms.items()}
    rationales = {
        m: [{"start": r.start, "end": r.end, "text": r.text} for r in s.rationale]
        for m, s in empathy.mechanisms.items()
    }
    missed, suggestions = _feedback(client_text, answer, empathy, levels)
    return AnswerScore(
        levels=levels,
        rationales=rationales,
        mi_code=mi_code,
        strategy=strategy,
        models=models,
        missed=missed,
        suggestions=suggestions,
    )


def _feedback(client_text, answer, empathy, levels):
    """What was missed and re-scored rewrite suggestions from the analysis layer's feedback
    builder (its phrasing library, offline; no generator is called from practice), or our own
    plain examples when no rewrite passed re-scoring. Texts are stored in English and translated
    when shown."""
    feedback = build_feedback(
        client_text=client_text,
        turn_text=answer,
        empathy=empathy,
        client=None,
        rescore=lambda c, r: _scorer().score(context=c, response=r),
        generator=None,
    )
    if feedback is None:  # nothing missed
        return [], []
    missed = [{"mechanism": i.mechanism, "what": i.what, "why": i.why} for i in feedback.items]
    suggestions = [s.text for s in feedback.suggestions]
    return missed, suggestions or _fallback_suggestions(levels)


def expected_levels(pairs: list[tuple[str, str]]) -> dict[str, list[float]]:
    """Per mechanism, each pair's expected level (P(weak) + 2 P(strong)): a ranking score."""
    probabilities = _scorer().predict_proba(pairs)
    return {m: [float(p[1] + 2 * p[2]) for p in probabilities[m]] for m in MECHANISMS}


def predicted_levels(pairs: list[tuple[str, str]]) -> dict[str, list[int]]:
    return {m: [int(v) for v in levels] for m, levels in _scorer().predict(pairs).items()}


def scorer_model() -> str:
    return _scorer().model
