"""The phrasing library: data the project writes itself, from which rewrite suggestions are
composed offline. Nothing here is copied from a corpus; every template is re-scored by the
EPITOME model before it reaches a report, so a phrasing that reads well but scores badly for a
given turn is simply never shown.

Templates are `str.format` strings with two optional slots:
- `{feeling}`: a plain feeling word ("scared", "let down"), the client's own when they used one;
- `{topic}`: a short phrase from the client's words that reads after "about" ("the eviction
  notice", "how nobody listens"), pronouns already shifted to the practitioner's side.
A template whose slot has no value for a turn is skipped, never filled with a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Placement = Literal["before", "after"]


@dataclass(frozen=True)
class Phrasing:
    mechanism: str  # "er", "ip" or "ex"
    template: str
    placement: Placement  # before or after the practitioner's own words

    @property
    def slots(self) -> frozenset[str]:
        return frozenset(s for s in ("feeling", "topic") if "{" + s + "}" in self.template)


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

PLACEMENT: dict[str, Placement] = {"er": "before", "ip": "before", "ex": "after"}
"""Warmth and reflections open the turn; a question closes it, so the client is left with
something to answer rather than the practitioner's next point."""

TEMPLATES: dict[str, tuple[str, ...]] = {
    # emotional reactions: warmth, compassion, concern for what the client feels
    "er": (
        "I'm so sorry you're going through this.",
        "I'm really sorry you're feeling so {feeling} right now.",
        "That sounds so hard, and I'm sorry you're having to deal with it.",
        "I'm sorry. I can hear how {feeling} you're feeling, and that matters.",
        "I'm sorry things are so difficult right now; I'm glad you told me.",
    ),
    # interpretations: show understanding by reflecting the feeling or experience back
    "ip": (
        "I understand. It is completely normal to feel {feeling} about {topic}.",
        "I understand. A lot of people feel {feeling} when they face something like this.",
        "I understand. Feeling {feeling} like this is really hard.",
        "I understand how painful this is.",
        "I understand, it's hard when you feel {feeling} about {topic}.",
        "I understand. A lot of people would find this really hard.",
    ),
    # explorations: an open question about the client's experience
    "ex": (
        "How have you been feeling about {topic}?",
        "Can you tell me more about {topic}?",
        "What has been the hardest part of this for you?",
        "What goes through your mind when you feel {feeling}?",
        "How are you feeling about all of this?",
        "What would help most with {topic} right now?",
    ),
}

PHRASINGS: tuple[Phrasing, ...] = tuple(
    Phrasing(mechanism, template, PLACEMENT[mechanism])
    for mechanism, templates in TEMPLATES.items()
    for template in templates
)

NEUTRAL_TOPIC = "all of this"
"""What `{topic}` reads when nothing usable could be drawn from the client's words."""
