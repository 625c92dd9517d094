"""One upload cannot hold the server: the limits from settings refuse an oversized file before
parsing (bytes) or while parsing (turn length, words, turns), before any redaction; the analysis
stops at its time budget with a reason on the status page; an oversized report is not sent."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from empathic.analysis.transcripts import Limits
from empathic.conversations import ingest, jobs
from empathic.conversations.limits import transcript_limits
from empathic.conversations.models import Conversation, Status, Turn
from empathic.conversations.tests.helpers import analysed, session_text, upload

URL = reverse("conversations:upload")


def _form(crisis_team, **extra):
    return {
        "title": "Tuesday call",
        "team": crisis_team.pk,
        "held_on": "2026-03-02",
        "practitioner_name": "Sam Rivera",
        "names": "Maya",
        "consent_method": "verbal",
        "consent_obtained_on": "2026-03-01",
        "consent_purposes": ["supervision"],
        **extra,
    }


def _file(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("session.txt", content, content_type="text/plain")


@pytest.fixture
def signed_in(client_for, practitioner):
    return client_for(practitioner)


@pytest.fixture
def no_redaction(monkeypatch):
    """Fail the test if the (slow) redaction runs: an oversized transcript never gets there."""

    def refuse(*args, **kwargs):
        raise AssertionError("redaction ran on a transcript over the limits")

    monkeypatch.setattr(ingest, "redact_turns", refuse)


def _refused(response, message: str) -> None:
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Conversation.objects.exists() and not Turn.objects.exists()


def test_the_settings_defaults_are_the_analysis_layers(settings):
    configured, cli = transcript_limits(), Limits()
    assert configured.max_turn_chars == cli.max_turn_chars == 10_000
    assert configured.max_words == cli.max_words == 40_000
    assert configured.max_turns == cli.max_turns == 5_000
    assert configured.max_seconds == cli.max_seconds == 900
    assert configured.max_bytes == 5_000_000  # an upload; the CLI reads files up to 20 MB


def test_a_file_with_one_huge_turn_is_refused_before_redaction(
    signed_in, crisis_team, no_redaction
):
    content = ("Sam Rivera: Hello.\nJordan Lee: " + "so tired " * 2000 + "\n").encode()
    response = signed_in.post(URL, _form(crisis_team, transcript_file=_file(content)))
    _refused(response, "Turn 2 is longer than 10,000 characters, the limit for one turn.")


def test_a_pasted_chat_over_the_word_limit_is_refused(
    signed_in, crisis_team, settings, no_redaction
):
    settings.TRANSCRIPT_MAX_WORDS = 50
    response = signed_in.post(URL, _form(crisis_team, pasted=session_text()))
    _refused(response, "The transcript has more than 50 words, the limit for one conversation.")


def test_too_many_turns_are_refused(signed_in, crisis_team, settings, no_redaction):
    settings.TRANSCRIPT_MAX_TURNS = 4
    response = signed_in.post(URL, _form(crisis_team, pasted=session_text()))
    _refused(response, "The transcript has more than 4 turns")


def test_an_oversized_file_is_refused_without_being_parsed(
    signed_in, crisis_team, settings, monkeypatch
):
    """The 18 MB file of the finding, against a 1 MB setting: the upload handler keeps at most
    the limit in memory and the form refuses it; nothing decodes or parses it."""
    settings.TRANSCRIPT_MAX_BYTES = 1_000_000

    def never(*args, **kwargs):
        raise AssertionError("an oversized upload was parsed")

    monkeypatch.setattr(ingest, "parse_bytes", never)
    big = b"Sam Rivera: Hello.\nJordan Lee: " + b"so tired " * 400_000  # 3.6 MB
    response = signed_in.post(URL, _form(crisis_team, transcript_file=_file(big)))
    _refused(response, "The file is larger than the 1 MB limit.")


def test_a_stored_conversation_over_the_limits_fails_with_a_reason(practitioner, settings):
    conversation = upload(practitioner)
    settings.TRANSCRIPT_MAX_TURN_CHARS = 20  # stricter than when it was uploaded

    assert jobs.analyse_conversation(conversation.pk).state == "failed"

    conversation.refresh_from_db()
    assert conversation.status == Status.FAILED
    assert conversation.failure_reason.startswith("Turn 1 is longer than 20 characters")


def test_an_analysis_past_its_budget_fails_and_the_status_page_says_why(
    practitioner, client_for, settings
):
    conversation = upload(practitioner)
    settings.ANALYSIS_MAX_SECONDS = -1  # spent before it starts: the first look stops it

    assert jobs.analyse_conversation(conversation.pk).state == "failed"

    conversation.refresh_from_db()
    assert conversation.status == Status.FAILED
    assert conversation.failure_reason.startswith("The analysis took longer than its limit")
    page = client_for(practitioner).get(reverse("conversations:detail", args=[conversation.pk]))
    assert "The analysis failed." in page.content.decode()
    assert "took longer than its limit" in page.content.decode()


def test_a_report_page_over_its_size_limit_is_not_sent(practitioner, client_for, settings):
    conversation = analysed(practitioner)
    client = client_for(practitioner)
    url = reverse("conversations:detail", args=[conversation.pk])
    full = client.get(url)
    assert b"Transcript, turn by turn" in full.content

    settings.REPORT_MAX_BYTES = len(full.content) - 1
    page = client.get(url)

    assert page.status_code == 200
    body = page.content.decode()
    assert "This report is too large to show" in body
    assert "Transcript, turn by turn" not in body
