"""How a turn is read with the turns before it, and how the context is capped."""

from empathic.nlp.context import dialogue_context
from empathic.nlp.encoding import token_budget


def test_the_turn_being_answered_comes_first():
    previous = ["Hello, how can I help?", "I lost my job.", "That sounds hard."]
    assert dialogue_context(previous) == "That sounds hard. | I lost my job."


def test_short_histories_and_blank_turns():
    assert dialogue_context([]) == ""
    assert dialogue_context(["Only one turn."]) == "Only one turn."
    assert dialogue_context(["  ", "I'm here."]) == "I'm here."
    assert dialogue_context(["a", "b", "c"], turns=1) == "c"


def test_context_cap_leaves_room_for_the_response():
    # uncapped: a long context takes all the room the response leaves
    assert token_budget(500, 20, max_tokens=256) == (233, 20)
    # capped at 96: encoder time is spent on the turn, not on old context
    assert token_budget(500, 20, max_tokens=256, max_context_tokens=96) == (96, 20)
    # a long response still keeps its 32 context pieces
    assert token_budget(500, 400, max_tokens=256, max_context_tokens=96) == (32, 221)


def test_pair_encoder_keeps_the_most_recent_turn(scorer):
    from empathic.nlp.encoding import PairEncoder

    encoder = PairEncoder(scorer.pair_encoder.tokenizer, max_tokens=64, max_context_tokens=4)
    context = dialogue_context(["old turn " * 30, "my landlord is evicting me"])
    batch = encoder.encode([(context, "That sounds frightening.")])
    ids = batch.input_ids[0].tolist()
    text = scorer.pair_encoder.tokenizer.decode(ids)
    assert "landlord" in text and "old" not in text
    assert len(ids) <= 64
