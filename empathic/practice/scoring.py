"""The one place the practice studio calls the NLP layer.

``score_answer`` returns the EPITOME levels with their phrases, the MI code (when the
conversation-analysis layer's model files load), what was missed and suggestions. The model is
loaded once per process (the analyser's scorer serves the plain scoring too).
"""

from __future__ import annotations

import functools
import logging
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from empathic.analysis.feedback import build_feedback
from empathic.analysis.feedback.rewrites import read_moment
from empathic.analysis.pipeline import get_analyser
from empathic.analysis.spoken_credit import spoken_levels
from empathic.nlp.concerns import MODEL as CONCERNS_MODEL
from empathic.nlp.concerns import apply_concern_rule, detect_concerns
from empathic.nlp.errors import ModelIntegrityError
from empathic.nlp.scorer import MECHANISMS, load_scorer

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AnswerScore:
    levels: dict[str, int]
    rationales: dict[str, list[dict[str, Any]]]
    mi_code: str
    models: dict[str, str]
    strategy: str = ""  # ESConv support strategy, when the analysis layer is there
    missed: list[dict[str, str]] = field(default_factory=list)  # {mechanism, what, why}
    suggestions: list[str] = field(default_factory=list)
    # {kind, start, end, score, phrase}: read first by branching; levels above are already
    # capped by the concern rule (no ER/IP credit), `credit_withheld` names what was withheld.
    concerns: list[dict[str, Any]] = field(default_factory=list)
    credit_withheld: list[str] = field(default_factory=list)


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


def _fallback_suggestions(levels: dict[str, int], client_text: str = "") -> list[str]:
    moment = read_moment(client_text, None)
    if moment.angry:  # "That sounds frightening" to someone furious with the service misreads them
        feeling = _("Name the feeling you hear, for example: “That sounds so frustrating.”")
    elif moment.fear:
        feeling = _("Name the feeling you hear, for example: “That sounds really frightening.”")
    else:
        feeling = _("Name the feeling you hear, for example: “That sounds really hard.”")
    examples = {
        "er": feeling,
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
        # Concerns from the same encoder pass: the patterns and the learned heads.
        empathy, signals, found = analyser.practitioner_turn_with_concerns(client_text, answer)
        # The same rules as a session report: a confident spoken reflection is an interpretation.
        empathy, _added = spoken_levels(empathy, signals, answer)
        mi_code, strategy = signals.mi_code, signals.strategy
        doubted = signals.credit_doubted
        models = dict(analyser.models)
    else:
        empathy = _scorer().score(context=client_text, response=answer)
        found = detect_concerns(answer, client_text)  # no pooled features here: patterns alone
        doubted = False
    models.setdefault("epitome", empathy.model)
    empathy, withheld = apply_concern_rule(empathy, found, doubted=doubted)
    if found:
        models["concerns"] = CONCERNS_MODEL
    levels = {m: int(s.level) for m, s in empathy.mechanisms.items()}
    rationales = {
        m: [{"start": r.start, "end": r.end, "text": r.text} for r in s.rationale]
        for m, s in empathy.mechanisms.items()
    }
    missed, suggestions = _feedback(client_text, answer, empathy, levels, found, doubted)
    return AnswerScore(
        levels=levels,
        rationales=rationales,
        mi_code=mi_code,
        strategy=strategy,
        models=models,
        missed=missed,
        suggestions=suggestions,
        concerns=[{**asdict(c), "phrase": answer[c.start : c.end]} for c in found],
        credit_withheld=list(withheld),
    )


def _rescore(context: str, response: str):
    """A suggestion scored as an answer is (spoken reflections credited when MI codes load)."""
    analyser = _analyser()
    if analyser is None:
        return _scorer().score(context=context, response=response)
    empathy, signals = analyser.practitioner_turn(context, response)
    return spoken_levels(empathy, signals, response)[0]


def _feedback(client_text, answer, empathy, levels, concerns=(), doubted=False):
    """What was missed and re-scored rewrite suggestions from the analysis layer's feedback
    builder (rewrites composed offline; no generator is called from practice), or our own
    plain examples when no rewrite passed re-scoring. Texts are stored in English and translated
    when shown."""
    feedback = build_feedback(
        client_text=client_text,
        turn_text=answer,
        empathy=empathy,
        client=None,
        rescore=_rescore,
        generator=None,
        concerns=concerns,
        doubted=doubted,
    )
    if feedback is None:  # nothing missed
        return [], []
    missed = [{"mechanism": i.mechanism, "what": i.what, "why": i.why} for i in feedback.items]
    suggestions = [s.text for s in feedback.suggestions]
    return missed, suggestions or _fallback_suggestions(levels, client_text)


def expected_levels(pairs: list[tuple[str, str]]) -> dict[str, list[float]]:
    """Per mechanism, each pair's expected level (P(weak) + 2 P(strong)): a ranking score."""
    probabilities = _scorer().predict_proba(pairs)
    return {m: [float(p[1] + 2 * p[2]) for p in probabilities[m]] for m in MECHANISMS}


def predicted_levels(pairs: list[tuple[str, str]]) -> dict[str, list[int]]:
    return {m: [int(v) for v in levels] for m, levels in _scorer().predict(pairs).items()}


def scorer_model() -> str:
    return _scorer().model
