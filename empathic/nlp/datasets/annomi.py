"""AnnoMI (Wu et al., 2022/2023): MI transcripts labelled per utterance.

Context for an utterance is the two previous utterances of the same transcript (any speaker),
most recent first: `empathic.nlp.context.dialogue_context`, as the analyser reads a turn.
`*_full.csv` has one row per annotator with behaviour subtypes; we take the majority subtype per
utterance.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from empathic.nlp.context import dialogue_context
from empathic.nlp.datasets.common import choice, read_csv_rows
from empathic.nlp.errors import DataError

if TYPE_CHECKING:
    from pathlib import Path

BEHAVIOURS = ("question", "reflection", "therapist_input", "other")
TALK_TYPES = ("change", "neutral", "sustain")
SUBTYPES = {
    "reflection": ("simple", "complex"),
    "question": ("open", "closed"),
    "therapist_input": ("information", "advice", "negotiation", "options"),
}
"""Subtype columns of the full files, keyed by the behaviour they refine."""
SUBTYPE_COLUMNS = {
    "reflection": "reflection_subtype",
    "question": "question_subtype",
    "therapist_input": "therapist_input_subtype",
}
REQUIRED = ("transcript_id", "utterance_id", "interlocutor", "utterance_text")


@dataclass(frozen=True)
class Utterance:
    transcript_id: str
    utterance_id: int
    interlocutor: str  # "therapist" or "client"
    text: str
    context: str  # dialogue_context of the previous utterances, "" for the first
    behaviour: str | None  # therapist rows
    talk_type: str | None  # client rows


def read_annomi(path: Path) -> list[Utterance]:
    """Utterances of a main AnnoMI file (train.csv / dev.csv shape), in transcript order."""
    raw = read_csv_rows(path, (*REQUIRED, "main_therapist_behaviour", "client_talk_type"))
    parsed = []
    for line, row in enumerate(raw, start=2):
        speaker = choice(path, line, row["interlocutor"], ("therapist", "client"), "interlocutor")
        behaviour = talk = None
        if speaker == "therapist":
            behaviour = choice(
                path, line, row["main_therapist_behaviour"], BEHAVIOURS, "main_therapist_behaviour"
            )
        else:
            talk = choice(path, line, row["client_talk_type"], TALK_TYPES, "client_talk_type")
        parsed.append((row["transcript_id"], _int(path, line, row["utterance_id"]), speaker,
                       row["utterance_text"], behaviour, talk))  # fmt: skip
    return _with_context(parsed)


def read_annomi_subtypes(path: Path) -> dict[str, list[tuple[str, str, str]]]:
    """Per behaviour, (context, text, majority subtype) from a `*_full.csv` file."""
    raw = read_csv_rows(path, (*REQUIRED, *SUBTYPE_COLUMNS.values(), "main_therapist_behaviour"))
    texts: dict[tuple[str, int], tuple[str, str]] = {}
    votes: dict[str, dict[tuple[str, int], Counter]] = defaultdict(lambda: defaultdict(Counter))
    for line, row in enumerate(raw, start=2):
        key = (row["transcript_id"], _int(path, line, row["utterance_id"]))
        texts[key] = (row["interlocutor"], row["utterance_text"])
        for behaviour, column in SUBTYPE_COLUMNS.items():
            value = row[column].strip()
            if value in SUBTYPES[behaviour]:
                votes[behaviour][key][value] += 1
    previous: dict[tuple[str, int], str] = {}
    history: list[str] = []
    history_of = None
    for key in sorted(texts):
        if key[0] != history_of:
            history, history_of = [], key[0]
        previous[key] = dialogue_context(history)
        history.append(texts[key][1])
    out: dict[str, list[tuple[str, str, str]]] = {}
    for behaviour in SUBTYPES:
        out[behaviour] = [
            (previous.get(key, ""), texts[key][1], counter.most_common(1)[0][0])
            for key, counter in sorted(votes[behaviour].items())
        ]
    return out


def _with_context(parsed) -> list[Utterance]:
    parsed.sort(key=lambda p: (p[0], p[1]))
    out = []
    history: list[str] = []
    for i, (tid, uid, speaker, text, behaviour, talk) in enumerate(parsed):
        if not i or parsed[i - 1][0] != tid:
            history = []
        out.append(Utterance(tid, uid, speaker, text, dialogue_context(history), behaviour, talk))
        history.append(text)
    return out


def _int(path: Path, line: int, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise DataError(f"{path}:{line}: utterance_id must be an integer, got {value!r}") from None
