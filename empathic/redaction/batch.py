"""Redaction of whole inputs, as the ``empathic redact`` command reads them: plain functions that
validate everything first and return data, so nothing is printed half-written.

The web path (conversation comments, journal entries, uploads) calls the same ``redact`` that
these functions call.
"""

from __future__ import annotations

import json
from typing import Any

from .redactor import redact


class RedactInputError(ValueError):
    """Input that cannot be redacted; the message is one line, fit for stderr."""


def decode_input(data: bytes) -> str:
    """UTF-8 text (a BOM is dropped); binary, other encodings and empty input are refused."""
    if b"\x00" in data:
        raise RedactInputError("the input is binary, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RedactInputError(
            f"the input is not UTF-8 text (byte {error.start} cannot be decoded)"
        ) from None
    if not text.strip():
        raise RedactInputError("the input is empty")
    return text


def redact_record(text: str) -> dict[str, Any]:
    """``{"text": redacted, "spans": [{"start", "end", "type"}]}``; offsets are into ``text``."""
    result = redact(text)
    spans = [{"start": r.start, "end": r.end, "type": r.kind} for r in result.redactions]
    return {"text": result.text, "spans": spans}


def redact_jsonl(text: str) -> list[dict[str, Any]]:
    """One record per JSON line with a string ``text`` field. Blank lines are skipped; any other
    bad line fails the whole input (with its line number) before anything is redacted."""
    texts: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise RedactInputError(f"line {number}: not valid JSON ({error.msg})") from None
        if not isinstance(row, dict) or "text" not in row:
            raise RedactInputError(f'line {number}: no "text" field')
        if not isinstance(row["text"], str):
            raise RedactInputError(f'line {number}: "text" is not a string')
        texts.append(row["text"])
    if not texts:
        raise RedactInputError("the input has no JSON lines")
    return [redact_record(t) for t in texts]


def render_jsonl(records: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
