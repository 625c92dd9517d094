"""Rewrite feedback, re-scored by the real EPITOME scorer."""

from collections.abc import Sequence

import pytest

from empathic.analysis.errors import GeneratorError
from empathic.analysis.feedback import build_feedback, explain, feeling_word
from empathic.analysis.feedback.builder import MECHANISMS, rewrite_candidates
from empathic.analysis.feedback.rewrites import (
    PERMISSION_QUESTIONS,
    STANCES_WITH_WARMTH,
    TREATED_REFLECTIONS,
    WITHDRAWN_STANCES,
    called_for,
    compose,
    read_moment,
    warmth,
)
from empathic.analysis.results import EMOTIONS, ClientSignals, LabelScore
from empathic.nlp.concerns import detect_concerns
from empathic.nlp.results import EmpathyScore, MechanismScore
from empathic.nlp.scorer import EmpathyScorer, load_scorer

DISTRESSED = (
    "I got an eviction notice today and I'm terrified we'll end up on the street. I can't sleep."
)
DISMISSIVE = "You need to call the council."  # advice without permission
FLAT = "Okay. Have you got the letter with you?"


@pytest.fixture(scope="module")
def scorer() -> EmpathyScorer:
    return load_scorer()


STRONG = EmpathyScore(*(MechanismScore(2, (0.0, 0.0, 1.0), ()),) * 3, model="t")


def _levels_score(er: int, ip: int, ex: int) -> EmpathyScore:
    """A score with these levels (probabilities one-hot), for tests of the plan alone."""
    return EmpathyScore(
        *(
            MechanismScore(level, tuple(float(i == level) for i in range(3)), ())
            for level in (er, ip, ex)
        ),
        model="t",
    )


"""A re-score that credits every candidate: tests of what is composed, not of the model."""


def rescorer(scorer: EmpathyScorer):
    return lambda context, response: scorer.score(context=context, response=response)


def levels(score: EmpathyScore) -> dict[str, int]:
    return {m: s.level for m, s in score.mechanisms.items()}


def signals(emotion: str) -> ClientSignals:
    probabilities = dict.fromkeys(EMOTIONS, 0.0) | {emotion: 0.9}
    return ClientSignals(
        emotions=(LabelScore(emotion, 0.9),),
        emotion_probabilities=probabilities,
        distress=5.0,
        hostility="neither",
        hostility_probabilities={"hate": 0.0, "offensive": 0.0, "neither": 1.0},
        talk_type="neutral",
        talk_type_probabilities={"change": 0.0, "neutral": 1.0, "sustain": 0.0},
    )


class ListGenerator:
    def __init__(self, texts: list[str] | None = None, error: bool = False) -> None:
        self.texts = texts or []
        self.error = error
        self.calls: list[dict] = []

    def suggest(
        self, *, client_text: str, turn_text: str, missing: Sequence[str], emotion: str | None
    ) -> list[str]:
        self.calls.append({"turn_text": turn_text, "missing": tuple(missing), "emotion": emotion})
        if self.error:
            raise GeneratorError("suggestion endpoint answered HTTP 500")
        return self.texts


def test_harmful_turn_is_replaced_not_kept(scorer) -> None:
    empathy = scorer.score(context=DISTRESSED, response=DISMISSIVE)
    original = levels(empathy)
    concerns = detect_concerns(DISMISSIVE, DISTRESSED)
    assert concerns
    feedback = build_feedback(
        client_text=DISTRESSED,
        turn_text=DISMISSIVE,
        empathy=empathy,
        client=signals("fear"),
        rescore=rescorer(scorer),
        concerns=concerns,
    )
    assert feedback is not None
    assert [c.kind for c in feedback.concerns] == [c.kind for c in concerns]
    assert feedback.items and all(i.what and i.why for i in feedback.items)
    assert 1 <= len(feedback.suggestions) <= 3
    for suggestion in feedback.suggestions:
        # the flagged sentence is gone; the rewrite asks before advising, and has no concern
        assert "You need to call the council" not in suggestion.text
        assert any(question in suggestion.text for question in PERMISSION_QUESTIONS)
        assert not detect_concerns(suggestion.text, DISTRESSED)
        # the stored levels are the suggestion's own re-scored levels, never below the turn's
        assert suggestion.levels == levels(
            scorer.score(context=DISTRESSED, response=suggestion.text)
        )
        assert all(suggestion.levels[m] >= original[m] for m in MECHANISMS)
        assert all(suggestion.levels[m] > 0 for m in suggestion.adds)


def test_a_weak_turn_keeps_its_words_and_gains_what_the_moment_called_for(scorer) -> None:
    empathy = scorer.score(context=DISTRESSED, response=FLAT)
    feedback = build_feedback(
        client_text=DISTRESSED,
        turn_text=FLAT,
        empathy=empathy,
        client=signals("fear"),
        rescore=rescorer(scorer),
    )
    assert feedback is not None and feedback.suggestions
    best = feedback.suggestions[0]
    assert FLAT in best.text and best.adds
    # the feedback names what this client said
    assert any("terrified" in i.what or "eviction" in i.what for i in feedback.items)


def test_turn_with_every_mechanism_gets_no_feedback() -> None:
    present = MechanismScore(1, (0.1, 0.8, 0.1), ())
    empathy = EmpathyScore(er=present, ip=present, ex=present, model="epitome@test")

    def rescore(context: str, response: str) -> EmpathyScore:
        raise AssertionError("nothing to rewrite, nothing to re-score")

    assert (
        build_feedback(
            client_text=DISTRESSED, turn_text="x", empathy=empathy, client=None, rescore=rescore
        )
        is None
    )


def test_feedback_is_reproducible(scorer) -> None:
    empathy = scorer.score(context=DISTRESSED, response=DISMISSIVE)
    kwargs = dict(client_text=DISTRESSED, turn_text=DISMISSIVE, empathy=empathy, client=None)
    first = build_feedback(**kwargs, rescore=rescorer(scorer))
    second = build_feedback(**kwargs, rescore=rescorer(scorer))
    assert first == second


def test_max_suggestions_bounds_the_list(scorer) -> None:
    empathy = scorer.score(context=DISTRESSED, response=DISMISSIVE)
    common = dict(client_text=DISTRESSED, turn_text=DISMISSIVE, empathy=empathy, client=None)
    one = build_feedback(**common, rescore=rescorer(scorer), max_suggestions=1)
    none = build_feedback(**common, rescore=rescorer(scorer), max_suggestions=0)
    assert one is not None and len(one.suggestions) == 1
    assert none is not None and none.suggestions == () and none.items


def test_no_condolence_before_the_client_has_spoken_or_after_relief() -> None:
    silent = read_moment("", None)
    assert not silent.spoke and not silent.pain
    assert (
        build_feedback(
            client_text="",
            turn_text="Hi, thanks for coming in.",
            empathy=EmpathyScore(*(MechanismScore(0, (1.0, 0.0, 0.0), ()),) * 3, model="t"),
            client=None,
            rescore=lambda c, r: pytest.fail("nothing to rewrite before the client speaks"),
        )
        is None
    )
    relieved = read_moment("Thanks, that actually helps a lot. I feel better.", signals("relief"))
    assert relieved.relief and not relieved.pain
    text = compose("Good.", ("ip",), relieved, "k")
    assert text is None or "sorry" not in text.lower()


def test_risk_to_life_gets_feedback_but_no_template_rewrite(scorer) -> None:
    client = "Honestly everyone would be better off without me."
    turn = "Okay. Let's look at your budget."
    feedback = build_feedback(
        client_text=client,
        turn_text=turn,
        empathy=scorer.score(context=client, response=turn),
        client=None,
        rescore=lambda c, r: pytest.fail("no rewrite after words of risk"),
    )
    assert feedback is not None and feedback.suggestions == ()
    assert feedback.items[0].mechanism == "risk"


def test_a_question_or_a_no_from_the_client_is_not_answered_with_a_question() -> None:
    asked = read_moment("Are you going to take my son away from me?", None)
    declined = read_moment("No. I don't want to talk about it.", None)
    for moment in (asked, declined):
        assert "ex" not in called_for(("er", "ip", "ex"), moment, "Okay.")


def test_feelings_come_from_the_clients_words_not_the_emotion_head() -> None:
    happy = read_moment("My mum cried when I told her. Happy crying.", signals("sadness"))
    assert happy.feeling is None and not happy.pain


def test_the_clients_words_are_used_only_where_they_parse() -> None:
    lost = read_moment("I already tried that fund and they lost my paperwork. Twice.", None)
    assert lost.clause == "they lost your paperwork"
    assert compose("", ("ip",), lost, "k").endswith("they lost your paperwork.")
    # a clause that stops before its point is not said back ("So you can.")
    assert read_moment("I don't know if I can, though.", None).clause is None
    # "how Don't put this on you" would not parse: only a clause with a subject is said back
    blunt = read_moment("Don't put this on me.", None)
    assert blunt.clause is None
    angry = read_moment("Don't put this on me. I'm furious.", None)
    assert angry.clause == "you're furious" and angry.feeling == "furious"
    assert compose("", ("ip",), angry, "k").count("furious") == 1


def test_feeling_word_prefers_the_clients_own_word() -> None:
    assert feeling_word("I'm petrified of him", signals("sadness")) == "terrified"
    assert feeling_word("The letter came today", signals("nervousness")) == "anxious"
    assert feeling_word("The letter came today", signals("disappointment")) == "let down"
    assert feeling_word("The letter came today", signals("joy")) is None  # not a negative one
    assert feeling_word("The letter came today", None) is None


def test_explain_covers_each_mechanism() -> None:
    explanations = [explain(m) for m in MECHANISMS]
    assert len({what for what, _ in explanations}) == 3
    assert all(what.endswith(".") and why.endswith(".") for what, why in explanations)
    with pytest.raises(ValueError, match="unknown"):
        explain("empathy")


def test_generator_rewrite_is_kept_when_it_scores_well(scorer) -> None:
    good = (
        "I'm so sorry, that sounds frightening. Would it help if we called the council "
        "together? What has been keeping you up at night?"
    )
    generator = ListGenerator([good])
    empathy = scorer.score(context=DISTRESSED, response=DISMISSIVE)
    feedback = build_feedback(
        client_text=DISTRESSED,
        turn_text=DISMISSIVE,
        empathy=empathy,
        client=signals("fear"),
        rescore=rescorer(scorer),
        generator=generator,
    )
    assert feedback is not None
    generated = [s for s in feedback.suggestions if s.source == "generator"]
    assert [s.text for s in generated] == [good]
    # the generator is handed the turn without its harmful sentence: asking before advising
    (call,) = generator.calls
    assert call["turn_text"] in PERMISSION_QUESTIONS
    assert (call["missing"], call["emotion"]) == (feedback.missing, "terrified")


def test_generator_rewrite_less_empathic_than_the_turn_is_dropped(scorer) -> None:
    turn = "Did you bring the forms? What has this week been like for you?"
    empathy = scorer.score(context=DISTRESSED, response=turn)
    assert empathy.ex.level > 0  # so "Just deal with it." (no exploration) is less empathic
    feedback = build_feedback(
        client_text=DISTRESSED,
        turn_text=turn,
        empathy=empathy,
        client=None,
        rescore=rescorer(scorer),
        generator=ListGenerator(["Just deal with it."]),
    )
    assert feedback is not None
    assert all(s.source == "library" for s in feedback.suggestions)
    assert all(s.text != "Just deal with it." for s in feedback.suggestions)


def test_failing_generator_falls_back_to_the_library(scorer) -> None:
    empathy = scorer.score(context=DISTRESSED, response=DISMISSIVE)
    common = dict(client_text=DISTRESSED, turn_text=DISMISSIVE, empathy=empathy, client=None)
    failing = build_feedback(
        **common, rescore=rescorer(scorer), generator=ListGenerator(error=True)
    )
    library_only = build_feedback(**common, rescore=rescorer(scorer))
    assert failing is not None and failing.suggestions
    assert failing == library_only


def test_a_rewrite_to_an_angry_client_drops_the_demand_it_complained_of(scorer) -> None:
    client = (
        "You're not listening! Everybody keeps telling me what to do. Call this number, fill "
        "out that form."
    )
    turn = "Okay. Do you have a copy of your lease with you?"
    # What is composed, not what the model then credits: every candidate scores as strong on
    # every mechanism, so each composed rewrite is kept and can be checked.
    feedback = build_feedback(
        client_text=client,
        turn_text=turn,
        empathy=scorer.score(context=client, response=turn),
        client=None,
        rescore=lambda context, response: STRONG,
    )
    assert feedback is not None and feedback.suggestions
    for suggestion in feedback.suggestions:
        assert "lease" not in suggestion.text
        assert suggestion.text.startswith(
            "It feels like I'm not listening, and everybody keeps telling you what to do."
        )


def test_a_doubted_turn_is_replaced_like_a_flagged_one(scorer) -> None:
    client = "I'm worried about the flat. I haven't heard anything from the council in weeks."
    turn = "Well, we're very busy. Have you filled in the online form?"
    kwargs = dict(client_text=client, turn_text=turn, client=None, concerns=())
    empathy = scorer.score(context=client, response=turn)
    kept = rewrite_candidates(**kwargs, empathy=empathy)
    replaced = rewrite_candidates(**kwargs, empathy=empathy, doubted=True)
    assert any("we're very busy" in text for text in kept)
    assert replaced and not any("busy" in text or "online form" in text for text in replaced)


def test_a_complaint_about_the_practitioner_is_said_back_from_their_side() -> None:
    rupture = read_moment("You're not listening! Everybody keeps telling me what to do.", None)
    assert rupture.addressed and rupture.angry
    assert compose("", ("ip",), rupture, "k") == (
        "It feels like I'm not listening, and everybody keeps telling you what to do."
    )
    feared = read_moment("Oh my God. You're going to take them. I knew it.", None)
    assert compose("", ("ip",), feared, "k") == (
        "It sounds like you're worried that I'm going to take them."
    )
    # generic "you" is not the practitioner
    assert not read_moment(
        "You can't win with them, honestly, it's the same every time.", None
    ).addressed


def test_what_the_client_says_twice_is_what_gets_said_back() -> None:
    moment = read_moment(
        "I handed everything in. I handed it in here, at that desk, in person, I watched her "
        "put it in the tray.",
        None,
    )
    assert moment.clause is not None and "handed" in moment.clause


def test_not_stupid_is_anger_at_being_talked_down_to_not_shame() -> None:
    moment = read_moment("I know what the guidelines say, I'm not stupid.", None)
    assert moment.angry and not moment.shame
    assert "glad you told me" not in warmth(moment, "k")
    ashamed = read_moment("I feel so stupid for letting it get this far.", None)
    assert ashamed.shame


@pytest.mark.parametrize(
    ("client", "kind"),
    [
        ("I'm telling you the truth. You think I'm making it up, don't you.", "disbelieved"),
        ("Nobody believes me. Not the school, not the police, nobody.", "disbelieved"),
        ("I know what the guidelines say, I'm not stupid.", "patronised"),
        ("Don't talk to me like I'm a child. I've raised four kids.", "patronised"),
        ("I said no to one flat and now the council say I am difficult.", "labelled"),
        ("See, this is it. I say one thing and it's relapsing.", "labelled"),
        ("He said I'll end up like my brother. In front of everyone.", "labelled"),
    ],
)
def test_how_the_client_is_treated_is_what_gets_reflected(client: str, kind: str) -> None:
    moment = read_moment(client, None)
    assert moment.treated == kind and moment.angry
    text = compose("", ("er", "ip"), moment, "k")
    # The meaning, with its own warmth: no stock sympathy line stacked after it.
    assert text in TREATED_REFLECTIONS[kind]
    assert compose("When is the next review?", ("ip",), moment, "k") == (
        f"{text} When is the next review?"
    )


@pytest.mark.parametrize(
    "client",
    [
        "I believe you can do it, she said.",
        "They think I'm doing well at work, which is something.",
        "I don't want to end up like that, you know?",
    ],
)
def test_being_believed_or_praised_is_not_read_as_mistreatment(client: str) -> None:
    assert read_moment(client, None).treated is None


@pytest.mark.parametrize("client", ["Yeah. Yeah. No.", "Dunno. S'pose.", "Mm."])
def test_a_client_who_has_pulled_back_gets_the_reluctance_reflected(client: str) -> None:
    moment = read_moment(client, None)
    assert moment.withdrawn and not moment.pain
    wanted = called_for(("er", "ip", "ex"), moment, "")
    assert "ip" in wanted and "er" not in wanted  # no sympathy for "Mm."; after a "No", no question
    text = compose("", ("ip",), moment, "k")
    assert text in WITHDRAWN_STANCES


@pytest.mark.parametrize(
    "client",
    [
        "Sometimes I think it'd be easier if I wasn't here either. Then I'd be with him.",
        "...Sometimes. When I'm driving. I think about just not turning the wheel.",
        "I can't do this anymore. I just can't.",
        "She stops crying for him. Not for me. So maybe she'd be better off with just him.",
    ],
)
def test_passive_ideation_in_speech_is_a_risk_moment(client: str) -> None:
    assert read_moment(client, None).risk


@pytest.mark.parametrize("client", ["Yeah. Both.", "No. It's fine, the leg.", "Fine, thanks!"])
def test_a_short_answer_is_not_withdrawal(client: str) -> None:
    assert not read_moment(client, None).withdrawn


@pytest.mark.parametrize(
    ("client", "said"),
    [
        (
            "I don't even know how much it is anymore. I stopped opening the letters.",
            "you stopped opening the letters",
        ),
        (
            "Yeah. That's exactly it. They see a smackhead, they don't see a person.",
            "they don't see a person",
        ),
        (
            "And part of me, part of me wants her in a home, and I hate myself for it.",
            "part of you wants her in a home",
        ),
    ],
)
def test_what_the_client_cannot_or_no_longer_does_is_said_back(client: str, said: str) -> None:
    assert read_moment(client, None).clause == said


def test_an_angry_stance_and_its_validation_are_one_sentence() -> None:
    moment = read_moment("Whatever. Just breach me then. Don't care.", None)
    assert moment.clause is None and moment.angry
    text = compose("", ("er", "ip"), moment, "k")
    assert text in STANCES_WITH_WARMTH


def test_harm_from_someone_else_gets_safeguarding_feedback_and_no_template(scorer) -> None:
    client = "It's nothing really. He pushed me, that's all, and the baby was in my arms."
    turn = "Right. Shall we move on to the housing form?"
    feedback = build_feedback(
        client_text=client,
        turn_text=turn,
        empathy=scorer.score(context=client, response=turn),
        client=None,
        rescore=lambda c, r: pytest.fail("no template after words of harm"),
    )
    assert feedback is not None and feedback.suggestions == ()
    assert feedback.items[0].mechanism == "risk" and "safeguarding" in feedback.items[0].what
    assert not read_moment("I pushed the door and it was locked.", None).danger


def test_near_twin_rewrites_are_not_shown_side_by_side(scorer) -> None:
    client = "I already tried that fund in the spring and they lost my paperwork. Twice."
    turn = "You should have called us as soon as the hours got cut."
    feedback = build_feedback(
        client_text=client,
        turn_text=turn,
        empathy=scorer.score(context=client, response=turn),
        client=None,
        # every candidate passes the re-score, so only the near-twin rule can hold one back
        rescore=lambda context, response: STRONG,
    )
    candidates = rewrite_candidates(
        client_text=client,
        turn_text=turn,
        empathy=scorer.score(context=client, response=turn),
        client=None,
    )
    assert len(candidates) >= 2  # near-twins were composed ...
    assert feedback is not None and feedback.suggestions  # ... and not all of them shown
    assert len(feedback.suggestions) < len(candidates)
    texts = [s.text for s in feedback.suggestions]
    for i, first in enumerate(texts):
        for second in texts[i + 1 :]:
            a, b = set(first.split(". ")), set(second.split(". "))
            assert not (a <= b or b <= a), (first, second)


def test_a_self_criticism_is_never_said_back_as_a_feeling() -> None:
    moment = read_moment("I know. You don't have to tell me. I feel stupid enough already.", None)
    for adds in (("ip",), ("er", "ip"), ("ip", "ex")):
        text = compose("", adds, moment, "k")
        assert text is None or "stupid" not in text.lower()


def test_stacked_closed_questions_give_way_to_a_reflection_and_one_open_question() -> None:
    client = (
        "Friday. I cannot get to the GP, I have no bus money. The support is forty-nine pounds."
    )
    turn = "Can you walk there? Is there a friend who could lend you the fare? Could they email it?"
    texts = rewrite_candidates(
        client_text=client, turn_text=turn, empathy=_levels_score(0, 0, 1), client=None
    )
    assert texts and all("Is there a friend" not in t for t in texts)
    assert any(t.count("?") == 1 and "cannot get to the GP" in t for t in texts)


def test_stacked_safety_questions_are_kept() -> None:
    client = "Yeah. I think so. I didn't want to just sit there with it on my own tonight."
    turn = "Okay. Is there anyone with you? Have you been drinking?"
    texts = rewrite_candidates(
        client_text=client, turn_text=turn, empathy=_levels_score(0, 0, 1), client=None
    )
    assert all("Have you been drinking?" in t for t in texts)


def test_a_quote_cut_short_is_not_said_back() -> None:
    moment = read_moment("I asked if he was okay and he said just tired. He was quiet.", None)
    assert moment.clause is None or "said just" not in moment.clause


def test_no_hardship_is_assumed_when_the_client_voiced_none() -> None:
    moment = read_moment("Yeah. It was alright. I went into town on the bus on my own.", None)
    text = compose("Well done!", ("ex",), moment, "k")
    assert text is not None and "hardest" not in text and "worst" not in text


def test_anger_at_oneself_is_reflected_as_such_not_as_anger_at_the_world() -> None:
    moment = read_moment(
        'And the one I\'m really angry with is me. He said "just tired, Mum". And I let it go.',
        None,
    )
    assert moment.shame
    text = compose("", ("er", "ip"), moment, "k")
    assert text is not None and "angry with yourself" in text and "frustrating" not in text
    assert "said just" not in text


def test_wanting_to_be_believed_is_heard() -> None:
    moment = read_moment("If someone believes me first. Before the forms. Just one person.", None)
    assert moment.treated == "disbelieved"
