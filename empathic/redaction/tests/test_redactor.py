"""The redaction API: spans on the original text, placeholders, merging, turns."""

from __future__ import annotations

import itertools
import re

import pytest

from empathic.redaction import Redaction, find_identifiers, redact, redact_turns
from empathic.redaction.evaluation import load_rows


def test_spans_refer_to_the_original_text() -> None:
    text = "Call Tyler on 07700 900123 or write to tyler.b@example.com, DOB 03/04/1984."
    spans = find_identifiers(text, names=["Tyler Brooks"])
    assert [(text[r.start : r.end], r.kind) for r in spans] == [
        ("Tyler", "NAME"),
        ("07700 900123", "PHONE"),
        ("tyler.b@example.com", "EMAIL"),
        ("03/04/1984", "DATE"),
    ]
    result = redact(text, names=["Tyler Brooks"])
    assert result.text == "Call [NAME] on [PHONE] or write to [EMAIL], DOB [DATE]."
    assert result.redactions == tuple(spans)
    assert result.counts_by_kind == {"EMAIL": 1, "PHONE": 1, "DATE": 1, "NAME": 1}


@pytest.mark.parametrize(
    "text",
    [
        "TYLER BROOKS said brooks was his mum's name too.",
        "tyler's brother and Tyler’s mum, and mr brooks",
        "Brooks-Tyler? No: TyLeR.",
    ],
)
def test_no_participant_name_survives_in_any_case(text: str) -> None:
    out = redact(text, names=["Tyler Brooks"]).text
    assert "tyler" not in out.casefold()
    assert "brooks" not in out.casefold()


def test_name_parts_of_two_letters_count_but_single_letters_do_not() -> None:
    out = redact("Jo said J was there, and jo-anne too.", names=["Jo A Smith"]).text
    assert out == "[NAME] said J was there, and [NAME]-anne too."


def test_possessive_keeps_its_s_outside_the_placeholder() -> None:
    assert redact("Tyler's school", names=["Tyler"]).text == "[NAME]'s school"


def test_overlapping_detections_merge_into_one_span() -> None:
    # The given name sits inside the email: one EMAIL span, not a NAME within an EMAIL.
    text = "It's tyler.brooks@example.org now."
    assert find_identifiers(text, names=["Tyler Brooks"]) == [Redaction(5, 29, "EMAIL")]
    # The parts of an address join into one span.
    text = "Flat 3, 21 Rose Lane, Leeds LS6 2AB."
    assert find_identifiers(text) == [Redaction(0, len(text) - 1, "ADDRESS")]


def test_spans_are_sorted_and_disjoint() -> None:
    text = " ".join(row["text"] for row in load_rows())
    spans = find_identifiers(text, names=["Dana Ortiz"])
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
    assert all(r.start < r.end for r in spans)


def test_empty_and_identifier_free_text() -> None:
    assert redact("").text == ""
    assert redact("").redactions == ()
    for text in ["May I ask what happened?", "Will you bill the council?", "Grace period."]:
        assert redact(text).text == text


def test_redacting_redacted_text_changes_nothing() -> None:
    for row in load_rows():
        once = redact(row["text"], names=row["names"]).text
        twice = redact(once, names=row["names"])
        assert twice.text == once
        assert twice.redactions == ()


def test_placeholder_words_given_as_names_keep_redaction_idempotent() -> None:
    once = redact("Name and Date met.", names=["Name Date"]).text
    assert once == "[NAME] and [NAME] met."
    assert redact(once, names=["Name Date"]).text == once


def test_redact_turns_pseudonymises_speakers_and_redacts_their_names() -> None:
    turns = [
        ("Dana Ortiz", "Hi Tyler, it's Dana. How are things with Mia?"),
        ("Tyler Brooks", "Dana, honestly? Bad. Call me on 07700 900461."),
        ("Sam Lee", "I'm Tyler's brother, brooks is our surname."),
        ("Dana Ortiz", "Thanks Sam."),
    ]
    out, counts = redact_turns(
        turns,
        names=["Mia"],
        speaker_labels={
            "Dana Ortiz": "Practitioner",
            "Tyler Brooks": "Client",
            "Sam Lee": "Client",
        },
    )
    assert [speaker for speaker, _ in out] == ["Practitioner", "Client", "Client 2", "Practitioner"]
    assert out[0][1] == "Hi [NAME], it's [NAME]. How are things with [NAME]?"
    assert out[1][1] == "[NAME], honestly? Bad. Call me on [PHONE]."
    assert out[2][1] == "I'm [NAME]'s brother, [NAME] is our surname."
    assert out[3][1] == "Thanks [NAME]."
    assert counts == {"PHONE": 1, "NAME": 7}


def test_redact_turns_without_labels_numbers_speakers_and_keeps_generic_labels() -> None:
    turns = [
        ("Client", "The client line was busy."),
        ("Aroha Ngata", "Kia ora, I'm Aroha."),
        ("B", "Hello."),
        ("Aroha Ngata", "Bye."),
    ]
    out, counts = redact_turns(turns)
    assert [speaker for speaker, _ in out] == ["Client", "Speaker 1", "Speaker 2", "Speaker 1"]
    # "Client" is a role, not a name: the word stays in the text.
    assert out[0][1] == "The client line was busy."
    assert out[1][1] == "Kia ora, I'm [NAME]."
    assert counts == {"NAME": 1}


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("My NI number is AB 12 34 56 C.", "ID", "AB 12 34 56 C"),
        ("Card 4111 1111 1111 1111 was stolen.", "ID", "4111 1111 1111 1111"),
        ("IBAN GB82 WEST 1234 5698 7654 32 please", "ID", "GB82 WEST 1234 5698 7654 32"),
        ("case number 4471-22 again", "ID", "4471-22"),
        ("Born 3 March 1984 in Cork", "DATE", "3 March 1984"),
        ("She's at PO Box 7781 now", "ADDRESS", "PO Box 7781"),
        ("Ring +353 87 123 4567 tonight", "PHONE", "+353 87 123 4567"),
        ("see https://example.org/a?b=1.", "URL", "https://example.org/a?b=1"),
        ("his son Will is five", "NAME", "Will"),
        ("Dr Okafor said so", "NAME", "Okafor"),
    ],
)
def test_detects_each_kind(text: str, kind: str, value: str) -> None:
    spans = find_identifiers(text)
    assert [(text[r.start : r.end], r.kind) for r in spans] == [(value, kind)]


def test_bare_years_ages_and_money_are_kept() -> None:
    text = "We moved in 2019, I'm 34 and the rent is $1,450 or £1,200.50 a month."
    assert redact(text).text == text


def test_redacted_output_has_no_email_left() -> None:
    out = redact("a@b.co, x.y+z@mail.example.co.uk; <me@here.io>").text
    assert not re.search(r"\S+@\S+\.\w+", out)
