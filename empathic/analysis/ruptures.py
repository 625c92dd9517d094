"""Alliance ruptures and their repair, over the turn sequence (Django-free).

A *rupture* is a client turn that turns against the practitioner or the service
(``confrontation``: "You're not listening!", "Don't put this on me") or pulls out of the
conversation (``withdrawal``: "Whatever.", "I don't want to talk about this", "I guess." after
long answers), as a shift from the client's earlier turns: the first client turn cannot be one
(it is where the client starts from), and a client who has sounded that way all along is not
rupturing again each turn. Sadness, distress, ambivalence, sustain talk and anger at someone else
are not ruptures; the per-turn reading is `empathic.nlp.alliance`.

Each rupture is linked to the practitioner turn before it (the likely trigger, with its concerns
when it has any) and followed for up to REPAIR_WINDOW exchanges:

- repaired (``True``): the client comes back (a turn of some length with no confrontation,
  withdrawal or hostility), or the practitioner makes a repair move (apology, acknowledgement of
  their part, reflection of the client's reaction, autonomy support) and the client's next turn
  no longer confronts or withdraws;
- not repaired (``False``): REPAIR_WINDOW exchanges pass without that;
- unknown (``None``): the transcript ends first.

JSON (`empathic analyze --json`, `summary.ruptures`; turn numbers are the 0-based `index` of
`turns`, offsets index that turn's `text`)::

    {"client_turn": 15, "kind": "confrontation", "start": 0, "end": 20, "score": 0.895,
     "cue": "not_listening", "trigger_turn": 14, "trigger_concerns": ["blaming"],
     "repaired": true, "repair_turn": 20, "repair_attempts": [20],
     "repair_moves": ["acknowledgement"], "client_reengaged": 21, "continued_turns": [19]}

``repair_turn`` is the practitioner turn the repair came from (the last with a repair move, else
the one the client came back after); ``repair_attempts`` every practitioner turn in the window
with a repair move (an attempt may not land); ``client_reengaged`` the client turn that came back;
``continued_turns`` later client turns in the window that still confronted or withdrew (part of
the same rupture, not new ones).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from empathic.nlp.alliance import (
    AllianceSignal,
    HeadReadings,
    detect_alliance_signals,
    detect_repair_moves,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from empathic.analysis.results import ClientSignals, TurnAnalysis

REPAIR_WINDOW = 3
"""Exchanges (practitioner turn(s) + the client's answer) in which a repair is looked for."""
REENGAGED_WORDS = 6
"""A client turn of at least this many words (and half the client's usual length) with no
confrontation, withdrawal or hostility has come back to the conversation."""
HOSTILE = 0.5  # P(hate) + P(offensive): a turn this hostile has not come back
REFLECTIONS = frozenset({"simple_reflection", "complex_reflection"})
WARM = ("gratitude", "joy", "relief", "admiration", "love", "optimism", "amusement", "caring")


@dataclass(frozen=True)
class Rupture:
    """One rupture; the JSON shape is in the module docstring."""

    client_turn: int
    kind: str  # confrontation | withdrawal
    start: int  # the phrase in the client turn's text
    end: int
    score: float
    cue: str
    trigger_turn: int | None  # the practitioner turn before it
    trigger_concerns: tuple[str, ...]  # that turn's concern kinds, text order, once each
    repaired: bool | None  # None: the transcript ended before it could be told
    repair_turn: int | None = None
    repair_attempts: tuple[int, ...] = ()
    repair_moves: tuple[str, ...] = ()  # apology | acknowledgement | reflection | autonomy
    client_reengaged: int | None = None
    continued_turns: tuple[int, ...] = ()


def with_ruptures(
    turns: Sequence[TurnAnalysis],
) -> tuple[list[TurnAnalysis], tuple[Rupture, ...]]:
    """The turns with each client turn's alliance signals filled in, and the ruptures."""
    read = _read_client_turns(turns)
    marked = [replace(t, alliance=read[t.index]) if t.index in read else t for t in turns]
    return marked, find_ruptures(marked)


def find_ruptures(turns: Sequence[TurnAnalysis]) -> tuple[Rupture, ...]:
    """Ruptures in turns whose `alliance` signals are filled in (see `with_ruptures`)."""
    clients = [t for t in turns if t.role == "client"]
    ruptures: list[Rupture] = []
    absorbed: set[int] = set()
    for position, turn in enumerate(clients):
        signal = _strongest(turn.alliance)
        if signal is None or turn.index in absorbed:
            continue
        earlier = clients[:position]
        if not _is_shift(signal.kind, earlier):
            continue
        trigger = _practitioner_before(turns, turn.index)
        if trigger is None:  # the client spoke first: nothing of the practitioner's to turn from
            continue
        rupture = _follow(turns, turn, signal, trigger, earlier)
        absorbed.update(rupture.continued_turns)
        ruptures.append(rupture)
    return tuple(ruptures)


def heads_of(client: ClientSignals | None) -> HeadReadings:
    """The trained heads' readings the alliance layer uses."""
    if client is None:
        return HeadReadings()
    p = client.emotion_probabilities
    frustration = client.state_probabilities.get("frustration", 0.0)
    return HeadReadings(
        anger=max(p.get("anger", 0.0), p.get("annoyance", 0.0), frustration),
        disapproval=p.get("disapproval", 0.0),
        positive=max(p.get(label, 0.0) for label in WARM),
        hostility=client.hostility_score,
    )


def _read_client_turns(turns: Sequence[TurnAnalysis]) -> dict[int, tuple[AllianceSignal, ...]]:
    words: list[int] = []
    out: dict[int, tuple[AllianceSignal, ...]] = {}
    for turn in turns:
        if turn.role != "client":
            continue
        before = _practitioner_before(turns, turn.index)
        closed = (
            before is not None
            and before.practitioner is not None
            and before.practitioner.mi_code == "closed_question"
        )
        out[turn.index] = detect_alliance_signals(
            turn.text,
            earlier_words=words,
            answers_closed_question=closed,
            heads=heads_of(turn.client),
        )
        words.append(turn.words)
    return out


def _strongest(signals: Sequence[AllianceSignal]) -> AllianceSignal | None:
    # Confrontation first on a tie: it is the one the practitioner has to answer.
    ranked = sorted(signals, key=lambda s: (-s.score, s.kind != "confrontation", s.start))
    return ranked[0] if ranked else None


def _is_shift(kind: str, earlier: Sequence[TurnAnalysis]) -> bool:
    """The client was not already sounding this way: their last turn did not, nor did half of
    their earlier ones."""
    if not earlier:
        return False
    same = [any(s.kind == kind for s in t.alliance) for t in earlier]
    return not same[-1] and sum(same) * 2 < len(same)


def _practitioner_before(turns: Sequence[TurnAnalysis], index: int) -> TurnAnalysis | None:
    for turn in reversed(turns[:index]):
        if turn.role == "practitioner":
            return turn
    return None


def _moves(turn: TurnAnalysis) -> tuple[str, ...]:
    """Repair moves in a practitioner turn. A turn that also carries a concern ("I'm sorry, but
    you should have...") repairs nothing."""
    if getattr(turn, "concerns", ()):
        return ()
    moves = [m.move for m in detect_repair_moves(turn.text)]
    empathy, signals = turn.empathy, turn.practitioner
    reflects = signals is not None and signals.mi_code in REFLECTIONS
    # The model's reading of a reflection the patterns miss; it must carry feeling (ER) and
    # understanding (IP): the IP head alone credits a warning read back as a "reflection".
    if reflects and empathy is not None and empathy.er.level and empathy.ip.level:
        moves.append("reflection")
    return tuple(dict.fromkeys(moves))


def _follow(
    turns: Sequence[TurnAnalysis],
    turn: TurnAnalysis,
    signal: AllianceSignal,
    trigger: TurnAnalysis,
    earlier: Sequence[TurnAnalysis],
) -> Rupture:
    usual = statistics.median(t.words for t in earlier)
    attempts: list[int] = []
    moves: list[str] = []
    continued: list[int] = []
    repaired: bool | None = None
    repair_turn: int | None = None
    reengaged: int | None = None
    exchanges = 0
    for later in turns[turn.index + 1 :]:
        if later.role == "practitioner":
            found = _moves(later)
            if found:
                attempts.append(later.index)
                moves.extend(found)
            continue
        exchanges += 1
        if later.alliance or (later.client is not None and later.client.hostility_score >= HOSTILE):
            continued.append(later.index)
        elif (came_back := later.words >= max(REENGAGED_WORDS, usual / 2)) or attempts:
            # Back in the conversation; or quiet again after the practitioner owned their part.
            repaired = True
            repair_turn = attempts[-1] if attempts else _before_index(turns, later.index)
            if came_back:
                reengaged = later.index
            break
        if exchanges == REPAIR_WINDOW:
            repaired = False
            break
    return Rupture(
        client_turn=turn.index,
        kind=signal.kind,
        start=signal.start,
        end=signal.end,
        score=signal.score,
        cue=signal.cue,
        trigger_turn=trigger.index,
        trigger_concerns=tuple(dict.fromkeys(c.kind for c in getattr(trigger, "concerns", ()))),
        repaired=repaired,
        repair_turn=repair_turn,
        repair_attempts=tuple(attempts),
        repair_moves=tuple(dict.fromkeys(moves)),
        client_reengaged=reengaged,
        continued_turns=tuple(continued),
    )


def _before_index(turns: Sequence[TurnAnalysis], index: int) -> int | None:
    before = _practitioner_before(turns, index)
    return before.index if before is not None else None
