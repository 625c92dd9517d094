from __future__ import annotations

import pytest

from empathic.analysis.errors import TranscriptError
from empathic.conversations import ingest
from empathic.conversations.tests.helpers import session_text


def test_prepare_redacts_participant_and_listed_names_and_identifiers():
    prepared = ingest.prepare(text=session_text(), names=("Maya",))
    joined = "\n".join(turn.text for turn in prepared.turns)
    for secret in ("Jordan", "Sam", "Rivera", "Maya", "07700 900123", "jordan.lee@example.com"):
        assert secret not in joined
    assert "[NAME]" in joined and "[PHONE]" in joined and "[EMAIL]" in joined
    assert {t.speaker for t in prepared.turns} == {"Practitioner", "Client"}
    assert prepared.turns[0].role == "practitioner"
    assert prepared.redaction_counts["NAME"] == 2  # "Jordan" and the listed "Maya"
    assert "Sam" not in prepared.practitioner_method


def test_names_field_splits_on_lines_and_commas():
    assert ingest.split_names("Maya, Tom\n\n Ana ;Tom") == ("Maya", "Tom", "Ana")


def test_the_same_session_hashes_the_same_whatever_the_spacing():
    one = ingest.prepare(text=session_text())
    two = ingest.prepare(text=session_text().replace(". ", ".  "))
    other = ingest.prepare(text=session_text("Something else entirely?"))
    assert one.content_sha256 == two.content_sha256
    assert one.content_sha256 != other.content_sha256


@pytest.mark.parametrize(
    "data",
    [b"", b"\x00\x01\x02\xff" * 200, b"just one line with no speakers at all"],
)
def test_unreadable_input_raises_a_one_line_error(data):
    with pytest.raises(TranscriptError) as error:
        ingest.prepare(data=data, filename="session.txt")
    assert "\n" not in str(error.value)


def test_a_client_reference_that_looks_like_pii_is_spotted():
    assert ingest.looks_identifying("jordan.lee@example.com")
    assert ingest.looks_identifying("07700 900123")
    assert not ingest.looks_identifying("C-1042")
