"""Optional: voice the simulated client through the organisation's own OpenAI-compatible
endpoint.

The branching stays authored (which turn comes next depends on what the trainee did, offline and
testable); the endpoint only re-words the authored turn so it answers the trainee's actual words,
keeping its content and mood. Unset, or on any failure, the authored text is shown: practice never
depends on the endpoint. Configure with EMPATHIC_CLIENT_VOICE_API_BASE, EMPATHIC_CLIENT_VOICE_MODEL
and optionally EMPATHIC_CLIENT_VOICE_API_KEY; the session's words go only to that endpoint.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from empathic.analysis.errors import GeneratorError
from empathic.analysis.feedback.generator import OpenAICompatibleGenerator

if TYPE_CHECKING:
    from collections.abc import Sequence

logger = logging.getLogger(__name__)

ENV_BASE = "EMPATHIC_CLIENT_VOICE_API_BASE"
ENV_MODEL = "EMPATHIC_CLIENT_VOICE_MODEL"
ENV_KEY = "EMPATHIC_CLIENT_VOICE_API_KEY"
TIMEOUT_SECONDS = 8.0
"""Short: the trainee waits for the client's answer."""
MAX_CHARS = 1200
SYSTEM_PROMPT = (
    "You voice a simulated client in a practice scenario for human-services practitioners. "
    "Stay in character. Reply with the client's next turn only: 1 to 4 sentences, no stage "
    "directions, no quotation marks. Keep the content and the mood of the scripted turn; adapt "
    "its wording so it answers what the practitioner just said."
)


class ClientVoice:
    def __init__(self, generator: OpenAICompatibleGenerator) -> None:
        self.generator = generator

    @classmethod
    def from_env(cls) -> ClientVoice | None:
        base = os.environ.get(ENV_BASE, "").strip()
        if not base:
            return None
        try:
            generator = OpenAICompatibleGenerator(
                base_url=base,
                model=os.environ.get(ENV_MODEL, "").strip(),
                api_key=os.environ.get(ENV_KEY, "").strip() or None,
                timeout=TIMEOUT_SECONDS,
            )
        except GeneratorError as error:
            logger.warning("client voice disabled: %s", error)
            return None
        return cls(generator)

    def speak(
        self,
        *,
        background: str,
        client_name: str,
        history: Sequence[tuple[str, str]],
        scripted: str,
        mood: str,
    ) -> str:
        """The scripted turn re-worded for this conversation; GeneratorError when unusable."""
        conversation = "\n".join(f"{speaker}: {text}" for speaker, text in history)
        user = (
            f"Client: {client_name}\nBackground: {background}\n\nConversation so far:\n"
            f"{conversation}\n\nScripted next turn (mood: {mood}):\n{scripted}"
        )
        reply = self.generator.complete(
            [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]
        )
        reply = reply.strip().strip('"').strip()
        if not reply or len(reply) > MAX_CHARS:
            raise GeneratorError("client voice answered nothing usable")
        return reply


def voiced_text(
    *,
    background: str,
    client_name: str,
    history: Sequence[tuple[str, str]],
    scripted: str,
    mood: str,
    voice: ClientVoice | None = None,
) -> str:
    """What the client says next: the endpoint's wording when configured and working, else ""
    (meaning: show the authored text)."""
    voice = voice or ClientVoice.from_env()
    if voice is None:
        return ""
    try:
        return voice.speak(
            background=background,
            client_name=client_name,
            history=history,
            scripted=scripted,
            mood=mood,
        )
    except GeneratorError as error:  # never log the conversation itself
        logger.warning("client voice failed, showing the authored turn: %s", error)
        return ""
