"""End to end on the shipped samples with the real models (no mocks)."""

import json
from pathlib import Path

import pytest

from empathic.analysis.errors import TranscriptError
from empathic.analysis.pipeline import (
    SCORING_CHUNK,
    _missed,
    analyse_file,
    analyse_transcript,
    encoder_contexts,
    get_analyser,
)
from empathic.analysis.results import MI_CODES, STRATEGIES, ClientSignals, LabelScore
from empathic.analysis.transcripts import parse_text
from empathic.analysis.turn_signals import TurnSignals
from empathic.nlp.results import EmpathyScore, MechanismScore

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def analysis():
    return analyse_file(SAMPLES / "session.txt")


def test_every_turn_gets_the_signals_of_its_role(analysis):
    assert analysis.practitioner == "Sam Rivera"
    assert analysis.clients == ("Jordan Lee",)
    assert "heuristic" in analysis.practitioner_method
    for turn in analysis.turns:
        if turn.role == "practitioner":
            assert turn.empathy is not None and turn.client is None
            assert turn.practitioner.mi_code in MI_CODES
            assert turn.practitioner.strategy in STRATEGIES
        else:
            assert turn.client is not None and turn.empathy is None
            assert turn.client.emotions
            assert 1.0 <= turn.client.distress <= 7.0
    assert set(analysis.models) == {"epitome", "signals", "alliance", "concerns"}


def test_feedback_names_only_missing_mechanisms_and_never_suggests_less(analysis):
    practitioner = [t for t in analysis.turns if t.role == "practitioner"]
    rewritten = [t for t in practitioner if t.feedback and t.feedback.suggestions]
    assert rewritten and len(rewritten) <= round(len(practitioner) / 3)  # only where it helps
    for turn in practitioner:
        levels = {m: s.level for m, s in turn.empathy.mechanisms.items()}
        if turn.feedback is None:
            continue
        assert {m for m in turn.feedback.missing} <= {m for m, v in levels.items() if v == 0}
        assert bool(turn.feedback.concerns) == bool(turn.concerns)
        for suggestion in turn.feedback.suggestions:
            assert all(suggestion.levels[m] >= levels[m] for m in levels)
            for concern in turn.concerns:  # a flagged phrase is never kept
                assert turn.text[concern.start : concern.end] not in suggestion.text


def test_no_feedback_before_the_client_has_spoken(analysis):
    first = next(t for t in analysis.turns if t.role == "practitioner")
    if first.index == 0:
        assert first.feedback is None


def test_summary_counts_agree_with_the_turns(analysis):
    practitioner = [t for t in analysis.turns if t.practitioner]
    codes = [t.practitioner.mi_code for t in practitioner if not t.concerns]
    summary = analysis.summary
    assert summary.practitioner_turns == len(practitioner)
    assert summary.reflections == codes.count("simple_reflection") + codes.count(
        "complex_reflection"
    )
    assert summary.missed_moments == len(analysis.missed_moments)
    assert 0 < summary.practitioner_talk_share < 1


def test_json_shape_round_trips(analysis):
    data = json.loads(json.dumps(analysis.to_dict()))
    assert data["summary"]["reflection_to_question"]["rating"] in {
        "below fair", "fair", "good", "n/a",
    }  # fmt: skip
    assert len(data["turns"]) == len(analysis.turns)


@pytest.mark.parametrize("name", ["session.vtt", "session-teams.vtt", "session.srt",
                                  "session.csv", "session.json"])  # fmt: skip
def test_every_format_gives_the_same_analysis(analysis, name):
    other = analyse_file(SAMPLES / name, suggestions=False)
    assert [t.text for t in other.turns] == [t.text for t in analysis.turns]
    assert [t.empathy.er.level for t in other.turns if t.empathy] == [
        t.empathy.er.level for t in analysis.turns if t.empathy
    ]


def test_the_named_practitioner_wins_over_the_heuristic():
    transcript = parse_text("Ana: How are you?\nBo: Not great.\nAna: Tell me more?\nBo: Ok.")
    analysis = analyse_transcript(transcript, practitioner="bo", suggestions=False)
    assert analysis.practitioner == "Bo"
    assert [t.role for t in analysis.turns] == ["client", "practitioner"] * 2


def test_an_unknown_practitioner_is_a_transcript_error():
    transcript = parse_text("Ana: Hi\nBo: Hello")
    with pytest.raises(TranscriptError, match="Ana"):
        analyse_transcript(transcript, practitioner="Zed", suggestions=False)


def _client(emotion: str, probability: float, hostility: float = 0.0) -> ClientSignals:
    return ClientSignals(
        emotions=(LabelScore(emotion, probability),),
        emotion_probabilities={emotion: probability},
        distress=4.0,
        hostility="neither",
        hostility_probabilities={"hate": 0.0, "offensive": hostility, "neither": 1 - hostility},
        talk_type="neutral",
        talk_type_probabilities={},
    )


def _empathy(er: int, ip: int) -> EmpathyScore:
    def m(level):
        return MechanismScore(level, (0.0, 0.0, 0.0), ())

    return EmpathyScore(m(er), m(ip), m(0), model="t@0")


@pytest.mark.parametrize(
    "client, empathy, missed",
    [
        (_client("fear", 0.8), _empathy(0, 0), True),
        (_client("fear", 0.8), _empathy(1, 0), False),  # an emotional reaction answers it
        (_client("fear", 0.8), _empathy(0, 2), False),  # so does an interpretation
        (_client("fear", 0.3), _empathy(0, 0), False),  # not a strong emotion
        (_client("joy", 0.9), _empathy(0, 0), False),  # not a negative one
        (_client("neutral", 0.9, hostility=0.7), _empathy(0, 0), True),  # hostility counts
        (None, _empathy(0, 0), False),
    ],
)
def test_missed_empathy_rule(client, empathy, missed):
    assert _missed(client, empathy) is missed


def test_the_analyser_is_loaded_once():
    assert get_analyser() is get_analyser()


def test_given_roles_are_used_as_they_are():
    """A caller that knows each turn's role (the platform stores them) passes them; the speaker
    named as practitioner then only names the practitioner in the result."""
    transcript = parse_text(
        "Counsellor: How have things been this week?\n"
        "Client: Awful. I got an eviction notice and I'm terrified.\n"
        "Counsellor: That sounds frightening.\n",
        format="txt",
    )
    roles = ("client", "practitioner", "client")  # the opposite of what the names suggest
    analysis = analyse_transcript(
        transcript, practitioner="Counsellor", roles=roles, suggestions=False
    )
    assert tuple(t.role for t in analysis.turns) == roles
    assert analysis.turns[1].empathy is not None and analysis.turns[0].empathy is None
    with pytest.raises(ValueError, match="for each turn"):
        analyse_transcript(transcript, practitioner="Counsellor", roles=roles[:2])
    with pytest.raises(ValueError, match="for each turn"):
        analyse_transcript(transcript, practitioner="Counsellor", roles=("client", "x", "client"))


class _CountingAnalyser(TurnSignals):
    """The shipped analyser, noting how many pairs each practitioner scoring call held."""

    def __init__(self, analyser: TurnSignals) -> None:
        super().__init__(analyser.scorer, analyser.signals, analyser.concerns)
        self.calls: list[int] = []

    def practitioner_turns_with_concerns(self, pairs):
        self.calls.append(len(pairs))
        return super().practitioner_turns_with_concerns(pairs)


def test_every_chosen_turns_rewrites_are_scored_in_one_batched_pass():
    analyser = _CountingAnalyser(get_analyser())
    analysis = analyse_file(SAMPLES / "session.txt", analyser=analyser)
    practitioner = sum(1 for t in analysis.turns if t.role == "practitioner")
    assert analyser.calls[0] == practitioner  # the turns: one chunk, under SCORING_CHUNK
    assert any(t.feedback and t.feedback.suggestions for t in analysis.turns)
    # then the library rewrites of every chosen turn together, none scored on its own
    assert len(analyser.calls) == 2 and 1 < analyser.calls[1] <= SCORING_CHUNK


def test_a_rewrite_scored_in_a_batch_reads_as_it_would_alone():
    # Batching never changes what feedback reads from a re-scored rewrite: levels, rationales,
    # concerns and MI codes; a probability may move in its 7th decimal (padded head batches).
    analyser = get_analyser()
    turns = analyse_file(SAMPLES / "session.txt", suggestions=False).turns
    contexts = encoder_contexts(turns)
    pairs = [(contexts[t.index], t.text) for t in turns if t.role == "practitioner"]
    batched = analyser.practitioner_turns_with_concerns(pairs)
    alone = [analyser.practitioner_turn_with_concerns(c, t) for c, t in pairs]
    assert any(concerns for _, _, concerns in alone)
    for (score, signals, concerns), (score_1, signals_1, concerns_1) in zip(
        batched, alone, strict=True
    ):
        assert concerns == concerns_1
        assert (signals.mi_code, signals.miti_code, signals.strategy, signals.credit_doubted) == (
            signals_1.mi_code, signals_1.miti_code, signals_1.strategy, signals_1.credit_doubted
        )  # fmt: skip
        for m in ("er", "ip", "ex"):
            one, other = score.mechanisms[m], score_1.mechanisms[m]
            assert (one.level, one.rationale) == (other.level, other.rationale)
            assert one.probabilities == pytest.approx(other.probabilities, abs=1e-6)
