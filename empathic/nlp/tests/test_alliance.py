"""The alliance signals of one client turn, and the practitioner's repair moves (no models)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from empathic.nlp.alliance import HeadReadings, detect_alliance_signals, detect_repair_moves

LONG = [18, 22, 15, 20]  # the client's earlier turns, in words


def kinds(text: str, **kwargs) -> set[str]:
    return {s.kind for s in detect_alliance_signals(text, **kwargs)}


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Are you kidding me? Don't put this on me.", "Don't put this on me"),
        ("You're not listening! Everybody keeps telling me what to do.", "You're not listening"),
        ("Honestly, you people never call back when you say you will.", "you people"),
        ("This is useless. I've told this story five times.", "This is useless"),
        ("Why do I even bother coming here?", "Why do I even bother"),
        ("Don't tell me what to do, I'm an adult.", "Don't tell me what to do"),
        ("That's easy for you to say, you get to go home.", "That's easy for you to say"),
        ("You don't care, you're just ticking boxes.", "You don't care"),
        ("So this is my fault now?", "So this is my fault"),
    ],
)
def test_confrontation_aimed_at_the_practitioner_or_service(text: str, phrase: str):
    signals = [s for s in detect_alliance_signals(text) if s.kind == "confrontation"]
    assert signals, text
    assert phrase in [text[s.start : s.end] for s in signals]
    assert all(0.5 <= s.score < 1 for s in signals)


@pytest.mark.parametrize(
    "text",
    [
        "My landlord is a liar and he never listens to me.",
        "They lost my paperwork. Twice. I'm so angry at that office.",
        "He said, are you kidding me, and walked out.",
        "My mum always says you're not listening to her.",
        "You never know with him, one day he's fine and the next he's shouting.",
        "You don't understand until it happens to you, losing a house.",
        "I'm not saying you don't care, I just feel lost.",
        "I'm furious with my ex. He took the car and the kids' money.",
        "I hate this, I hate that it's come to this.",
    ],
)
def test_anger_at_a_third_party_or_reported_speech_is_not_confrontation(text: str):
    assert "confrontation" not in kinds(text, earlier_words=LONG), text


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Whatever.", "whatever"),
        ("Fine.", "fine"),
        ("Forget it.", "forget_it"),
        ("I don't want to talk about this.", "wont_talk"),
        ("I'm done.", "done"),
        ("I guess.", "i_guess"),
        ("Doesn't matter.", "doesnt_matter"),
        ("If you say so.", "if_you_say_so"),
        ("Can we just drop it?", "drop_it"),
    ],
)
def test_withdrawal(text: str, cue: str):
    (signal,) = detect_alliance_signals(text, earlier_words=LONG)
    assert (signal.kind, signal.cue) == ("withdrawal", cue)
    assert text[signal.start : signal.end].strip(".?") in text


def test_a_very_short_flat_reply_counts_only_after_long_ones_and_not_to_a_closed_question():
    assert kinds("Nope.", earlier_words=[24, 30, 26]) == {"withdrawal"}
    assert kinds("Nope.", earlier_words=[3, 4, 2]) == set()  # a terse client from the start
    assert kinds("Nope.", earlier_words=[24, 30, 26], answers_closed_question=True) == set()
    assert kinds("Yes!", earlier_words=[24, 30], heads=HeadReadings(positive=0.9)) == set()


@pytest.mark.parametrize(
    "text",
    [
        "I don't think I can stop drinking. It's the only thing that gets me to sleep.",
        "Part of me wants to quit and part of me doesn't.",
        "I'm so sad. I miss her every day.",
        "I don't know about that. Some days I just want to give up.",
        "I guess I wouldn't be sitting here if I'd really given up.",
        "Whatever I do, it doesn't matter, I always end up back at the bar.",
        "I'm done drinking, I mean it this time.",
        "I'm not ready to quit. Not yet.",
        "I feel like I'm doing everything right and it still isn't enough.",
        "Fine print on the lease says they can't do that, I think.",
    ],
)
def test_sadness_ambivalence_and_sustain_talk_are_not_ruptures(text: str):
    assert kinds(text, earlier_words=LONG) == set(), text


def test_the_heads_move_scores_but_a_third_party_stays_unflagged():
    text = "You're not listening."
    calm = detect_alliance_signals(text)[0].score
    angry = detect_alliance_signals(text, heads=HeadReadings(anger=0.9))[0].score
    assert angry > calm
    # A hostile reading alone flags a turn only when it speaks to "you".
    assert kinds("You're a joke, mate.", heads=HeadReadings(hostility=0.8)) == {"confrontation"}
    assert kinds("He's a joke, that landlord.", heads=HeadReadings(hostility=0.8)) == set()
    assert kinds("You're a joke, mate.", heads=HeadReadings(hostility=0.1)) == set()


def test_spans_index_the_text_as_given_with_curly_apostrophes():
    text = "Honestly? Don’t put this on me."
    (signal,) = detect_alliance_signals(text)
    assert text[signal.start : signal.end] == "Don’t put this on me"


@pytest.mark.parametrize(
    ("text", "move"),
    [
        ("You're right, I jumped ahead. I'm sorry.", "apology"),
        ("You're right, I jumped ahead.", "acknowledgement"),
        ("It sounds like that came across as blaming you.", "reflection"),
        ("That's fair.", "acknowledgement"),
        ("You're sick of being sent from one office to the next.", "reflection"),
        ("It's your call what we look at next.", "autonomy"),
        ("What would be most useful to talk about?", "autonomy"),
    ],
)
def test_repair_moves(text: str, move: str):
    assert move in {m.move for m in detect_repair_moves(text)}


@pytest.mark.parametrize(
    "text",
    [
        "I'm sorry to hear that. Do you have a copy of your lease?",
        "Okay. Can you bring it next time?",
        "You should call legal aid today.",
    ],
)
def test_not_repair_moves(text: str):
    assert detect_repair_moves(text) == ()


def test_the_package_imports_no_django_and_no_analysis():
    code = (
        "import sys, empathic.nlp.alliance, empathic.nlp.alliance.vocabulary;"
        "bad = [m for m in sys.modules if m.split('.')[0] == 'django'"
        " or m.startswith('empathic.analysis')]; assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
