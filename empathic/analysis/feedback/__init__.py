"""Rewrite feedback for practitioner turns that missed an EPITOME mechanism.

    from empathic.analysis.feedback import build_feedback
    feedback = build_feedback(client_text=..., turn_text=..., empathy=score, client=signals,
                              rescore=lambda c, r: scorer.score(context=c, response=r))

Suggestions come from the project's own phrasing library (`phrasings.py`), filled from the
client's words; an organisation may add its own OpenAI-compatible endpoint
(`OpenAICompatibleGenerator.from_env()`). Every suggestion is re-scored before it is kept.
"""

from empathic.analysis.feedback.builder import build_feedback, explain, feeling_word
from empathic.analysis.feedback.generator import OpenAICompatibleGenerator, SuggestionGenerator
from empathic.analysis.feedback.language import client_feeling, extract_topic, shift_pronouns

__all__ = [
    "OpenAICompatibleGenerator",
    "SuggestionGenerator",
    "build_feedback",
    "client_feeling",
    "explain",
    "extract_topic",
    "feeling_word",
    "shift_pronouns",
]
