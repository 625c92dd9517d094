"""The rules that fill the phrasing library's slots from the client's words."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from empathic.analysis.feedback import client_feeling, extract_topic, shift_pronouns
from empathic.analysis.feedback.language import MAX_TOPIC_WORDS
from empathic.analysis.feedback.phrasings import NEUTRAL_TOPIC


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I lost my job", "you lost your job"),
        ("I'm scared for me and my kids", "you're scared for you and your kids"),
        ("I am tired", "you are tired"),
        ("I was fired but it was not fair", "you were fired but it was not fair"),
        ("I wasn't told", "you weren't told"),
        ("I've tried and I'll keep trying myself", "you've tried and you'll keep trying yourself"),
        ("We lost our flat", "you lost your flat"),
        ("You never listen to me", "I never listen to you"),
        ("nobody asked if you were coming", "nobody asked if I was coming"),
        ("I\u2019m worried", "you're worried"),  # typographic apostrophe
        ("The council wrote to Maria", "the council wrote to Maria"),  # names keep their case
        ("", ""),
    ],
)
def test_shift_pronouns(text: str, expected: str) -> None:
    assert shift_pronouns(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what the feeling is about; fears are reflected as thoughts, not facts
        (
            "I got an eviction notice and I'm terrified we'll end up on the street.",
            "the thought that you'll end up on the street",
        ),
        ("I'm scared of losing my kids.", "losing your kids"),
        ("I'm angry that she cancelled again.", "how she cancelled again"),
        # the object of "about", or of "struggling with"
        (
            "I've been anxious about my job interview tomorrow, honestly.",
            "your job interview tomorrow",
        ),
        ("I am struggling with the debt and my rent.", "the debt"),
        # else the last statement, hedges dropped, questions skipped
        ("Everything is fine I guess.", "how everything is fine"),
        ("Nobody at work even asked. What should I do?", "how nobody at work even asked"),
        # "about it" says nothing; a question alone says nothing either
        ("I don't want to talk about it?", NEUTRAL_TOPIC),
        ("What should I do?", NEUTRAL_TOPIC),
        ("", NEUTRAL_TOPIC),
    ],
)
def test_extract_topic(text: str, expected: str) -> None:
    assert extract_topic(text) == expected


def test_an_overlong_object_is_not_truncated_into_nonsense() -> None:
    text = "I'm worried about the way every single person in that office has treated my family"
    assert extract_topic(text) != "the way every single person in that office has"
    assert len(extract_topic(text).split()) <= MAX_TOPIC_WORDS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm so stressed and tired", "stressed"),
        ("I'm not angry, I'm just fed up.", "fed up"),  # negated feelings do not count
        ("I lost my job last week.", None),  # "lost" is not a feeling here
        ("I feel so lost since she left.", "lost"),
        ("I'm petrified", "terrified"),
        ("Honestly I feel completely burnt out", "burnt out"),
        ("We went down to the office.", None),
        ("", None),
    ],
)
def test_client_feeling(text: str, expected: str | None) -> None:
    assert client_feeling(text) == expected


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=400))
def test_topic_extraction_never_raises_and_stays_short(text: str) -> None:
    topic = extract_topic(text)
    assert topic
    assert len(topic.split()) <= MAX_TOPIC_WORDS


SALAD = ("I", "I'm", "my", "me", "about", "with", "scared", "of", "that", "we", "the", "landlord",
         "and", ",", ".", "?", "you", "was", "not", "fed", "up", "lost")  # fmt: skip


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(SALAD), max_size=60))
def test_topic_from_word_salad_stays_short(words: list[str]) -> None:
    # Arbitrary unicode rarely forms words the rules act on; this salad exercises every rule.
    text = " ".join(words)
    assert len(extract_topic(text).split()) <= MAX_TOPIC_WORDS
    client_feeling(text)  # must not raise either
