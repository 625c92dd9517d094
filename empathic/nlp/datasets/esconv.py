"""ESConv (Liu et al., ACL 2021): supporter turns labelled with one of 8 support strategies.

Context for a supporter turn is the seeker's most recent turn (consecutive seeker messages
joined), the issue's setting: what was the supporter answering?
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from empathic.nlp.errors import DataError

STRATEGIES = (
    "Question",
    "Restatement or Paraphrasing",
    "Reflection of feelings",
    "Self-disclosure",
    "Affirmation and Reassurance",
    "Providing Suggestions",
    "Information",
    "Others",
)


@dataclass(frozen=True)
class SupporterTurn:
    context: str
    text: str
    strategy: str


def read_esconv(path: Path) -> list[SupporterTurn]:
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such file")
    turns: list[SupporterTurn] = []
    try:
        with path.open(encoding="utf-8") as handle:
            for line_no, line in enumerate(handle, start=1):
                if line.strip():
                    turns.extend(_conversation(path, line_no, json.loads(line)))
    except UnicodeDecodeError as error:
        raise DataError(f"{path}: not UTF-8 ({error.reason} at byte {error.start})") from None
    except json.JSONDecodeError as error:
        raise DataError(f"{path}: malformed JSON Lines ({error})") from None
    if not turns:
        raise DataError(f"{path}: no supporter turns")
    return turns


def _conversation(path: Path, line_no: int, record: object) -> list[SupporterTurn]:
    if not isinstance(record, dict) or not isinstance(record.get("dialog"), list):
        raise DataError(f"{path}:{line_no}: each line must be an object with a 'dialog' list")
    seeker: list[str] = []
    last_was_seeker = False
    turns = []
    for message in record["dialog"]:
        if not isinstance(message, dict):
            raise DataError(f"{path}:{line_no}: dialog entries must be objects")
        text = str(message.get("text") or "").strip()
        if message.get("speaker") == "usr":
            seeker = [*seeker, text] if last_was_seeker else [text]
            last_was_seeker = True
            continue
        last_was_seeker = False
        strategy = message.get("strategy")
        if strategy not in STRATEGIES:
            raise DataError(f"{path}:{line_no}: unknown strategy {strategy!r}")
        turns.append(SupporterTurn(" ".join(seeker), text, strategy))
    return turns
