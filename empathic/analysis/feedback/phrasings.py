"""Feeling words: the lexicon that reads a client's own feeling ("petrified" -> "terrified"), the
emotion head's negative labels in words a practitioner would say, and which feelings are worries.
Written for the project. The sentences a rewrite is built from live in `rewrites.py`.
"""

from __future__ import annotations

EMOTION_FEELINGS: dict[str, str] = {
    "fear": "scared",
    "nervousness": "anxious",
    "sadness": "sad",
    "anger": "angry",
    "annoyance": "frustrated",
    "grief": "heartbroken",
    "disappointment": "let down",
    "embarrassment": "embarrassed",
    "confusion": "unsure",
    "remorse": "guilty",
    "disgust": "disgusted",
    "disapproval": "unhappy",
}
"""GoEmotions' negative labels (results.NEGATIVE_EMOTIONS) as words a practitioner would say."""

FEELING_LEXICON: dict[str, str] = {
    # fear and worry
    "scared": "scared",
    "afraid": "afraid",
    "frightened": "frightened",
    "terrified": "terrified",
    "petrified": "terrified",
    "worried": "worried",
    "anxious": "anxious",
    "nervous": "nervous",
    "panicking": "panicky",
    "panicked": "panicky",
    "stressed": "stressed",
    "overwhelmed": "overwhelmed",
    "trapped": "trapped",
    "unsafe": "unsafe",
    # sadness and loss
    "sad": "sad",
    "unhappy": "unhappy",
    "miserable": "miserable",
    "depressed": "low",
    "down": "low",
    "low": "low",
    "empty": "empty",
    "numb": "numb",
    "hopeless": "hopeless",
    "helpless": "helpless",
    "worthless": "worthless",
    "lonely": "lonely",
    "alone": "alone",
    "isolated": "isolated",
    "heartbroken": "heartbroken",
    "devastated": "devastated",
    "gutted": "gutted",
    "lost": "lost",
    "hurt": "hurt",
    "upset": "upset",
    "crushed": "crushed",
    # anger
    "angry": "angry",
    "mad": "angry",
    "furious": "furious",
    "livid": "furious",
    "pissed": "angry",
    "frustrated": "frustrated",
    "annoyed": "frustrated",
    "irritated": "frustrated",
    "resentful": "resentful",
    "fed": "fed up",  # "fed up": the lexicon matches single words, see client_feeling()
    # shame and guilt
    "ashamed": "ashamed",
    "embarrassed": "embarrassed",
    "humiliated": "humiliated",
    "guilty": "guilty",
    "stupid": "stupid",
    # confusion and fatigue
    "confused": "confused",
    "unsure": "unsure",
    "exhausted": "exhausted",
    "drained": "drained",
    "tired": "tired",
    "burnt": "burnt out",
    "burned": "burnt out",
    "ignored": "ignored",
    "invisible": "invisible",
    "disrespected": "disrespected",
    "betrayed": "betrayed",
    "rejected": "rejected",
    "abandoned": "abandoned",
}
"""Feeling words a client may use, lower-case surface form -> the adjective a reflection uses."""

FEAR_FEELINGS = frozenset(
    {"scared", "afraid", "frightened", "terrified", "worried", "anxious", "nervous", "panicky",
     "stressed", "unsafe"}
)  # fmt: skip
"""After these, "I'm scared we'll lose the flat" is a thought, not a fact: reflect it as one."""

NEUTRAL_TOPIC = "all of this"
"""What `{topic}` reads when nothing usable could be drawn from the client's words."""
