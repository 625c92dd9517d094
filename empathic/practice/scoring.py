"""The one place the practice studio calls the NLP layer.

``score_answer`` returns the EPITOME levels with their phrases, the MI code (when the
conversation-analysis layer, ``empathic.analysis.pipeline``, is installed), what was missed and
suggestions. The scorer is loaded once per process and kept.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

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
def _scorer():
    return load_scorer()


@functools.cache
def _analyser():
    """The conversation-analysis layer (MI codes) when it and its model files are installed;
    None otherwise, and practice goes on with EPITOME levels alone."""
    if importlib.util.find_spec("empathic.analysis.pipeline") is None:
        return None
    try:
        from empathic.analysis.pipeline import get_analyser

        return get_analyser()
    except (ModelIntegrityError, OSError, ImportError) as error:
        logger.warning("practice: MI codes unavailable (%s); scoring EPITOME only", error)
        return None


def _fallback_missed(levels: dict[str, int]) -> list[dict[str, str]]:
    texts = {
        "er": (
            _("You did not say how what they told you lands with you or name their feeling."),
            _("A felt response tells the client they were heard, not just processed."),
        ),
        "ip": (
            _("You did not say back what you understand of their situation."),
            _("Reflecting meaning lets the client correct you and feel understood."),
        ),
        "ex": (
            _("You did not invite them to say more."),
            _("An open question lets the client lead you to what matters to them."),
        ),
    }
    return [
        {"mechanism": m, "what": texts[m][0], "why": texts[m][1]}
        for m in MECHANISMS
        if levels[m] == 0
    ]


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
    plain advice when that layer is not installed. Texts are stored in English and translated
    when shown."""
    if importlib.util.find_spec("empathic.analysis.feedback") is None:
        return _fallback_missed(levels), _fallback_suggestions(levels)
    from empathic.analysis.feedback import build_feedback

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
