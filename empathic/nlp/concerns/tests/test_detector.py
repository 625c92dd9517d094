"""The concern patterns: each kind in speech, its look-alikes in good MI practice, spans."""

from __future__ import annotations

import pytest

from empathic.nlp.concerns import KINDS, Concern, apply_concern_rule, detect_concerns
from empathic.nlp.concerns.detector import _pattern_concerns
from empathic.nlp.results import EmpathyScore, MechanismScore, RationaleSpan


def kinds(text: str) -> set[str]:
    return {c.kind for c in detect_concerns(text)}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("You should have called us as soon as the hours got cut.", "blaming"),
        ("Why didn't you tell your landlord straight away?", "blaming"),
        ("Well, that's what happens when you skip the meetings.", "blaming"),
        ("Please don't shout at me. There's a process and you need to follow it.", "commanding"),
        ("Okay, okay, relax. Lower your voice, please.", "commanding"),
        ("Try to calm down, these things usually work out.", "commanding"),
        ("At least you've still got your job.", "minimising"),
        ("Don't worry, everything will be fine.", "minimising"),
        ("That's not my problem, it's the council's.", "dismissing"),
        ("You're overreacting, honestly.", "dismissing"),
        ("You're in denial, you know that.", "confronting"),
        ("Come on, I don't believe you.", "confronting"),
        ("If you don't go to the group you will lose your script.", "warning"),
        ("Keep that up and I'm ending this call.", "warning"),
        ("You should be ashamed of yourself.", "moralising"),
        ("A good mother would put her kids first.", "moralising"),
        ("You need to ring the council today and sort it out.", "advice_without_permission"),
        ("Have you tried going for a walk in the mornings?", "advice_without_permission"),
        # spoken stances heard in the judging sessions (benchmarks/rewrites/sessions)
        ("You've got a baby to think about, though.", "moralising"),
        ("You can't be thinking like that when you've got a little one.", "dismissing"),
        ("If you carry on like that you're looking at liver damage.", "warning"),
        ("You can't stay here, Stan, we need the bed.", "dismissing"),
        ("Bro, you're throwing your future away.", "moralising"),
        ("It's probably time to start getting back into a routine.", "minimising"),
        ("Well, you're going to have to promise me you won't do anything silly.", "commanding"),
        ("You signed it, so really it was on you to ring us.", "blaming"),
        (
            "I'd put her name down now, the good ones have waiting lists.",
            "advice_without_permission",
        ),
        (
            "It says non-compliant here, so we really need to get you following the plan.",
            "commanding",
        ),
        ("If you don't get this under control you're looking at your eyes, your feet.", "warning"),
        ("Hmm. Well, the scales don't lie, Ellie.", "confronting"),
        ("Oh goodness, you mustn't think like that.", "dismissing"),
        ("Well, to be fair to your mum, it's all quite new for her.", "dismissing"),
        ("A lot of young people do go through a questioning phase.", "minimising"),
        ("I'm sure she meant it kindly. People just don't know what to say.", "minimising"),
        ("You're not to give him your card again, okay?", "commanding"),
        ("Well, to be honest, four weeks isn't that bad.", "minimising"),
        ("I wouldn't get your hopes up on the reconsideration.", "dismissing"),
    ],
)
def test_each_kind_is_found_in_speech(text: str, kind: str):
    assert kind in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        # reflections, including of the client's own self-blame
        "It sounds like you feel you should have called sooner.",
        "Part of you thinks you should have seen it coming.",
        "People keep telling you it'll be fine, and it doesn't feel fine at all.",
        # advice with permission, autonomy support
        "Would it be OK if I shared what some people find helpful?",
        "It's your call. You know your situation best.",
        "Some people find a debt adviser helps. Would you like to hear more about that?",
        # affirmations, open questions, validation
        "You've kept going every week, and that takes real strength.",
        "What would help most right now?",
        "You shouldn't have to go through this alone.",
        "You should be proud of yourself.",
        "You must be exhausted.",
        "It's not your fault. None of this is your fault.",
        "Take your time. Tell me what happened.",
        "What helps you calm down when it gets like this?",
        "You've waited at least two weeks for a reply, that's far too long.",
        "If you don't want to talk about it, that's okay.",
        "I'm so sorry. That sounds terrifying, and I'm here with you.",
        # a welcome is not an order
        "Hi Leanne, come in, sit down. How have you been?",
        # look-alikes of the spoken stances above
        "It sounds like you feel it was all on you to hold things together.",
        "What do you think he'd want for you?",
        "You can't be expected to do this on your own.",
        "I'd love to hear more about that.",
        "Would it be alright if I told you about a couple of options? Some people go on a"
        " different one that's not so bad for the weight.",
        "A door that locks, and your stuff still there when you wake up.",
        "There's a way to ask for a move on family grounds.",
        "You're a grown man who gets himself about on the bus every day.",
        "You're not in trouble at all. I want to be honest with you, though.",
        "I'm so sorry, that was a terrible thing to say. I don't think you're lying.",
    ],
)
def test_good_practice_is_not_flagged(text: str):
    assert detect_concerns(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "I hear you, but you should have called us as soon as the hours got cut.",
        "I'm so sorry, that sounds awful. You should have told us months ago.",
        "I understand how upset you are, but you need to calm down.",
    ],
)
def test_a_sympathy_phrase_in_front_does_not_hide_a_concern(text: str):
    assert detect_concerns(text)


def test_spans_are_offsets_into_the_turn_text():
    text = "I hear you, but you should’ve come to us sooner, honestly."  # curly apostrophe
    (concern,) = detect_concerns(text)
    assert concern.kind == "blaming" and 0 < concern.score <= 1
    assert text[concern.start : concern.end] == "you should’ve come to us sooner"


def test_both_quoted_practice_answers_carry_their_kinds():
    assert kinds("Please don't shout at me. There's a process and you need to follow it.") == {
        "commanding"
    }
    assert kinds("Try to calm down, these things usually work out") == {
        "commanding",
        "minimising",
    }


def test_quoted_words_are_the_client_s_not_the_practitioner_s():
    assert detect_concerns('When they told you "at least you have a roof", that really hurt.') == ()


def test_every_kind_is_in_the_vocabulary():
    assert set(KINDS) == {
        "blaming", "commanding", "minimising", "dismissing", "confronting", "warning",
        "moralising", "advice_without_permission",
    }  # fmt: skip


def _score(er: int, ip: int, ex: int) -> EmpathyScore:
    def m(level: int) -> MechanismScore:
        spans = (RationaleSpan(0, 3, "abc"),) if level else ()
        return MechanismScore(level, (0.1, 0.2, 0.7), spans)

    return EmpathyScore(m(er), m(ip), m(ex), model="t@0")


def test_a_turn_with_a_concern_is_not_credited_as_empathic():
    shown, withheld = apply_concern_rule(_score(2, 1, 1), [Concern("blaming", 0, 5, 0.9)])
    assert (shown.er.level, shown.ip.level, shown.ex.level) == (0, 0, 1)
    assert shown.er.rationale == () and shown.ex.rationale
    assert withheld == ("er", "ip")
    assert shown.er.probabilities == (0.1, 0.2, 0.7)  # the model's reading is kept


def test_without_a_concern_the_score_is_untouched():
    score = _score(2, 2, 0)
    assert apply_concern_rule(score, []) == (score, ())


def test_a_cached_pattern_reading_is_the_fresh_one():
    # A rewrite candidate is read three times (worth scoring, scored, worth showing): the
    # cached reading must be exactly what running the patterns again gives.
    texts = [
        "I hear you, but you should have called us sooner.",
        "It sounds like you feel you should have called sooner.",
        "Okay, okay, relax. Lower your voice, please.",
        "What has this week been like for you?",
    ]
    _pattern_concerns.cache_clear()
    first = [detect_concerns(t) for t in texts]
    again = [detect_concerns(t) for t in texts]
    assert first == again == [_pattern_concerns.__wrapped__(t) for t in texts]
    assert first[0] and first[2] and not first[1] and not first[3]
    assert _pattern_concerns.cache_info().hits >= len(texts)
