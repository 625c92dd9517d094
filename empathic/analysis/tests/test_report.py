"""The terminal report, on a hand-built analysis of a realistic session.

`sample_analysis()` is shared with the HTML and CLI tests: fourteen turns of a housing-crisis
session with two missed moments, feedback with suggestions and hostile text in a client turn.
"""

from __future__ import annotations

import re
from dataclasses import replace

from empathic.analysis.report.common import highlight_segments
from empathic.analysis.report.terminal import render_text
from empathic.analysis.results import (
    EMOTIONS,
    Band,
    ClientSignals,
    ConversationAnalysis,
    Feedback,
    FeedbackItem,
    LabelScore,
    PractitionerSignals,
    Suggestion,
    Summary,
    TurnAnalysis,
)
from empathic.nlp.results import EmpathyScore, MechanismScore, RationaleSpan

PRACTITIONER, CLIENT = "Sam Rivera", "Alex"
HOSTILE = "<script>alert('x')</script>"
ANSI = re.compile(r"\x1b\[[0-9;]*m")

WHY = {
    "er": "Naming the feeling tells the client they were heard before anything else happens.",
    "ip": "Showing you understood the meaning behind the words builds trust.",
    "ex": "An open question invites the client to say more about what matters to them.",
}
WHAT = {
    "er": "No emotional reaction to what the client just shared.",
    "ip": "No interpretation of the client's experience.",
    "ex": "No exploration of the client's feelings or situation.",
}


def _mech(text: str, level: int, *phrases: str) -> MechanismScore:
    spans = []
    for phrase in phrases:
        start = text.index(phrase)
        spans.append(RationaleSpan(start, start + len(phrase), phrase))
    probabilities = [0.1, 0.1, 0.1]
    probabilities[level] = 0.8
    return MechanismScore(level, tuple(probabilities), tuple(spans))  # type: ignore[arg-type]


def _feedback(missing: tuple[str, ...], *suggestions: tuple[str, dict[str, int]]) -> Feedback:
    return Feedback(
        missing=missing,
        items=tuple(FeedbackItem(m, WHAT[m], WHY[m]) for m in missing),
        suggestions=tuple(
            Suggestion(
                text=text,
                adds=tuple(m for m in missing if levels.get(m, 0) > 0),
                source="library",
                levels=levels,
            )
            for text, levels in suggestions
        ),
    )


def _client(
    emotions: dict[str, float], distress: float, talk: str, offensive: float = 0.02
) -> ClientSignals:
    probabilities = dict.fromkeys(EMOTIONS, 0.01) | emotions
    hostility = {"hate": 0.01, "offensive": offensive, "neither": 0.99 - offensive}
    return ClientSignals(
        emotions=tuple(LabelScore(k, v) for k, v in emotions.items()),
        emotion_probabilities=probabilities,
        distress=distress,
        hostility="offensive" if offensive > 0.5 else "neither",
        hostility_probabilities=hostility,
        talk_type=talk,
        talk_type_probabilities={
            t: 0.8 if t == talk else 0.1 for t in ("change", "neutral", "sustain")
        },
    )


def _practitioner(mi_code: str, strategy: str) -> PractitionerSignals:
    behaviour = mi_code.split("_")[-1] if "_" in mi_code else "therapist_input"
    return PractitionerSignals(
        mi_behaviour=behaviour,
        mi_code=mi_code,
        mi_probabilities={"question": 0.1, "reflection": 0.1, "therapist_input": 0.1, "other": 0.1}
        | {behaviour: 0.7},
        strategy=strategy,
        strategy_probabilities={strategy: 0.7},
    )


def sample_analysis(client_text: str = "") -> ConversationAnalysis:
    """A realistic analysis; `client_text` is appended to turn 6 (a hostile client turn)."""
    rows: list[tuple] = []  # (speaker, text, extra fields)

    def say(text: str, er: tuple, ip: tuple, ex: tuple, mi: str, strategy: str, **extra) -> None:
        empathy = EmpathyScore(
            er=_mech(text, *er), ip=_mech(text, *ip), ex=_mech(text, *ex), model="epitome@1.2.0"
        )
        fields = dict(empathy=empathy, practitioner=_practitioner(mi, strategy))
        rows.append((PRACTITIONER, text, fields, extra))

    def hear(text: str, signals: ClientSignals) -> None:
        rows.append((CLIENT, text, dict(client=signals), {}))

    t = "Hi Alex, thanks for coming in today. What would you like to talk about?"
    say(t, (0,), (0,), (2, "What would you like to talk about?"), "open_question", "Question")
    hear(
        "I don't even know where to start. Since I lost my job in March everything has been "
        "falling apart, and I can't sleep.",
        _client({"sadness": 0.71, "nervousness": 0.44}, 5.4, "neutral"),
    )
    t = (
        "That sounds exhausting. Losing your job and not sleeping, it must feel like the ground "
        "moved under you."
    )
    say(
        t,
        (2, "That sounds exhausting"),
        (2, "it must feel like the ground moved under you"),
        (0,),
        "complex_reflection",
        "Reflection of feelings",
    )
    hear(
        "Yeah. And my landlord keeps calling. I'm scared we'll lose the apartment.",
        _client({"fear": 0.78, "nervousness": 0.5}, 5.9, "neutral"),
    )
    t = "Have you paid the rent this month?"
    say(
        t, (0,), (0,), (1, "Have you paid the rent"), "closed_question", "Question",
        missed_empathy=True,
        feedback=_feedback(
            ("er", "ip"),
            ("That sounds frightening. It seems like the apartment is what keeps your family "
             "steady right now.", {"er": 2, "ip": 2, "ex": 0}),
            ("I can hear how scared you are about losing your home.", {"er": 2, "ip": 1, "ex": 0}),
        ),
    )  # fmt: skip
    hear(
        "No! That's the whole point. Nobody listens to me, not the agency, not you. "
        "This is pointless." + client_text,
        _client({"anger": 0.81, "annoyance": 0.6}, 6.3, "sustain", offensive=0.62),
    )
    t = "You should call the housing hotline, they can help with emergency rent."
    say(
        t, (0,), (0,), (0,), "advice", "Providing Suggestions",
        missed_empathy=True,
        feedback=_feedback(
            ("er", "ip", "ex"),
            ("You're angry because it feels like nobody is really listening. What would help "
             "you feel heard right now?", {"er": 2, "ip": 2, "ex": 2}),
        ),
    )  # fmt: skip
    hear(
        "I already called them twice.",
        _client({"annoyance": 0.55, "disappointment": 0.4}, 5.6, "sustain", offensive=0.15),
    )
    t = (
        "I'm sorry, it sounds like you've been doing everything you can and still feel unheard. "
        "What has been the hardest part?"
    )
    say(
        t,
        (2, "I'm sorry"),
        (2, "it sounds like you've been doing everything you can and still feel unheard"),
        (2, "What has been the hardest part?"),
        "complex_reflection",
        "Reflection of feelings",
    )
    hear(
        "Honestly, telling my kids. I want to find something before the summer, I just need "
        "a plan.",
        _client({"sadness": 0.5, "desire": 0.45, "optimism": 0.3}, 4.6, "change"),
    )
    t = "You want a plan so your kids feel safe."
    say(
        t, (0,), (1, "so your kids feel safe"), (0,), "simple_reflection",
        "Restatement or Paraphrasing",
        feedback=_feedback(
            ("er", "ex"),
            ("It's hard to tell your kids. You want a plan so they feel safe; what would a "
             "first step look like?", {"er": 1, "ip": 1, "ex": 2}),
        ),
    )  # fmt: skip
    hear(
        "Yes. Maybe I could ask my sister about staying with her for a while.",
        _client({"optimism": 0.52, "caring": 0.3}, 3.8, "change"),
    )
    t = (
        "That's a creative idea, and it shows how much you care about them. How would you feel "
        "about calling her this week?"
    )
    say(
        t,
        (1, "That's a creative idea"),
        (1, "it shows how much you care about them"),
        (2, "How would you feel about calling her this week?"),
        "affirmation",
        "Affirmation and Reassurance",
    )
    hear(
        "Good, actually. I think I can do that.",
        _client({"relief": 0.6, "optimism": 0.5}, 2.9, "change"),
    )

    turns = tuple(
        TurnAnalysis(
            index=i,
            speaker=speaker,
            role="practitioner" if speaker == PRACTITIONER else "client",
            text=text,
            start=12.5 * i,
            **fields,
            **extra,
        )
        for i, (speaker, text, fields, extra) in enumerate(rows)
    )
    practitioner_turns = [t for t in turns if t.role == "practitioner"]
    n = len(practitioner_turns)
    words = sum(t.words for t in turns)

    def rate(m: str, at_least: int) -> float:
        return sum(t.empathy.mechanisms[m].level >= at_least for t in practitioner_turns) / n

    summary = Summary(
        practitioner_turns=n,
        client_turns=len(turns) - n,
        reflections=3,
        complex_reflections=2,
        questions=2,
        open_questions=1,
        reflection_to_question=Band(1.5, 1.0, 2.0),
        percent_complex_reflections=Band(2 / 3, 0.40, 0.50),
        percent_open_questions=0.5,
        practitioner_talk_share=sum(t.words for t in practitioner_turns) / words,
        mechanism_rates={m: rate(m, 1) for m in ("er", "ip", "ex")},
        strong_mechanism_rates={m: rate(m, 2) for m in ("er", "ip", "ex")},
        missed_moments=2,
        change_talk=3,
        sustain_talk=2,
    )
    return ConversationAnalysis(
        source="session.vtt",
        source_format="vtt",
        practitioner=PRACTITIONER,
        clients=(CLIENT,),
        practitioner_method="the speaker who asked the most questions and reflections",
        turns=turns,
        summary=summary,
        models={
            "epitome": "epitome@1.2.0",
            "mi": "annomi-mi@1.0.0",
            "strategy": "esconv-strategy@1.0.0",
            "emotion": "goemotions@1.0.0",
        },
        seconds=0.42,
        warnings=("3 turns had no timestamps; times were interpolated.",),
    )


# --- the terminal report -------------------------------------------------------------------


def test_summary_figures_and_band_ratings_come_first():
    text = render_text(sample_analysis(), color=False)
    summary, _, rest = text.partition("Moments worth a supervisor's time")
    assert "1.50 : 1" in summary and "fair ≥ 1:1, good ≥ 2:1" in summary
    assert re.search(r"Reflection-to-question\s+1\.50 : 1\s+fair ", summary)
    assert re.search(r"Complex reflections\s+67%\s+good ", summary)
    assert "fair ≥ 40%, good ≥ 50%" in summary
    assert re.search(r"Open questions\s+50%", summary)
    # EPITOME rates: ER weak-or-strong in 3 of 7 turns, strong in 2 of 7.
    assert re.search(r"ER emotional reactions\s+43%\s+weak or strong; strong 29%", summary)
    assert "Practitioner: Sam Rivera (the speaker who asked the most" in summary
    assert "epitome@1.2.0" in summary and "Warning: 3 turns had no timestamps" in summary
    assert rest.index("Transcript") > 0


def test_missed_moments_name_the_turn_the_emotion_and_what_was_missing():
    text = render_text(sample_analysis(), color=False)
    moments = text.split("Moments worth a supervisor's time (2)")[1].split("Transcript")[0]
    assert "Turn 5 (0:50) after Alex's fear 78%, distress 5.9/7" in moments
    assert "Turn 7 (1:15) after Alex's anger 81%, distress 6.3/7" in moments
    assert "Missing: emotional reaction, interpretation, exploration" in moments
    assert "Sam Rivera: “Have you paid the rent this month?”" in moments


def test_no_missed_moments_says_so():
    analysis = sample_analysis()
    calm = replace(analysis, turns=tuple(replace(t, missed_empathy=False) for t in analysis.turns))
    assert "Moments worth a supervisor's time (0)\n  None:" in render_text(calm, color=False)


def test_without_colour_highlights_are_bracketed_with_their_mechanism_and_no_ansi():
    text = render_text(sample_analysis(), color=False)
    assert "\x1b" not in text
    assert "[That sounds exhausting](ER)" in text
    assert "[What has been the hardest part?](EX)" in text
    assert (
        "ER strong · IP strong · EX none  │  MI: complex reflection  │  Strategy: Reflection"
        in text
    )


def test_with_colour_highlights_are_styled_and_still_labelled():
    text = render_text(sample_analysis(), color=True)
    assert "\x1b[1;4;33mThat sounds exhausting\x1b[0m\x1b[2m(ER)\x1b[0m" in text
    assert "\x1b[1;4;35mWhat has been the hardest part?\x1b[0m" in text
    assert "[That sounds exhausting]" not in text
    # Stripped of styles it reads the same as the plain report, minus the brackets.
    plain = ANSI.sub("", text)
    assert "That sounds exhausting(ER)" in plain and "Complex reflections" in plain


def test_lines_fit_in_100_columns():
    for color in (False, True):
        for line in render_text(sample_analysis("x" * 300), color=color).splitlines():
            assert len(ANSI.sub("", line)) <= 100, line


def test_client_turns_show_emotions_distress_hostility_and_talk():
    text = render_text(sample_analysis(), color=False)
    assert (
        "Emotions: anger 81%, annoyance 60% · distress 6.3/7 · hostility offensive (0.63)" in text
    )
    assert "change talk" in text and "sustain talk" in text


def test_feedback_lists_what_why_and_rescored_suggestions():
    text = render_text(sample_analysis(), color=False)
    assert "Feedback: missing emotional reactions, interpretations" in text
    assert WHY["er"].split()[0] in text
    assert "Try 1: “That sounds frightening." in text
    assert "(ER strong · IP strong · EX none)" in text


def test_terminal_control_sequences_in_transcript_text_are_removed():
    text = render_text(sample_analysis("\x1b[2J\x1b]0;pwned\x07 bye"), color=False)
    assert "\x1b" not in text and "\x07" not in text
    assert "pointless.[2J]0;pwned bye" in text.replace("\n  ", " ")


def test_overlapping_rationales_merge_into_one_labelled_highlight():
    analysis = sample_analysis()
    turn = analysis.turns[2]
    text = turn.text
    overlapping = replace(
        turn.empathy,
        ip=_mech(text, 2, "sounds exhausting. Losing your job"),
    )
    segments = highlight_segments(replace(turn, empathy=overlapping))
    marked = [s for s in segments if s.mechanisms]
    assert marked[0].text == "That sounds exhausting. Losing your job"
    assert marked[0].mechanisms == ("er", "ip")
    assert "".join(s.text for s in segments) == text
