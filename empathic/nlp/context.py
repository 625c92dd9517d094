"""What a turn is read with: the turns before it, most recent first.

The v2 encoder reads every turn of a conversation as the pair (context, turn), with the context
built here, at training and at run time alike. Two previous turns (the one being answered and
the one before it) is the M3TCM setting that lifted AnnoMI most in the literature; more costs
encoder time on every turn and the pair encoder caps the context at `max_context_tokens` anyway.
Most recent first, because the pair encoder keeps the *start* of a context that is too long: the
turn being answered survives and the older one is cut first. A help-seeking post (EPITOME) is a
context of one turn, so both data shapes look alike to the encoder.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

CONTEXT_TURNS = 2
SEPARATOR = " | "


def dialogue_context(previous: Sequence[str], turns: int = CONTEXT_TURNS) -> str:
    """The last `turns` texts of `previous` (in conversation order), most recent first."""
    recent = [text.strip() for text in previous[-turns:] if text and text.strip()]
    return SEPARATOR.join(reversed(recent))
