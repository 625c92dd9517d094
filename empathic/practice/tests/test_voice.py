"""The optional client voice against a local stand-in for an OpenAI-compatible endpoint."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse

from empathic.practice import actions
from empathic.practice.tests.helpers import EXPLORING
from empathic.practice.voice import ENV_BASE, ENV_MODEL

VOICED = "Since you ask... the letter said Tuesday, and I keep reading it again at night."


class StandIn(BaseHTTPRequestHandler):
    status = 200
    requests: list[dict] = []

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        StandIn.requests.append(json.loads(self.rfile.read(length)))
        body = json.dumps({"choices": [{"message": {"content": f'"{VOICED}"'}}]}).encode()
        self.send_response(StandIn.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body if StandIn.status == 200 else b"{}")

    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture
def endpoint(monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    StandIn.status, StandIn.requests = 200, []
    monkeypatch.setenv(ENV_BASE, f"http://127.0.0.1:{server.server_port}/v1")
    monkeypatch.setenv(ENV_MODEL, "local-model")
    yield server
    server.shutdown()


def test_the_voice_rewords_the_next_authored_turn_and_is_what_the_trainee_answers(
    practitioner, scenario, endpoint, client
):
    session = actions.start_session(scenario=scenario, acting_user=practitioner)
    first = actions.answer_turn(
        session=session, node_key="start", text=EXPLORING, acting_user=practitioner
    )
    session.refresh_from_db()
    assert session.voiced_text == VOICED  # quotes around the reply are stripped
    sent = StandIn.requests[0]
    assert sent["model"] == "local-model"
    prompt = sent["messages"][1]["content"]
    assert EXPLORING in prompt and first.client_text in prompt
    scripted = scenario.nodes.get(key=first.next_node).client_text
    assert scripted in prompt  # the branch stays authored; only its wording changes
    client.force_login(practitioner)
    page = client.get(reverse("practice:session", args=[session.pk]))
    assert VOICED in page.content.decode()
    second = actions.answer_turn(
        session=session, node_key=first.next_node, text=EXPLORING, acting_user=practitioner
    )
    assert second.client_text == VOICED  # scored and stored against what was shown


def test_a_failing_endpoint_falls_back_to_the_authored_turn(practitioner, scenario, endpoint):
    StandIn.status = 500
    session = actions.start_session(scenario=scenario, acting_user=practitioner)
    actions.answer_turn(session=session, node_key="start", text=EXPLORING, acting_user=practitioner)
    session.refresh_from_db()
    assert session.voiced_text == ""
    assert len(StandIn.requests) == 1


def test_without_configuration_no_request_is_made(practitioner, scenario, monkeypatch):
    monkeypatch.delenv(ENV_BASE, raising=False)
    session = actions.start_session(scenario=scenario, acting_user=practitioner)
    actions.answer_turn(session=session, node_key="start", text=EXPLORING, acting_user=practitioner)
    session.refresh_from_db()
    assert session.voiced_text == ""
