"""Optional rewrite generator: an organisation's own OpenAI-compatible endpoint (a local
llama.cpp, vLLM or Ollama server, say). Off unless configured; its suggestions are re-scored and
filtered exactly like the library's, so a poor model can add nothing worse than the original.

Client words go only to the endpoint the organisation configured, and never into a log or an
error message: errors name the endpoint's status or the kind of failure, not the payload."""

from __future__ import annotations

import json
import logging
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from empathic.analysis.errors import GeneratorError

if TYPE_CHECKING:
    from collections.abc import Sequence

logger = logging.getLogger(__name__)

ENV_BASE = "EMPATHIC_SUGGESTION_API_BASE"
ENV_KEY = "EMPATHIC_SUGGESTION_API_KEY"
ENV_MODEL = "EMPATHIC_SUGGESTION_MODEL"
DEFAULT_TIMEOUT = 20.0
MAX_RESPONSE_BYTES = 1_000_000  # a rewrite is a few sentences; anything bigger is not an answer

MECHANISM_INSTRUCTIONS = {
    "er": "express warmth, compassion or concern about what the client feels",
    "ip": "show understanding by reflecting the client's feeling or experience back to them",
    "ex": "ask one open question that invites the client to say more about their experience",
}

SYSTEM_PROMPT = (
    "You help human-services practitioners (social workers, counsellors, crisis-line staff) "
    "respond with more empathy. Rewrite the practitioner's turn so it keeps everything it "
    "said and adds what is asked. Use the client's own words where you can. Do not invent "
    "facts, make promises or disclose personal experiences. Reply with up to {count} "
    "alternative rewrites, one per line, with no numbering and no commentary."
)

_LIST_MARKER = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)]|\(\d+\))\s*")


@runtime_checkable
class SuggestionGenerator(Protocol):
    """Anything that proposes rewrites of a practitioner turn; build_feedback re-scores them."""

    def suggest(
        self, *, client_text: str, turn_text: str, missing: Sequence[str], emotion: str | None
    ) -> list[str]: ...


class OpenAICompatibleGenerator:
    """POSTs {base_url}/chat/completions (model, messages, temperature) with the stdlib."""

    def __init__(
        self,
        *,
        base_url: str,
        model: str,
        api_key: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        temperature: float = 0.7,
        count: int = 3,
    ) -> None:
        parsed = urllib.parse.urlparse(base_url)
        # urllib would also open file:// and ftp:// URLs; only a web endpoint is meant here.
        if parsed.scheme not in {"http", "https"} or not parsed.netloc:
            raise GeneratorError(f"{ENV_BASE} must be an http(s) URL, got {base_url!r}")
        if not model:
            raise GeneratorError(f"set {ENV_MODEL} to the model the endpoint serves")
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model = model
        self.api_key = api_key or None
        self.timeout = timeout
        self.temperature = temperature
        self.count = count

    def __repr__(self) -> str:  # never shows the key
        return f"OpenAICompatibleGenerator(url={self.url!r}, model={self.model!r})"

    @classmethod
    def from_env(cls) -> OpenAICompatibleGenerator | None:
        """The generator the environment configures, or None when EMPATHIC_SUGGESTION_API_BASE
        is unset or empty (the default: suggestions come from the offline library only)."""
        base = os.environ.get(ENV_BASE, "").strip()
        if not base:
            return None
        return cls(
            base_url=base,
            model=os.environ.get(ENV_MODEL, "").strip(),
            api_key=os.environ.get(ENV_KEY, "").strip() or None,
        )

    def messages(
        self, *, client_text: str, turn_text: str, missing: Sequence[str], emotion: str | None
    ) -> list[dict[str, str]]:
        adds = "\n".join(f"- {MECHANISM_INSTRUCTIONS[m]}" for m in missing)
        felt = f"The client seems to feel: {emotion}.\n" if emotion else ""
        user = (
            f"Client said:\n{client_text}\n\n{felt}Practitioner replied:\n{turn_text}\n\n"
            f"Rewrite the practitioner's reply so that it also does this:\n{adds}"
        )
        return [
            {"role": "system", "content": SYSTEM_PROMPT.format(count=self.count)},
            {"role": "user", "content": user},
        ]

    def suggest(
        self, *, client_text: str, turn_text: str, missing: Sequence[str], emotion: str | None
    ) -> list[str]:
        messages = self.messages(
            client_text=client_text, turn_text=turn_text, missing=missing, emotion=emotion
        )
        return parse_suggestions(self.complete(messages), self.count)

    def complete(self, messages: list[dict[str, str]]) -> str:
        """The endpoint's reply text to a chat; GeneratorError on any failure."""
        data = self._post(
            {"model": self.model, "messages": messages, "temperature": self.temperature}
        )
        try:
            content = data["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            raise GeneratorError("suggestion endpoint answered without choices") from None
        if not isinstance(content, str):
            raise GeneratorError("suggestion endpoint answered without text")
        return content

    def _post(self, body: dict[str, Any]) -> Any:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(  # noqa: S310 -- scheme checked in __init__
            self.url, data=json.dumps(body).encode("utf-8"), headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                raw = response.read(MAX_RESPONSE_BYTES + 1)
        except urllib.error.HTTPError as error:
            logger.warning("suggestion endpoint %s answered HTTP %s", self.url, error.code)
            raise GeneratorError(f"suggestion endpoint answered HTTP {error.code}") from None
        except TimeoutError:  # socket.timeout is an alias since 3.10
            logger.warning("suggestion endpoint %s timed out", self.url)
            raise GeneratorError(
                f"suggestion endpoint did not answer within {self.timeout:g} s"
            ) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError):
                raise GeneratorError(
                    f"suggestion endpoint did not answer within {self.timeout:g} s"
                ) from None
            logger.warning("suggestion endpoint %s unreachable: %s", self.url, reason)
            raise GeneratorError(f"suggestion endpoint unreachable ({reason})") from None
        if len(raw) > MAX_RESPONSE_BYTES:
            raise GeneratorError("suggestion endpoint answered more than 1 MB")
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise GeneratorError("suggestion endpoint answered invalid JSON") from None


def parse_suggestions(content: str, limit: int) -> list[str]:
    """One suggestion per non-empty line, without list markers or wrapping quotes."""
    out: list[str] = []
    for line in content.splitlines():
        text = _LIST_MARKER.sub("", line).strip().strip('"\u201c\u201d').strip()
        if text and text not in out:
            out.append(text)
    return out[:limit]
