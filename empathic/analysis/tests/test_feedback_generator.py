"""OpenAICompatibleGenerator against a stand-in OpenAI-compatible server on 127.0.0.1."""

import json
import logging
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from empathic.analysis.errors import GeneratorError
from empathic.analysis.feedback import (
    OpenAICompatibleGenerator,
    SuggestionGenerator,
    build_feedback,
)
from empathic.analysis.feedback.generator import parse_suggestions
from empathic.nlp.scorer import EmpathyScorer, load_scorer

CLIENT = (
    "I got an eviction notice today and I'm terrified we'll end up on the street. I can't sleep."
)
TURN = "You need to call the council."
GOOD = (
    "I'm so sorry, that sounds frightening. Would it help if we called the council together? "
    "What has been keeping you up at night?"
)


class StandIn(BaseHTTPRequestHandler):
    """Answers POST /v1/chat/completions the way the test configures it."""

    mode: ClassVar[str] = "reply"
    reply: ClassVar[str] = GOOD
    requests: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        StandIn.requests.append(
            {"path": self.path, "headers": dict(self.headers), "body": json.loads(body)}
        )
        if self.path != "/v1/chat/completions":
            self._send(404, b"{}")
        elif self.mode == "error":
            self._send(500, json.dumps({"error": "model crashed"}).encode())
        elif self.mode == "bad-json":
            self._send(200, b"{not json")
        elif self.mode == "no-choices":
            self._send(200, b'{"object": "chat.completion"}')
        elif self.mode == "slow":
            time.sleep(1.5)
            self._send(200, b"{}")
        else:
            answer = {"choices": [{"message": {"role": "assistant", "content": self.reply}}]}
            self._send(200, json.dumps(answer).encode())

    def _send(self, status: int, payload: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        try:
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output quiet


class Server(ThreadingHTTPServer):
    block_on_close = False  # a slow handler must not hold the test up at shutdown


@pytest.fixture
def endpoint() -> Iterator[str]:
    StandIn.mode, StandIn.reply, StandIn.requests = "reply", GOOD, []
    server = Server(("127.0.0.1", 0), StandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def scorer() -> EmpathyScorer:
    return load_scorer()


def feedback_with(generator: OpenAICompatibleGenerator, scorer: EmpathyScorer):
    return build_feedback(
        client_text=CLIENT,
        turn_text=TURN,
        empathy=scorer.score(context=CLIENT, response=TURN),
        client=None,
        rescore=lambda c, r: scorer.score(context=c, response=r),
        generator=generator,
    )


def test_request_shape(endpoint: str) -> None:
    generator = OpenAICompatibleGenerator(
        base_url=endpoint + "/", model="local-llm", api_key="sk-test", temperature=0.2
    )
    assert isinstance(generator, SuggestionGenerator)
    texts = generator.suggest(
        client_text=CLIENT, turn_text=TURN, missing=["er", "ex"], emotion="scared"
    )
    assert texts == [GOOD]
    (request,) = StandIn.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["headers"]["Authorization"] == "Bearer sk-test"
    body = request["body"]
    assert body["model"] == "local-llm" and body["temperature"] == 0.2
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    user = body["messages"][1]["content"]
    assert CLIENT in user and TURN in user and "scared" in user
    assert "open question" in user and "reflecting" not in user  # only what is missing


def test_no_key_sends_no_authorization(endpoint: str) -> None:
    OpenAICompatibleGenerator(base_url=endpoint, model="m").suggest(
        client_text=CLIENT, turn_text=TURN, missing=["ip"], emotion=None
    )
    assert "Authorization" not in StandIn.requests[0]["headers"]


def test_generator_suggestion_kept_when_it_scores_well(endpoint: str, scorer) -> None:
    feedback = feedback_with(OpenAICompatibleGenerator(base_url=endpoint, model="m"), scorer)
    assert feedback is not None
    generated = [s for s in feedback.suggestions if s.source == "generator"]
    assert [s.text for s in generated] == [GOOD]
    assert generated[0].levels == {
        m: s.level for m, s in scorer.score(context=CLIENT, response=GOOD).mechanisms.items()
    }


def test_generator_suggestion_dropped_when_less_empathic(endpoint: str, scorer) -> None:
    # Adds nothing the moment called for. ("Just deal with it." was the example until v2 gave it
    # ER 1: in the product the learned concern layer flags it as minimising, and it is dropped.)
    StandIn.reply = "Call them tomorrow."
    feedback = feedback_with(OpenAICompatibleGenerator(base_url=endpoint, model="m"), scorer)
    assert feedback is not None and feedback.suggestions
    assert StandIn.requests  # it was asked ...
    assert all(s.source == "library" for s in feedback.suggestions)  # ... and not shown


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("error", "HTTP 500"),
        ("bad-json", "invalid JSON"),
        ("no-choices", "without choices"),
        ("slow", "did not answer within"),
    ],
)
def test_server_failures_raise_and_fall_back_to_the_library(
    endpoint: str, scorer, mode: str, message: str, caplog: pytest.LogCaptureFixture
) -> None:
    StandIn.mode = mode
    generator = OpenAICompatibleGenerator(base_url=endpoint, model="m", timeout=0.5)
    with pytest.raises(GeneratorError, match=message) as raised:
        generator.suggest(client_text=CLIENT, turn_text=TURN, missing=["er"], emotion=None)
    assert CLIENT not in str(raised.value)
    with caplog.at_level(logging.DEBUG):
        feedback = feedback_with(generator, scorer)
    assert feedback is not None and feedback.suggestions
    assert all(s.source == "library" for s in feedback.suggestions)
    assert "eviction" not in caplog.text  # client words never reach a log


def test_unreachable_endpoint_raises() -> None:
    generator = OpenAICompatibleGenerator(base_url="http://127.0.0.1:9/v1", model="m", timeout=2)
    with pytest.raises(GeneratorError, match="unreachable"):
        generator.suggest(client_text=CLIENT, turn_text=TURN, missing=["er"], emotion=None)


def test_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "EMPATHIC_SUGGESTION_API_BASE",
        "EMPATHIC_SUGGESTION_API_KEY",
        "EMPATHIC_SUGGESTION_MODEL",
    ):
        monkeypatch.delenv(name, raising=False)
    assert OpenAICompatibleGenerator.from_env() is None
    monkeypatch.setenv("EMPATHIC_SUGGESTION_API_BASE", "  ")
    assert OpenAICompatibleGenerator.from_env() is None

    monkeypatch.setenv("EMPATHIC_SUGGESTION_API_BASE", "http://llm.internal:8080/v1")
    with pytest.raises(GeneratorError, match="EMPATHIC_SUGGESTION_MODEL"):
        OpenAICompatibleGenerator.from_env()

    monkeypatch.setenv("EMPATHIC_SUGGESTION_MODEL", "llama-3-8b")
    monkeypatch.setenv("EMPATHIC_SUGGESTION_API_KEY", "sk-secret")
    generator = OpenAICompatibleGenerator.from_env()
    assert generator is not None
    assert generator.url == "http://llm.internal:8080/v1/chat/completions"
    assert (generator.model, generator.api_key) == ("llama-3-8b", "sk-secret")
    assert "sk-secret" not in repr(generator)


@pytest.mark.parametrize("base", ["file:///etc/passwd", "ftp://host/v1", "llm.internal:8080"])
def test_only_web_endpoints(base: str) -> None:
    with pytest.raises(GeneratorError, match="http"):
        OpenAICompatibleGenerator(base_url=base, model="m")


def test_parse_suggestions() -> None:
    content = '1. "First rewrite."\n\n- Second rewrite.\n2) First rewrite.\n* Third.\nFourth.'
    assert parse_suggestions(content, 3) == ["First rewrite.", "Second rewrite.", "Third."]
