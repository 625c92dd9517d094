"""Feedback for practitioner turns: concerns, what the moment called for, and rewrites.

    from empathic.analysis.feedback import build_feedback
    feedback = build_feedback(client_text=..., turn_text=..., empathy=score, client=signals,
                              rescore=lambda c, r: scorer.score(context=c, response=r))

Rewrites are composed by `rewrites.py` from the turn's own words and the client's (feeling
words in `phrasings.py`, clauses from `language.py`); an organisation may add its own
OpenAI-compatible endpoint (`OpenAICompatibleGenerator.from_env()`). Every suggestion is
re-scored before it is kept.
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
