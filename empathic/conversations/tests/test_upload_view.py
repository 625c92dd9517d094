"""The upload page: a good file or pasted chat is stored redacted; bad input gets a message on
the page (a 400) and nothing is stored."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from empathic.audit.models import AuditEvent
from empathic.conversations.models import Conversation, Turn
from empathic.conversations.tests.helpers import session_text

URL = reverse("conversations:upload")


def _form(**overrides):
    data = {
        "title": "Tuesday call",
        "held_on": "2026-03-02",
        "practitioner_name": "Sam Rivera",
        "names": "Maya",
        "consent_method": "verbal",
        "consent_obtained_on": "2026-03-01",
        "consent_purposes": ["supervision"],
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _file(content: bytes, name: str = "session.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/plain")


@pytest.fixture
def signed_in(client_for, practitioner):
    return client_for(practitioner)


def test_upload_a_file(signed_in, crisis_team):
    response = signed_in.post(
        URL, _form(team=crisis_team.pk, transcript_file=_file(session_text().encode()))
    )
    conversation = Conversation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("conversations:detail", args=[conversation.pk])
    assert conversation.team == crisis_team and conversation.turn_count == 8
    stored = " ".join(Turn.objects.values_list("text", flat=True))
    assert "Maya" not in stored and "Jordan" not in stored
    assert AuditEvent.objects.filter(event_type="conversation.uploaded").count() == 1


def test_paste_a_chat(signed_in, crisis_team):
    response = signed_in.post(URL, _form(team=crisis_team.pk, pasted=session_text()))
    assert response.status_code == 302
    assert Conversation.objects.get().source_format == "txt"


def test_a_vtt_sample_from_the_analysis_package(signed_in, crisis_team):
    from pathlib import Path

    import empathic.analysis

    sample = Path(empathic.analysis.__file__).parent / "samples" / "session.vtt"
    response = signed_in.post(
        URL,
        _form(
            team=crisis_team.pk,
            practitioner_name="",
            transcript_file=_file(sample.read_bytes(), "session.vtt"),
        ),
    )
    assert response.status_code == 302
    assert Conversation.objects.get().source_format == "vtt"


def _refused(response, message: str) -> None:
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Conversation.objects.exists() and not Turn.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (bytes(range(256)) * 40, "binary"),
        (b"WEBVTT\n\nthis is not a cue\n--> broken\n", "cannot be read"),
        (b"Only Me: talking to myself\nOnly Me: still me\n", "cannot be read"),
    ],
    ids=["empty", "binary", "malformed", "one-speaker"],
)
def test_unreadable_files_are_refused_with_a_message(signed_in, crisis_team, content, message):
    name = "session.vtt" if content.startswith(b"WEBVTT") else "session.txt"
    response = signed_in.post(
        URL, _form(team=crisis_team.pk, practitioner_name="", transcript_file=_file(content, name))
    )
    _refused(response, message)


def test_an_oversized_file_is_refused_and_never_written_to_disk(
    signed_in, crisis_team, monkeypatch, settings
):
    monkeypatch.setattr("empathic.conversations.views._max_bytes", lambda: 2_000_000)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10  # Django would otherwise spool to a temp file
    written = []
    monkeypatch.setattr(
        "django.core.files.uploadedfile.TemporaryUploadedFile.__init__",
        lambda *a, **k: written.append(a),
    )
    big = (session_text() * 20000).encode()[:2_500_000]
    response = signed_in.post(URL, _form(team=crisis_team.pk, transcript_file=_file(big)))
    _refused(response, "larger than the 2 MB limit")
    assert written == []


def test_a_file_and_a_paste_together_are_refused(signed_in, crisis_team):
    response = signed_in.post(
        URL,
        _form(team=crisis_team.pk, pasted=session_text(), transcript_file=_file(b"A: hi\nB: yo")),
    )
    _refused(response, "not both")


def test_neither_file_nor_paste(signed_in, crisis_team):
    _refused(signed_in.post(URL, _form(team=crisis_team.pk)), "Choose a transcript file")


def test_a_duplicate_upload_is_refused(signed_in, crisis_team):
    signed_in.post(URL, _form(team=crisis_team.pk, pasted=session_text()))
    response = signed_in.post(URL, _form(team=crisis_team.pk, pasted=session_text()))
    assert response.status_code == 400
    assert "already uploaded this session" in response.content.decode()
    assert Conversation.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"consent_method": None, "consent_obtained_on": None, "consent_purposes": None},
            "consent",
        ),
        ({"consent_method": None}, "Say how the client"),
        ({"consent_obtained_on": None}, "Give the date consent"),
        ({"consent_purposes": None}, "Choose at least one use"),
        ({"consent_obtained_on": str(date.today() + timedelta(days=3))}, "future"),
        ({"client_reference": "07700 900123"}, "looks like personal data"),
        ({"team": None}, "This field is required"),
    ],
    ids=["blank", "method", "date", "purposes", "future", "reference", "team"],
)
def test_consent_and_form_errors(signed_in, crisis_team, overrides, message):
    data = _form(team=crisis_team.pk, pasted=session_text())
    for key, value in overrides.items():
        data.pop(key, None)
        if value is not None:
            data[key] = value
    _refused(signed_in.post(URL, data), message)


def test_an_unknown_practitioner_name_says_who_the_speakers_are(signed_in, crisis_team):
    response = signed_in.post(
        URL, _form(team=crisis_team.pk, pasted=session_text(), practitioner_name="Nobody")
    )
    _refused(response, "no speaker named")
    assert "--practitioner" not in response.content.decode()


def test_someone_elses_team_is_not_offered(signed_in, outreach_team, crisis_team):
    response = signed_in.post(URL, _form(team=outreach_team.pk, pasted=session_text()))
    _refused(response, "Select a valid choice")


# Two speakers who each ask one question: the detector cannot tell who the practitioner is.
UNSURE_SESSION = (
    "Alex Moreno: How are you doing this week?\n"
    "Robin Hale: Not great, to be honest. Why do you ask?\n"
    "Alex Moreno: I wanted to check in before we talk about the rent.\n"
    "Robin Hale: The landlord called again yesterday.\n"
)


def test_an_unsure_practitioner_is_asked_for_and_nothing_is_stored(signed_in, crisis_team):
    response = signed_in.post(
        URL,
        _form(
            team=crisis_team.pk,
            practitioner_name="",
            transcript_file=_file(UNSURE_SESSION.encode()),
        ),
    )
    assert response.status_code == 400
    assert not Conversation.objects.exists()
    html = response.content.decode()
    assert "not sure which speaker you are" in html and "select the file again" in html
    # Both speakers offered, the detected one pre-selected.
    radios = {
        value: "checked" in attrs
        for value, attrs in re.findall(
            r'<input type="radio" name="practitioner_name" value="([^"]+)"([^>]*)>', html
        )
    }
    assert set(radios) == {"Alex Moreno", "Robin Hale"}
    assert sum(radios.values()) == 1  # the detected speaker, pre-selected


def test_the_chosen_speaker_is_taken_as_given(signed_in, crisis_team):
    response = signed_in.post(
        URL, _form(team=crisis_team.pk, practitioner_name="Robin Hale", pasted=UNSURE_SESSION)
    )
    assert response.status_code == 302
    roles = list(Turn.objects.order_by("index").values_list("role", flat=True))
    assert roles == ["client", "practitioner", "client", "practitioner"]


def test_a_pasted_chat_keeps_its_text_when_asked(signed_in, crisis_team):
    response = signed_in.post(
        URL, _form(team=crisis_team.pk, practitioner_name="", pasted=UNSURE_SESSION)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Check the choice below and upload" in html and "The landlord called again" in html
