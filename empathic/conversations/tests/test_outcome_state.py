"""How an analysis job ended: a StrEnum whose values are the strings logs and commands print."""

from __future__ import annotations

import json

from empathic.conversations.jobs import Outcome, OutcomeState


def test_the_states_and_their_values_are_the_ones_printed_before():
    assert [state.value for state in OutcomeState] == [
        "done", "failed", "lost", "finished", "busy", "gone"
    ]  # fmt: skip
    outcome = Outcome(OutcomeState.BUSY, retry_in=3.0)
    assert outcome.state == "busy" and f"{outcome.state}" == "busy" and str(outcome.state) == "busy"
    assert json.dumps(outcome.state) == '"busy"'  # what a Celery task returns, serialised
